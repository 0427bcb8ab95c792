package io.reprotect.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reprotect.pipeline.DeadLetter;
import io.reprotect.pipeline.Queues;
import io.reprotect.pipeline.StageQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A dead-lettered intake request that cannot be forwarded is tried again, but not forever. */
class IntakeDeadLettersTest {

    @Test
    void aForwardThatFailsIsThrownUntilTheLastAttemptThenLetGo() {
        AtomicInteger sends = new AtomicInteger();
        StageQueue down = message -> {
            sends.incrementAndGet();
            throw new IllegalStateException("Service Bus unreachable");
        };
        IntakeDeadLetters deadLetters = new IntakeDeadLetters(new RequestIntake(null, null, down, null), null);
        String properties = "{\"DeadLetterReason\":\"MaxDeliveryCountExceeded\"}";
        for (int delivery = 1; delivery < DeadLetter.MAX_HANDLING_ATTEMPTS; delivery++) {
            DeadLetter d = DeadLetter.of(Queues.INTAKE, "{}", null, delivery, properties);
            assertThatThrownBy(() -> deadLetters.handle(d)).hasMessageContaining("unreachable");
        }
        assertThat(deadLetters.handle(DeadLetter.of(Queues.INTAKE, "{}", null, DeadLetter.MAX_HANDLING_ATTEMPTS,
                properties))).as("given up: the host completes it").isFalse();
        assertThat(sends).hasValue(DeadLetter.MAX_HANDLING_ATTEMPTS);
    }
}
