package io.reprotect.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Who may call what, and the optional two-person rule (docs/operations.md "Security"). */
@ConfigMapping(prefix = "reprotect.security")
public interface SecurityConfig {

    /**
     * True only when App Service Authentication (Easy Auth) runs in front of the app, as the infra sets it with
     * {@code entraAuthEnabled} ({@code REPROTECT_SECURITY_EASY_AUTH_ENABLED}). Easy Auth removes the
     * {@code X-MS-CLIENT-PRINCIPAL*} headers a client sends and sets its own, so only then are they trusted; when
     * false, a request carrying them did not come through Easy Auth and is refused (403 {@code forged-principal}).
     */
    @WithDefault("false")
    boolean easyAuthEnabled();

    /**
     * The role of a caller known only by a function key (no Entra principal): every key holder has it, since the
     * Java worker is not told which key was used. Operator by default: disabling protection and reprotect need an
     * Entra principal with Administrator, unless this is set to Administrator.
     */
    @WithDefault("operator")
    Role functionKeyRole();

    /** The optional two-person rule. */
    TwoPersonRule twoPersonRule();

    /** Destructive operations wait for a second Administrator's approval ({@code POST /api/approvals/{id}}). */
    interface TwoPersonRule {

        /** Off by default. */
        @WithDefault("false")
        boolean enabled();

        /** How long a request waits for its approval before it expires. */
        @WithDefault("PT1H")
        Duration approvalTimeLimit();
    }
}
