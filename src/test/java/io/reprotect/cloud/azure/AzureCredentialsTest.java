package io.reprotect.cloud.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.identity.DefaultAzureCredential;
import com.azure.identity.ManagedIdentityCredential;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** In Azure the app authenticates as its managed identity and nothing else; a developer's machine uses the chain. */
class AzureCredentialsTest {

    @Test
    void inAzureTheCredentialIsTheManagedIdentityNotTheDefaultChain() {
        assertThat(AzureCredentials.create(true, Optional.of("11111111-2222-3333-4444-555555555555"), Optional.empty()))
                .isInstanceOf(ManagedIdentityCredential.class);
        assertThat(AzureCredentials.create(true, Optional.empty(), Optional.empty()))
                .as("system-assigned").isInstanceOf(ManagedIdentityCredential.class);
    }

    @Test
    void outsideAzureItIsTheDeveloperChain() {
        assertThat(AzureCredentials.create(false, Optional.empty(), Optional.of("tenant")))
                .isInstanceOf(DefaultAzureCredential.class);
    }

    @Test
    void armInAzureRefusesToStartWithoutTheAppsCredential() {
        ArmSettings azure = new ArmSettings("https://management.azure.com/", List.of("00000000-0000-0000-0000-000000000001"),
                null, null, null, 0, null, ArmSettings.DEFAULT_BUDGET_RESERVE);
        assertThatThrownBy(() -> ArmManagers.connect(azure, null)).hasMessageContaining("needs a credential");
        assertThat(ArmManagers.connect(azure, AzureCredentials.create(true, Optional.empty(), Optional.empty())))
                .isNotNull();
    }
}
