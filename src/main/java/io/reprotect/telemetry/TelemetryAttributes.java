package io.reprotect.telemetry;

import io.opentelemetry.api.common.AttributeKey;

/**
 * Attribute names of the app's spans and metrics. Values are ids, names and counts the job record holds
 * anyway; never a URL, key or message text that could carry a secret.
 */
public final class TelemetryAttributes {

    public static final AttributeKey<String> JOB_ID = AttributeKey.stringKey("reprotect.job.id");
    public static final AttributeKey<String> WORKFLOW = AttributeKey.stringKey("reprotect.workflow");
    public static final AttributeKey<String> STAGE = AttributeKey.stringKey("reprotect.stage");
    public static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("reprotect.attempt");
    /** What the attempt decided: completed, skipped, continued, retry, failed or abandoned. */
    public static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("reprotect.outcome");
    /** The job error's code for a failed attempt, the retry reason's kind for a retried one. */
    public static final AttributeKey<String> ERROR_CODE = AttributeKey.stringKey("reprotect.error.code");
    /** OpenTelemetry's semantic-convention key for the class of error. */
    public static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    public static final AttributeKey<String> VM_ID = AttributeKey.stringKey("reprotect.vm.id");
    public static final AttributeKey<String> PROTECTED_ITEM = AttributeKey.stringKey("reprotect.protected_item.id");
    /** What moved bytes: seed (server-side seed copy), resync, replication. */
    public static final AttributeKey<String> TRANSFER_KIND = AttributeKey.stringKey("reprotect.transfer.kind");
    /** The id of the job that scheduled this one (a replication cycle's predecessor). */
    public static final AttributeKey<String> PREDECESSOR_JOB_ID = AttributeKey.stringKey("reprotect.predecessor.job.id");

    private TelemetryAttributes() {
    }
}
