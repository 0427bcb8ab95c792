package io.reprotect.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RequestParserTest {

    static final String VM = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/app-rg-asr"
            + "/providers/Microsoft.Compute/virtualMachines/app01";
    static final String SUB = "/subscriptions/00000000-0000-0000-0000-000000000001";

    private final RequestParser parser = new RequestParser();

    @Test
    void minimalRequestGetsAsrDefaultPolicy() {
        ReprotectRequest request = parser.parse(body(""));
        assertThat(request.vmId().name()).isEqualTo("app01");
        assertThat(request.vmId().resourceGroup()).isEqualTo("app-rg-asr");
        assertThat(request.primaryRegion()).isEqualTo("westeurope");
        assertThat(request.replicationPolicy()).isEqualTo(ReplicationPolicy.DEFAULT);
        assertThat(request.targetStorageAccountId()).isNull();
    }

    @Test
    void everyCustomisationIsParsed() {
        ReprotectRequest request = parser.parse(body(q(", 'targetResourceGroupId': '%1$s/resourceGroups/restored',"
                + " 'targetStorageAccountId': '%1$s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/disksweu',"
                + " 'cacheStorageAccountId': '%1$s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/cacheweu',"
                + " 'availabilitySetId': '%1$s/resourceGroups/rg/providers/Microsoft.Compute/availabilitySets/avset1',"
                + " 'replicationPolicy': {'recoveryPointRetentionInHours': 72, 'crashConsistentFrequencyInMinutes': 10,"
                + " 'appConsistentFrequencyInMinutes': 120}").formatted(SUB)));
        assertThat(request.targetResourceGroupId().name()).isEqualTo("restored");
        assertThat(request.targetStorageAccountId().name()).isEqualTo("disksweu");
        assertThat(request.cacheStorageAccountId().name()).isEqualTo("cacheweu");
        assertThat(request.availabilitySetId().name()).isEqualTo("avset1");
        assertThat(request.replicationPolicy()).isEqualTo(new ReplicationPolicy(72, 10, 120));
    }

    @Test
    void regionDisplayNamesAreNormalised() {
        assertThat(parser.parse(body("").replace("westeurope", "West Europe")).primaryRegion())
                .isEqualTo("westeurope");
    }

    @Test
    void everyInvalidFieldIsReportedAtOnce() {
        String json = """
                {"vmId": "/subscriptions/not-a-guid/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm",
                 "failoverDirection": "PrimaryToRecovery",
                 "primaryRegion": "atlantis",
                 "cacheStorageAccountId": "%1$s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/Bad_Name",
                 "availabilitySetId": "%1$s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm2",
                 "replicationPolicy": {"recoveryPointRetentionInHours": 0, "colour": "blue"},
                 "extra": true}""".formatted(SUB);
        assertThat(fields(json)).containsExactlyInAnyOrder("vmId", "failoverDirection", "primaryRegion",
                "cacheStorageAccountId", "availabilitySetId", "replicationPolicy.recoveryPointRetentionInHours",
                "replicationPolicy.colour", "extra");
    }

    @Test
    void missingRequiredFieldsAreNamed() {
        assertThat(fields("{}")).containsExactlyInAnyOrder("vmId", "failoverDirection", "primaryRegion");
    }

    @Test
    void resourceIdOfWrongTypeIsRefusedWithTheExpectedType() {
        String json = body("").replace("virtualMachines/app01", "availabilitySets/app01");
        assertThatThrownBy(() -> parser.parse(json)).isInstanceOfSatisfying(InvalidRequestException.class,
                e -> assertThat(e.errors().get(0).reason()).contains("Microsoft.Compute/virtualMachines"));
    }

    @Test
    void appConsistentFrequencyMustBeWholeHoursWithinRetention() {
        assertThat(fields(body(q(", 'replicationPolicy': {'appConsistentFrequencyInMinutes': 90}"))))
                .containsExactly("replicationPolicy.appConsistentFrequencyInMinutes");
        assertThat(fields(body(q(", 'replicationPolicy': {'recoveryPointRetentionInHours': 2,"
                + " 'appConsistentFrequencyInMinutes': 240}")))).containsExactly(
                "replicationPolicy.appConsistentFrequencyInMinutes");
        assertThat(parser.parse(body(q(", 'replicationPolicy': {'appConsistentFrequencyInMinutes': 0}")))
                .replicationPolicy().appConsistentFrequencyInMinutes()).isZero();
    }

    @Test
    void wrongJsonTypesAreRefused() {
        assertThat(fields(body(q(", 'replicationPolicy': {'crashConsistentFrequencyInMinutes': '5'}"))))
                .containsExactly("replicationPolicy.crashConsistentFrequencyInMinutes");
        assertThat(fields(body("").replace("\"westeurope\"", "42"))).containsExactly("primaryRegion");
        assertThat(fields("[1, 2]")).containsExactly("$");
    }

    @Test
    void malformedJsonNamesTheLocation() {
        assertThatThrownBy(() -> parser.parse("{\"vmId\": ")).isInstanceOfSatisfying(InvalidRequestException.class,
                e -> assertThat(e.errors().get(0).reason()).startsWith("malformed JSON at line 1"));
    }

    @Test
    void oversizeBodyIsRefused() {
        String json = body(", \"pad\": \"" + "x".repeat(RequestParser.MAX_BODY_BYTES) + "\"");
        assertThatThrownBy(() -> parser.parse(json)).isInstanceOfSatisfying(InvalidRequestException.class,
                e -> assertThat(e.errors().get(0).reason()).contains("larger than"));
    }

    @Test
    void resourceGroupNameEndingInPeriodIsRefused() {
        assertThat(fields(body(", \"targetResourceGroupId\": \"" + SUB + "/resourceGroups/bad.\"")))
                .containsExactly("targetResourceGroupId");
    }

    /** JSON written with single quotes, for readability. */
    static String q(String json) {
        return json.replace('\'', '"');
    }

    private List<String> fields(String json) {
        try {
            parser.parse(json);
        } catch (InvalidRequestException e) {
            return e.errors().stream().map(FieldError::field).toList();
        }
        return List.of();
    }

    static String body(String extra) {
        return """
                {"vmId": "%s", "failoverDirection": "RecoveryToPrimary", "primaryRegion": "westeurope"%s}"""
                .formatted(VM, extra);
    }
}
