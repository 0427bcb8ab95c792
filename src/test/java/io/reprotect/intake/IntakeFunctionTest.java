package io.reprotect.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.reprotect.job.Job;
import io.reprotect.job.JobState;
import io.reprotect.local.queue.InProcessStageQueue;
import io.reprotect.local.queue.LocalFunctionHost;
import io.reprotect.pipeline.JobService;
import io.reprotect.pipeline.QueueMessage;
import io.reprotect.pipeline.Queues;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The intake queue, delivered to {@link IntakeFunction} by the local host as the Functions host would. */
@QuarkusTest
class IntakeFunctionTest {

    @Inject
    InProcessStageQueue queue;
    @Inject
    LocalFunctionHost host;
    @Inject
    JobService jobs;
    @Inject
    RequestIntake intake;
    @Inject
    IntakeFunction function;

    static String request(String vm) {
        return "{\"vmId\": \"/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/"
                + "Microsoft.Compute/virtualMachines/" + vm + "\", \"failoverDirection\": \"RecoveryToPrimary\","
                + " \"primaryRegion\": \"westeurope\"}";
    }

    private void drop(String messageId, String body) {
        queue.send(new QueueMessage(Queues.INTAKE, messageId, body, null, Map.of()));
        // deliver it as the Functions host would: to the function, with its message id, then complete it
        var envelope = queue.receive(Queues.INTAKE).orElseThrow();
        function.onRequest(envelope.message().body(), envelope.message().messageId(), null);
        queue.complete(envelope);
    }

    @Test
    void validMessageCreatesAJobAndQueuesItsFirstStage() {
        String messageId = UUID.randomUUID().toString();
        int before = queue.peek(Queues.STAGES).size();
        drop(messageId, request("intake-" + messageId.substring(0, 8)));
        Job job = jobs.get(RequestIntake.jobIdFor(messageId)).orElseThrow();
        assertThat(job.state()).isEqualTo(JobState.NotStarted);
        assertThat(queue.peek(Queues.STAGES)).hasSize(before + 1);
    }

    @Test
    void theExamplePayloadIsAValidQueueMessage() throws Exception {
        String messageId = UUID.randomUUID().toString();
        String example = Files.readString(Path.of("examples/intake-queue-message.json"))
                .replace("app01", "example-" + messageId.substring(0, 8));
        drop(messageId, example);
        assertThat(jobs.get(RequestIntake.jobIdFor(messageId))).isPresent();
    }

    @Test
    void redeliveredMessageCreatesNoSecondJob() {
        String messageId = UUID.randomUUID().toString();
        String vm = "intake-dup-" + messageId.substring(0, 8);
        drop(messageId, request(vm));
        Job first = jobs.get(RequestIntake.jobIdFor(messageId)).orElseThrow();
        // the same message delivered again (a lost lock): the host calls the function a second time
        function.onRequest(request(vm), messageId, null);
        assertThat(jobs.get(RequestIntake.jobIdFor(messageId)).orElseThrow().createdAt())
                .isEqualTo(first.createdAt());
        assertThat(queue.peek(Queues.REJECTED).stream().filter(e -> e.message().messageId().equals(messageId)))
                .as("a redelivery is not a rejection").isEmpty();
    }

    @Test
    void invalidMessageIsForwardedToTheRejectedQueueWithTheValidationErrorsAsReason() {
        String messageId = UUID.randomUUID().toString();
        String body = "{\"vmId\": \"not-an-id\", \"failoverDirection\": \"RecoveryToPrimary\", \"primaryRegion\": \"mars\"}";
        drop(messageId, body);
        List<InProcessStageQueue.Envelope> rejected = queue.peek(Queues.REJECTED).stream()
                .filter(e -> e.message().messageId().equals(messageId)).toList();
        assertThat(rejected).hasSize(1);
        assertThat(rejected.get(0).message().body()).isEqualTo(body);
        assertThat(rejected.get(0).properties().get("DeadLetterReason")).isEqualTo("ValidationFailed");
        assertThat(rejected.get(0).properties().get("DeadLetterErrorDescription"))
                .contains("vmId").contains("primaryRegion");
        assertThat(jobs.get(RequestIntake.jobIdFor(messageId))).isEmpty();
    }

    @Test
    void messageForABusyVmIsRejectedNamingTheActiveJob() {
        String vm = "intake-busy-" + UUID.randomUUID().toString().substring(0, 8);
        String first = UUID.randomUUID().toString();
        drop(first, request(vm));
        String second = UUID.randomUUID().toString();
        drop(second, request(vm));
        var rejected = queue.peek(Queues.REJECTED).stream()
                .filter(e -> e.message().messageId().equals(second)).findFirst().orElseThrow();
        assertThat(rejected.properties().get("DeadLetterReason")).isEqualTo("VmBusy");
        assertThat(rejected.properties().get("DeadLetterErrorDescription")).contains(RequestIntake.jobIdFor(first));
    }
}
