package io.reprotect.request;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AzureRegionsTest {

    @Test
    void regionsTheSdkDoesNotNameYetAreStillAccepted() {
        assertThat(AzureRegions.isKnown("austriaeast")).isTrue();
        assertThat(AzureRegions.isKnown("SwedenSouth")).isTrue();
        assertThat(AzureRegions.isKnown("westeurope")).isTrue();
        assertThat(AzureRegions.isKnown("atlantis")).isFalse();
    }

    @Test
    void theExtraListHoldsOnlyWhatTheSdkLacks() {
        assertThat(AzureRegions.NOT_YET_IN_SDK).noneMatch(AzureRegions::declaredBySdk);
    }
}
