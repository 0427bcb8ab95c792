package io.reprotect.cloud.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArmConfigTest {

    static final String SUB = "00000000-0000-0000-0000-0000000a4e00";
    static final String SUB_B = "00000000-0000-0000-0000-0000000b4e00";

    private static ArmConfig config(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(ArmConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 100)).build();
        return config.getConfigMapping(ArmConfig.class);
    }

    @Test
    void productionDefaultsToPublicArmWithAuthenticationAndNoSdkRetries() {
        ArmSettings s = config(Map.of("reprotect.arm.subscription-id", SUB)).settings();
        assertEquals("https://management.azure.com/", s.endpoint());
        assertFalse(s.anonymous());
        assertEquals(0, s.maxRetries());
        assertEquals(null, s.lroPollInterval());
    }

    @Test
    void loopbackHttpEndpointSelectsTheUnauthenticatedPipeline() {
        ArmSettings s = config(Map.of("reprotect.arm.subscription-id", SUB,
                "reprotect.arm.endpoint", "http://127.0.0.1:8089", "reprotect.arm.lro-poll-interval", "PT0.2S")).settings();
        assertTrue(s.anonymous());
        assertEquals("http://127.0.0.1:8089/", s.endpoint());
        assertEquals(Duration.ofMillis(200), s.lroPollInterval());
    }

    @Test
    void plainHttpToARemoteHostIsRefused() {
        ArmConfig c = config(Map.of("reprotect.arm.subscription-id", SUB, "reprotect.arm.endpoint", "http://example.com/"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, c::settings);
        assertTrue(e.getMessage().contains("reprotect.arm.endpoint"));
    }

    @Test
    void missingSubscriptionNamesTheKeyToSet() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> config(Map.of()).settings());
        assertTrue(e.getMessage().contains("reprotect.arm.subscription-ids"));
        assertTrue(e.getMessage().contains("REPROTECT_ARM_SUBSCRIPTION_IDS"));
    }

    @Test
    void theListOfSubscriptionsIsReadLowercaseWithoutDuplicatesInItsOrder() {
        ArmSettings s = config(Map.of("reprotect.arm.subscription-ids",
                SUB_B.toUpperCase() + ", " + SUB + "," + SUB_B)).settings();
        assertEquals(java.util.List.of(SUB_B, SUB), s.subscriptionIds());
    }

    @Test
    void theOlderSingleSubscriptionSettingStillWorksAndTheListWinsWhenBothAreSet() {
        assertEquals(java.util.List.of(SUB), config(Map.of("reprotect.arm.subscription-id", SUB)).settings()
                .subscriptionIds());
        assertEquals(java.util.List.of(SUB_B), config(Map.of("reprotect.arm.subscription-id", SUB,
                "reprotect.arm.subscription-ids", SUB_B)).settings().subscriptionIds());
    }

    @Test
    void aSubscriptionThatIsNotAGuidIsRefusedAtStartNamingTheSetting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> config(Map.of("reprotect.arm.subscription-ids", SUB + ",my-subscription")).settings());
        assertTrue(e.getMessage().contains("reprotect.arm.subscription-ids"), e.getMessage());
        assertTrue(e.getMessage().contains("my-subscription"), e.getMessage());
    }
}
