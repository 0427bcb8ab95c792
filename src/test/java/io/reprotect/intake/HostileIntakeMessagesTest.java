package io.reprotect.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.quarkus.test.junit.QuarkusTest;
import io.reprotect.local.queue.InProcessStageQueue;
import io.reprotect.pipeline.JobService;
import io.reprotect.pipeline.Queues;
import io.reprotect.request.HostileBodies;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile corpus on the intake queue: the function never throws for bad input (a throw would only
 * redeliver the message until it is dead-lettered without its reason); each message is forwarded to the
 * rejected queue with {@code ValidationFailed} and a description naming the field; no job is created.
 */
@QuarkusTest
class HostileIntakeMessagesTest {

    private static final Map<String, Integer> TALLY = new TreeMap<>();

    @Inject
    IntakeFunction function;
    @Inject
    InProcessStageQueue queue;
    @Inject
    JobService jobs;

    static Stream<HostileBodies> bodies() {
        return HostileBodies.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bodies")
    void hostileMessageIsForwardedToTheRejectedQueueWithItsReason(HostileBodies hostile) {
        String messageId = UUID.randomUUID().toString();
        String body = hostile.text();
        assertThatCode(() -> function.onRequest(body, messageId, null)).as(hostile.name()).doesNotThrowAnyException();
        List<InProcessStageQueue.Envelope> rejected = queue.peek(Queues.REJECTED).stream()
                .filter(e -> e.message().messageId().equals(messageId)).toList();
        boolean created = jobs.get(RequestIntake.jobIdFor(messageId)).isPresent();
        TALLY.merge(created ? "job created" : rejected.size() == 1 ? "rejected with reason" : "lost", 1, Integer::sum);
        TALLY.merge("total", 1, Integer::sum);
        assertThat(created).as(hostile.name() + " creates no job").isFalse();
        assertThat(rejected).as(hostile.name()).hasSize(1);
        assertThat(rejected.get(0).message().body()).isEqualTo(body);
        Map<String, String> properties = rejected.get(0).properties();
        assertThat(properties.get("DeadLetterReason")).isEqualTo("ValidationFailed");
        String description = properties.get("DeadLetterErrorDescription");
        assertThat(description).as(hostile.name()).isNotBlank().hasSizeLessThanOrEqualTo(RequestIntake.MAX_REASON_CHARS);
        if (hostile.field() != null) {
            assertThat(description).as(hostile.name()).contains(hostile.field() + ": ");
        }
        String lower = description.toLowerCase();
        assertThat(List.of("jackson", "feature", "ctrl-char", "fasterxml", "exception", "`"))
                .as(hostile.name() + " names no internals: " + description).noneMatch(lower::contains);
    }

    @AfterAll
    static void tally() {
        System.out.println("Hostile intake messages: " + TALLY);
    }
}
