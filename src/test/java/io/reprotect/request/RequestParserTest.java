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
                + " 'appConsistentFrequencyInMinutes': 180}").formatted(SUB)));
        assertThat(request.targetResourceGroupId().name()).isEqualTo("restored");
        assertThat(request.targetStorageAccountId().name()).isEqualTo("disksweu");
        assertThat(request.cacheStorageAccountId().name()).isEqualTo("cacheweu");
        assertThat(request.availabilitySetId().name()).isEqualTo("avset1");
        assertThat(request.replicationPolicy()).isEqualTo(new ReplicationPolicy(72, 10, 180));
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
                 "failoverDirection": "PrimaryToPrimary",
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
        assertThatThrownBy(() -> parser.parse(body(q(", 'replicationPolicy': {'appConsistentFrequencyInMinutes': 120}"))))
                .as("Azure takes an application-consistent restore point at most every 3 hours")
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.errors().get(0).reason())
                        .contains("from 180 to 720 minutes"));
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

    @Test
    void aPolicyErrorCausedByADefaultNamesTheFieldSentAndTheDefault() {
        String json = body(q(", 'replicationPolicy': {'recoveryPointRetentionInHours': 1}"));
        assertThatThrownBy(() -> parser.parse(json)).isInstanceOfSatisfying(InvalidRequestException.class, e -> {
            assertThat(e.errors()).extracting(FieldError::field)
                    .containsExactly("replicationPolicy.recoveryPointRetentionInHours");
            assertThat(e.errors().get(0).reason()).contains("default appConsistentFrequencyInMinutes (240 minutes)");
        });
    }

    @Test
    void everyParserLimitIsA400NamingTheFieldWithLineAndColumn() {
        assertThat(reasons("[".repeat(8000) + "]".repeat(8000))).singleElement().asString()
                .contains("nested deeper than 8 levels").contains("line 1, column");
        assertThat(reasons(body(", \"x\": " + "1".repeat(1500)))).singleElement().asString()
                .startsWith("x: ").contains("number is longer than 20");
        assertThat(reasons(body(", \"x\": \"" + "s".repeat(3000) + "\""))).singleElement().asString()
                .startsWith("x: ").contains("string is longer than 2048");
        assertThat(reasons(body(", \"" + "n".repeat(300) + "\": 1"))).singleElement().asString()
                .contains("field name is longer than 128");
        assertThat(reasons(body(", \"x\": [" + "0,".repeat(600) + "0]"))).singleElement().asString()
                .startsWith("x: ").contains("more than 512 JSON values");
    }

    @Test
    void duplicateKeysTrailingContentAndControlCharactersAreRefusedNamingTheField() {
        assertThat(reasons(q("{'vmId': '%s', 'failoverDirection': 'RecoveryToPrimary', 'primaryRegion': 'mars',"
                + " 'primaryRegion': 'westeurope'}").formatted(VM))).singleElement().asString()
                .startsWith("primaryRegion: ").contains("more than once").contains("line 1, column");
        assertThat(reasons(body("") + "xyz")).singleElement().asString().startsWith("$: ")
                .contains("more after the JSON object");
        assertThat(reasons(body("") + body(""))).singleElement().asString().startsWith("$: ");
        assertThat(reasons(body("").replace("app01", "app01\\u0000"))).singleElement().asString()
                .startsWith("vmId: ").contains("must not contain control").contains("U+0000");
    }

    @Test
    void malformedJsonIsDescribedInTheCallersTerms() {
        assertThat(reasons(body(", /* note */ 'x': 1"))).singleElement().asString()
                .startsWith("$: ").contains("comments are not allowed"); // not blamed on the field before it
        assertThat(reasons(body(q(", 'x': 'a', 'availabilitySetId': '" + SUB + "/resourceGroups/rg/providers/"
                + "Microsoft.Compute/availabilitySets/av\u202eset'")))).contains(
                "availabilitySetId: must not contain control or invisible characters (found U+202E at position 118)");
        assertThat(reasons(body(q(", 'replicationPolicy': {'recoveryPointRetentionInHours': NaN}"))))
                .singleElement().asString().contains("NaN and Infinity are not JSON numbers");
        assertThat(reasons(body(", \"x\": \"a\u0001b\""))).singleElement().asString()
                .contains("raw control character U+0001");
        assertThat(reasons("{'vmId': 1}")).singleElement().asString().contains("double quotes");
    }

    @Test
    void aByteOrderMarkIsIgnoredAndInvalidUtf8Refused() {
        assertThat(parser.parse("\ufeff" + body("")).vmId().name()).isEqualTo("app01");
        byte[] latin1 = body("").replace("westeurope", "west\u00e9urope").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> parser.parse(latin1)).isInstanceOfSatisfying(InvalidRequestException.class,
                e -> assertThat(e.errors().get(0).reason()).contains("not valid UTF-8"));
    }

    private List<String> reasons(String json) {
        try {
            parser.parse(json);
        } catch (InvalidRequestException e) {
            return e.errors().stream().map(f -> f.field() + ": " + f.reason()).toList();
        }
        return List.of();
    }

    /** JSON written with single quotes, for readability. */
    static String q(String json) {
        return json.replace('\'', '"');
    }

    @Test
    void primaryToRecoveryIsADirectionAndAnyOtherIsRefusedNamingBoth() {
        assertThat(parser.parse(body("").replace("RecoveryToPrimary", "PrimaryToRecovery")).primaryToRecovery()).isTrue();
        assertThat(parser.parse(body("")).primaryToRecovery()).isFalse();
        assertThatThrownBy(() -> parser.parse(body("").replace("RecoveryToPrimary", "primarytorecovery")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("'RecoveryToPrimary'")
                .hasMessageContaining("'PrimaryToRecovery'");
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
