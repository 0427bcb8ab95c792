package io.reprotect.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.reprotect.job.Job;
import io.reprotect.job.JobJson;
import io.reprotect.job.JobState;
import io.reprotect.job.RequestedBy;
import io.reprotect.local.queue.InProcessStageQueue;
import io.reprotect.local.queue.LocalFunctionHost;
import io.reprotect.pipeline.JobService;
import io.reprotect.pipeline.QueueMessage;
import io.reprotect.pipeline.Queues;
import io.reprotect.telemetry.TraceParent;
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
    @Inject
    IntakeDeadLetterFunction deadLetterFunction;

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
    void aJobFromTheIntakeQueueJoinsTheTraceTheHostContinuedFromTheMessage() {
        String messageId = UUID.randomUUID().toString();
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        queue.send(new QueueMessage(Queues.INTAKE, messageId, request("intake-trace-" + messageId.substring(0, 8)),
                null, Map.of()));
        var envelope = queue.receive(Queues.INTAKE).orElseThrow();
        function.onRequest(envelope.message().body(), messageId, hostContext("00-" + traceId + "-00f067aa0ba902b7-01"));
        queue.complete(envelope);

        Job job = jobs.get(RequestIntake.jobIdFor(messageId)).orElseThrow();
        assertThat(TraceParent.parse(job.traceParent()).getTraceId()).isEqualTo(traceId);
        QueueMessage first = queue.peek(Queues.STAGES).stream().map(e -> e.message())
                .filter(m -> m.messageId().startsWith(job.id() + ":")).findFirst().orElseThrow();
        assertThat(first.properties().get("Diagnostic-Id")).as("the first stage message carries the trace")
                .contains(traceId);
        assertThat(first.body()).contains(traceId);
    }

    /** What the Functions host hands a trigger: its invocation's trace context. */
    private static com.microsoft.azure.functions.ExecutionContext hostContext(String traceparent) {
        return new com.microsoft.azure.functions.ExecutionContext() {
            public java.util.logging.Logger getLogger() {
                return java.util.logging.Logger.getLogger("intake");
            }

            public String getInvocationId() {
                return "invocation";
            }

            public String getFunctionName() {
                return "reprotect-intake";
            }

            public com.microsoft.azure.functions.TraceContext getTraceContext() {
                return new com.microsoft.azure.functions.TraceContext() {
                    public String getTraceparent() {
                        return traceparent;
                    }

                    public String getTracestate() {
                        return "";
                    }

                    public Map<String, String> getAttributes() {
                        return Map.of();
                    }
                };
            }
        };
    }

    @Test
    void validMessageCreatesAJobAndQueuesItsFirstStage() {
        String messageId = UUID.randomUUID().toString();
        int before = queue.peek(Queues.STAGES).size();
        drop(messageId, request("intake-" + messageId.substring(0, 8)));
        Job job = jobs.get(RequestIntake.jobIdFor(messageId)).orElseThrow();
        assertThat(job.state()).isEqualTo(JobState.NotStarted);
        assertThat(job.requestedBy()).as("the sender as far as Service Bus tells: the queue and the message id")
                .isEqualTo(new RequestedBy(RequestedBy.RequesterKind.ServiceBus,
                        messageId, Queues.INTAKE, null, null, null, null));
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
    void aMessageIdReusedForAnotherRequestIsRejectedNotMistakenForARedelivery() {
        String messageId = UUID.randomUUID().toString();
        drop(messageId, request("intake-a-" + messageId.substring(0, 8)));
        String other = request("intake-b-" + messageId.substring(0, 8));
        function.onRequest(other, messageId, null);
        var rejected = queue.peek(Queues.REJECTED).stream()
                .filter(e -> e.message().messageId().equals(messageId)).findFirst().orElseThrow();
        assertThat(rejected.message().body()).isEqualTo(other);
        assertThat(rejected.properties().get("DeadLetterReason")).isEqualTo("MessageIdReused");
        assertThat(rejected.properties().get("DeadLetterErrorDescription")).contains("different request");
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

    /** Dead-letters an intake message as Service Bus does after 10 failed deliveries, then delivers the dead letter. */
    private void deadLetter(String messageId, String body, boolean functionRanFirst) {
        queue.send(new QueueMessage(Queues.INTAKE, messageId, body, null, Map.of()));
        var envelope = queue.receive(Queues.INTAKE).orElseThrow();
        if (functionRanFirst) {
            // the function ran, but its completion was lost (lock expired): the message stays
            function.onRequest(envelope.message().body(), envelope.message().messageId(), null);
        }
        queue.deadLetter(envelope, "MaxDeliveryCountExceeded",
                "Message could not be consumed after 10 delivery attempts.");
        var dead = queue.receive(Queues.INTAKE + Queues.DEAD_LETTER_SUFFIX).orElseThrow();
        deadLetterFunction.onDeadLetter(dead.message().body(), dead.message().messageId(), dead.deliveryCount(),
                new String(JobJson.write(dead.properties()), java.nio.charset.StandardCharsets.UTF_8), null);
        queue.complete(dead);
    }

    @Test
    void theHostListensOnTheIntakeDeadLetterQueue() {
        assertThat(host.listenedQueues()).contains(Queues.INTAKE + Queues.DEAD_LETTER_SUFFIX);
    }

    @Test
    void deadLetteredRequestIsForwardedToTheRejectedQueueWithItsDeadLetterReason() {
        String messageId = UUID.randomUUID().toString();
        String body = request("intake-dlq-" + messageId.substring(0, 8));
        deadLetter(messageId, body, false);
        var rejected = queue.peek(Queues.REJECTED).stream()
                .filter(e -> e.message().messageId().equals(messageId)).toList();
        assertThat(rejected).hasSize(1);
        assertThat(rejected.get(0).message().body()).isEqualTo(body);
        assertThat(rejected.get(0).properties().get("DeadLetterReason")).isEqualTo("MaxDeliveryCountExceeded");
        assertThat(rejected.get(0).properties().get("DeadLetterErrorDescription")).contains("10 delivery attempts");
        assertThat(jobs.get(RequestIntake.jobIdFor(messageId))).as("a dead letter starts no job").isEmpty();
    }

    @Test
    void deadLetteredRequestThatAlreadyBecameAJobIsNotForwarded() {
        String messageId = UUID.randomUUID().toString();
        String body = request("intake-dlq-job-" + messageId.substring(0, 8));
        // the function created the job, then lost the message lock ten times: the message is dead-lettered
        deadLetter(messageId, body, true);
        assertThat(jobs.get(RequestIntake.jobIdFor(messageId))).isPresent();
        assertThat(queue.peek(Queues.REJECTED).stream().filter(e -> e.message().messageId().equals(messageId)))
                .as("the request runs as a job; it was not rejected").isEmpty();
    }

    /** The portal's Test/Run of a Service Bus function calls it without Service Bus: no MessageId. */
    @Test
    void portalTestRunWithoutAMessageIdStartsOneJobAndASecondRunForTheSameVmIsRejectedAsBusy() {
        String vm = "intake-portal-" + UUID.randomUUID().toString().substring(0, 8);
        String first = intake.accept(request(vm), null);
        assertThat(first).isNotNull();
        assertThat(jobs.get(first)).isPresent();
        int rejectedBefore = queue.peek(Queues.REJECTED).size();
        assertThat(intake.accept(request(vm), null)).as("second run while the first job runs").isNull();
        var rejected = queue.peek(Queues.REJECTED);
        assertThat(rejected).hasSize(rejectedBefore + 1);
        var last = rejected.get(rejected.size() - 1);
        assertThat(last.properties().get("DeadLetterReason")).isEqualTo("VmBusy");
        assertThat(last.message().messageId()).as("a generated id, so the rejected queue can hold it").isNotBlank();
    }

    @Test
    void thePortalTestRunPayloadOfTheDocsIsAcceptedByTheIntakeFunction() throws Exception {
        // docs/deploy.md gives the Test/Run body of the intake function as examples/portal-test-intake.json:
        // {"input": "<the request as a JSON string>"}; the host passes "input" to the function as the message.
        var admin = JobJson.MAPPER.readTree(Files.readString(Path.of("examples/portal-test-intake.json")));
        String message = admin.path("input").asText();
        String vm = "portal-" + UUID.randomUUID().toString().substring(0, 8);
        String jobId = intake.accept(message.replace("app01", vm), null);
        assertThat(jobId).isNotNull();
        assertThat(jobs.get(jobId).orElseThrow().vmId()).endsWith("/" + vm);
    }
}
