package io.reprotect.security;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The app behind App Service Authentication (principal headers trusted), with the two-person rule on. */
public class EasyAuthProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("reprotect.security.easy-auth-enabled", "true",
                "reprotect.security.two-person-rule.enabled", "true");
    }
}
