package io.reprotect.cloud.azure;

import java.util.Locale;
import java.util.Set;

/**
 * Which VM extensions need protected settings supplied again when the VM is recreated. ARM never
 * returns an extension's {@code protectedSettings}, so the safe answer for an unknown extension is
 * "yes"; only extensions known to take none (or whose secrets come from Key Vault) answer "no".
 */
final class ExtensionSecrets {

    /** Extension types (case-insensitive) that take no protected settings. */
    static final Set<String> WITHOUT_PROTECTED_SETTINGS = Set.of(
            "aadsshloginforlinux", "aadloginforwindows", "azuremonitorlinuxagent", "azuremonitorwindowsagent",
            "dependencyagentlinux", "dependencyagentwindows", "networkwatcheragentlinux",
            "networkwatcheragentwindows", "keyvaultforlinux", "keyvaultforwindows", "configurationforlinux",
            "configurationforwindows", "applicationhealthlinux", "applicationhealthwindows", "bginfo");

    private ExtensionSecrets() {
    }

    static boolean mustBeSuppliedAgain(String type, boolean fromKeyVault) {
        return !fromKeyVault && (type == null || !WITHOUT_PROTECTED_SETTINGS.contains(type.toLowerCase(Locale.ROOT)));
    }
}
