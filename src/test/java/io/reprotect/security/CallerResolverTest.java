package io.reprotect.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reprotect.job.RequestedBy;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Who a request comes from, as the role check reads it from the headers. */
class CallerResolverTest {

    static SecurityConfig config(boolean easyAuth, Role keyRole) {
        return new SecurityConfig() {
            @Override
            public boolean easyAuthEnabled() {
                return easyAuth;
            }

            @Override
            public Role functionKeyRole() {
                return keyRole;
            }

            @Override
            public TwoPersonRule twoPersonRule() {
                return new TwoPersonRule() {
                    @Override
                    public boolean enabled() {
                        return false;
                    }

                    @Override
                    public Duration approvalTimeLimit() {
                        return Duration.ofHours(1);
                    }
                };
            }
        };
    }

    static Caller resolve(SecurityConfig config, Map<String, String> headers) {
        Map<String, String> ci = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        ci.putAll(headers);
        return new CallerResolver(config).resolve(ci::get);
    }

    @Test
    void aKeyHolderHasTheConfiguredRoleAndIsRecordedWithoutTheKey() {
        Caller caller = resolve(config(false, Role.OPERATOR), Map.of("x-functions-key", "secret-key-value",
                "X-Forwarded-For", "203.0.113.9, 198.51.100.7:51234", "User-Agent", "azure-logic-apps/1.0"));
        assertThat(caller.role()).contains(Role.OPERATOR);
        assertThat(caller.who().kind()).isEqualTo(RequestedBy.RequesterKind.FunctionKey);
        assertThat(caller.who().name()).isEqualTo("function key");
        assertThat(caller.who().clientIp()).as("the front end's entry, not the client's own").isEqualTo("198.51.100.7");
        assertThat(caller.who().userAgent()).isEqualTo("azure-logic-apps/1.0");
        assertThat(caller.who().toString()).doesNotContain("secret-key-value");
    }

    @Test
    void theDefaultKeyRoleIsOperatorSoAKeyAloneCannotDisableProtection() {
        assertThat(Role.valueOf("OPERATOR").includes(Role.ADMINISTRATOR)).isFalse();
        assertThat(SecurityConfig.class.getMethods()).anySatisfy(m -> assertThat(m.getName()).isEqualTo("functionKeyRole"));
        assertThat(new io.smallrye.config.SmallRyeConfigBuilder().withMapping(SecurityConfig.class).build()
                .getConfigMapping(SecurityConfig.class).functionKeyRole()).isEqualTo(Role.OPERATOR);
        assertThat(new io.smallrye.config.SmallRyeConfigBuilder().withMapping(SecurityConfig.class)
                .withDefaultValue("reprotect.security.function-key-role", "Administrator").build()
                .getConfigMapping(SecurityConfig.class).functionKeyRole())
                .as("the infra's spelling").isEqualTo(Role.ADMINISTRATOR);
    }

    @Test
    void anEntraPrincipalHasItsHighestAppRole() {
        Map<String, String> headers = new HashMap<>(Principals.of(Role.OPERATOR, "oid-1", "alice@contoso.com"));
        Caller caller = resolve(config(true, Role.OPERATOR), headers);
        assertThat(caller.role()).contains(Role.OPERATOR);
        assertThat(caller.who().kind()).isEqualTo(RequestedBy.RequesterKind.EntraPrincipal);
        assertThat(caller.who().id()).isEqualTo("oid-1");
        assertThat(caller.who().name()).isEqualTo("alice@contoso.com");
        assertThat(caller.who().identityProvider()).isEqualTo("aad");
    }

    @Test
    void aPrincipalWithoutAnAppRoleHasNone() {
        Caller caller = resolve(config(true, Role.ADMINISTRATOR), Principals.of(null, "oid-2", "bob"));
        assertThat(caller.role()).isEqualTo(Optional.empty());
        assertThat(caller.roleName()).isEqualTo("none");
        assertThat(caller.mayAct(Role.READER)).isFalse();
    }

    @Test
    void principalHeadersWithoutEasyAuthAreRefusedAsForged() {
        assertThatThrownBy(() -> resolve(config(false, Role.ADMINISTRATOR),
                Principals.of(Role.ADMINISTRATOR, "oid-3", "mallory")))
                .isInstanceOf(ForgedPrincipalException.class).hasMessageContaining("easy-auth-enabled is false");
        assertThatThrownBy(() -> resolve(config(false, Role.ADMINISTRATOR), Map.of("X-MS-CLIENT-PRINCIPAL-NAME", "x")))
                .isInstanceOf(ForgedPrincipalException.class);
    }

    @Test
    void aPrincipalEasyAuthCouldNotHaveWrittenIsRefused() {
        assertThatThrownBy(() -> resolve(config(true, Role.OPERATOR), Map.of("X-MS-CLIENT-PRINCIPAL", "not base64!")))
                .isInstanceOf(ForgedPrincipalException.class);
        assertThatThrownBy(() -> resolve(config(true, Role.OPERATOR), Map.of("X-MS-CLIENT-PRINCIPAL",
                java.util.Base64.getEncoder().encodeToString("{\"claims\":[]}".getBytes()))))
                .isInstanceOf(ForgedPrincipalException.class).hasMessageContaining("no principal id");
        assertThatThrownBy(() -> resolve(config(true, Role.OPERATOR),
                Map.of("X-MS-CLIENT-PRINCIPAL", "A".repeat(CallerResolver.MAX_PRINCIPAL_CHARS + 1))))
                .isInstanceOf(ForgedPrincipalException.class);
    }

    @Test
    void controlCharactersInNamesAreEscapedAndLongAgentsShortened() {
        Caller caller = resolve(config(false, Role.OPERATOR), Map.of("User-Agent", "x".repeat(1000),
                "X-Forwarded-For", "[2001:db8::1]:443"));
        assertThat(caller.who().userAgent()).hasSizeLessThanOrEqualTo(RequestedBy.MAX_USER_AGENT_CHARS + 3);
        assertThat(caller.who().clientIp()).isEqualTo("2001:db8::1");
    }
}
