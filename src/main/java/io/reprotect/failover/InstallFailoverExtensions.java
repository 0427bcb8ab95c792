package io.reprotect.failover;

import io.reprotect.cloud.VmExtensions;
import io.reprotect.cloud.VmShape;
import io.reprotect.job.Redaction;
import io.reprotect.pipeline.Outcome;
import io.reprotect.pipeline.OutputKey;
import io.reprotect.pipeline.StageContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Reinstalls on the failed-over VM the extensions captured from the old primary VM: type, publisher,
 * version and public settings. ARM never returns protected settings, so an extension that takes them (or
 * may: every one not known to take none) is not installed without them: installing it with public
 * settings alone could run it half-configured. Those are listed in the job output
 * {@value #NEEDING_PROTECTED_SETTINGS} for a person to install with their protected settings. Installing is best
 * effort: an extension that fails is listed in {@value #FAILED} and the failover completes (its VM runs).
 *
 * <p>Idempotency: each install is ARM's PUT of the same extension, which changes nothing the second time.
 */
@ApplicationScoped
public class InstallFailoverExtensions extends PlannedStage {

    public static final String NAME = "install-failover-extensions";
    /** Job output: names of the extensions installed. */
    public static final OutputKey<List<String>> INSTALLED = OutputKey.listOf("installedExtensions", String.class);
    /** Job output: extensions whose install failed, each "name: error"; the failover completes without them. */
    public static final OutputKey<List<String>> FAILED = OutputKey.listOf("extensionsFailed", String.class);
    /** Job output: names of the extensions that need their protected settings supplied again. */
    public static final OutputKey<List<String>> NEEDING_PROTECTED_SETTINGS =
            OutputKey.listOf("extensionsNeedingProtectedSettings", String.class);

    private final VmExtensions extensions;

    public InstallFailoverExtensions(VmExtensions extensions) {
        super(NAME);
        this.extensions = extensions;
    }

    @Override
    protected Outcome run(StageContext context, FailoverPlan plan) {
        String vmId = context.require(FailoverOutputs.VM);
        List<VmShape.Extension> captured = plan.shape().extensions() == null ? List.of() : plan.shape().extensions();
        List<String> installed = new ArrayList<>();
        List<String> needing = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (VmShape.Extension e : captured) {
            if (e.protectedSettingsRequired()) {
                needing.add(e.name());
                continue;
            }
            try {
                extensions.install(vmId, plan.region(), e);
                installed.add(e.name());
            } catch (RuntimeException installFailed) {
                // best effort: the VM already runs; failing the failover now would leave only a way that deletes it
                failed.add(e.name() + ": " + Redaction.redact(String.valueOf(installFailed.getMessage())));
            }
        }
        return Outcome.next(INSTALLED.of(installed), NEEDING_PROTECTED_SETTINGS.of(needing), FAILED.of(failed));
    }
}
