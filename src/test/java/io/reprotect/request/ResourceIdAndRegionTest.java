package io.reprotect.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.management.Region;
import org.junit.jupiter.api.Test;

/** Ids go through the SDK's parser and regions come from the SDK's list. */
class ResourceIdAndRegionTest {

    static final String SUB = "00000000-0000-0000-0000-000000000001";

    @Test
    void aVmIdParsesWithTheSdkParserWhateverTheCasingOfItsKeywords() {
        ResourceId id = ResourceId.parse("/subscriptions/" + SUB.toUpperCase() + "/resourcegroups/App-RG/providers/"
                + "Microsoft.Compute/virtualMachines/app01", ResourceId.VIRTUAL_MACHINE);
        assertThat(id.subscriptionId()).isEqualTo(SUB);
        assertThat(id.resourceGroup()).isEqualTo("App-RG");
        assertThat(id.name()).isEqualTo("app01");
        assertThat(ResourceId.parse("/subscriptions/" + SUB + "/resourceGroups/rg1").type())
                .isEqualTo(ResourceId.RESOURCE_GROUP);
    }

    @Test
    void childResourcesAndTrailingSegmentsAreNotIdsOfTheExpectedType() {
        assertThatThrownBy(() -> ResourceId.parse("/subscriptions/" + SUB + "/resourceGroups/rg/providers/"
                + "Microsoft.Network/virtualNetworks/v/subnets/s1")).hasMessageContaining("is not an Azure resource id");
        assertThatThrownBy(() -> ResourceId.parse("/subscriptions/" + SUB + "/resourceGroups/rg/providers/"
                + "Microsoft.Compute/virtualMachines/vm1/extra", ResourceId.VIRTUAL_MACHINE))
                .hasMessageContaining("must be an Azure resource id of type Microsoft.Compute/virtualMachines");
        assertThatThrownBy(() -> ResourceId.parse("/subscriptions/" + SUB + "/resourceGroups/rg/providers/"
                + "Microsoft.Compute/disks/d1", ResourceId.VIRTUAL_MACHINE))
                .hasMessageContaining("not Microsoft.Compute/disks");
    }

    @Test
    void regionsAreTheSdksAndAGuessedNameStaysUnknown() {
        assertThat(AzureRegions.isKnown("westeurope")).isTrue();
        assertThat(AzureRegions.isKnown(AzureRegions.normalize("West US 3"))).isTrue();
        Region.fromName("westmars"); // the SDK registers any name it is asked for
        assertThat(AzureRegions.isKnown("westmars")).isFalse();
        assertThat(Region.values()).extracting(Region::name).contains("westmars");
    }
}
