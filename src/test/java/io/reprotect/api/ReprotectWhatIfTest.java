package io.reprotect.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.reprotect.failover.FailoverRecord;
import io.reprotect.local.AzuriteContents;
import io.reprotect.local.arm.ArmStandIn;
import io.reprotect.local.arm.LocalArmLifecycle;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code POST /api/reprotect?whatIf=true}: what reprotect would do, and proof that asking changes nothing. */
@QuarkusTest
class ReprotectWhatIfTest {

    static final long GIB = 1L << 30;

    @Inject
    LocalArmLifecycle arm;

    /** A failed-over VM of its own (two 1 GiB disks) with its old primary VM in an availability set. */
    record Scenario(String name, String sub, String sourceVm, String oldVm, List<String> oldDisks,
            List<String> sourceDisks, String avset) {

        String body() {
            return "{\"vmId\": \"" + sourceVm + "\", \"failoverDirection\": \"RecoveryToPrimary\", "
                    + "\"primaryRegion\": \"westeurope\"}";
        }
    }

    Scenario seed() {
        ArmStandIn s = arm.standIn();
        String sub = s.subscriptionId();
        String name = "wi" + UUID.randomUUID().toString().substring(0, 6);
        String rg = name + "-rg";
        String asr = name + "-rg-asr";
        s.createResourceGroup(sub, rg, ArmStandIn.PRIMARY_REGION, Map.of());
        s.createResourceGroup(sub, asr, ArmStandIn.SECONDARY_REGION, Map.of());
        String avset = s.createAvailabilitySet(sub, rg, name + "-avset", ArmStandIn.PRIMARY_REGION);
        String tOs = s.createDisk(sub, rg, name + "-os", ArmStandIn.PRIMARY_REGION, 1, "Premium_LRS");
        String tData = s.createDisk(sub, rg, name + "-data", ArmStandIn.PRIMARY_REGION, 1, "Premium_LRS");
        String oldVm = s.createVm(sub, rg, name, ArmStandIn.PRIMARY_REGION, tOs, List.of(tData), avset, Map.of(),
                "deallocated");
        String sOs = s.createDisk(sub, asr, name + "-os-asr", ArmStandIn.SECONDARY_REGION, 1, "Premium_LRS");
        String sData = s.createDisk(sub, asr, name + "-data-asr", ArmStandIn.SECONDARY_REGION, 1, "Premium_LRS");
        String sourceId = "/subscriptions/" + sub + "/resourceGroups/" + asr
                + "/providers/Microsoft.Compute/virtualMachines/" + name;
        String source = s.createVm(sub, asr, name, ArmStandIn.SECONDARY_REGION, sOs, List.of(sData), null, Map.of(
                FailoverRecord.TAG_SOURCE_VM, oldVm, FailoverRecord.TAG_SOURCE_RG, rg,
                FailoverRecord.TAG_SOURCE_REGION, ArmStandIn.PRIMARY_REGION,
                FailoverRecord.TAG_STATE, FailoverRecord.COMMITTED, FailoverRecord.TAG_RECOVERY_VM, sourceId),
                "running");
        return new Scenario(name, sub, source, oldVm, List.of(tOs, tData), List.of(sOs, sData), avset);
    }

    static JsonPath whatIf(String body) {
        return given().contentType("application/json").body(body).post("/reprotect?whatIf=true")
                .then().statusCode(200).contentType("application/json").extract().jsonPath();
    }

    static List<String> azurite() {
        return AzuriteContents.all();
    }

    @Test
    void theWhatIfOperationOfItsOwnAnswersAsTheParameterDoesAndStartsNothing() {
        Scenario s = seed();
        JsonPath viaParameter = whatIf(s.body());
        JsonPath viaOperation = given().contentType("application/json").body(s.body()).post("/reprotect/whatIf")
                .then().statusCode(200).contentType("application/json").extract().jsonPath();
        assertThat(viaOperation.getString("status")).isEqualTo(viaParameter.getString("status"));
        assertThat(viaOperation.getList("changes.resourceId")).isEqualTo(viaParameter.getList("changes.resourceId"));
        given().queryParam("vmId", s.sourceVm()).get("/jobs").then().statusCode(200).body("value.size()", equalTo(0));
        given().post("/protected-items/" + "0".repeat(32) + "/disable-protection/whatIf").then().statusCode(404);
    }

    @Test
    void whatIfListsCreatesReusesAndDeletesAndBoundsTheBytesFromTheSourceDisks() {
        Scenario s = seed();
        JsonPath answer = whatIf(s.body());
        assertThat(answer.getString("status")).isEqualTo("Succeeded");
        assertThat(answer.getList("checks.result", String.class)).containsOnly("Passed").hasSize(4);
        List<Map<String, String>> changes = answer.getList("changes");
        assertThat(changes).anySatisfy(c -> {
            assertThat(c.get("resourceId")).endsWith("/resourceGroups/" + s.name() + "-rg");
            assertThat(c.get("changeType")).isEqualTo("NoChange");
        });
        assertThat(changes).filteredOn(c -> c.get("resourceId").contains("/Microsoft.Storage/storageAccounts/")
                && !c.get("resourceId").contains("/blobs/")).extracting(c -> c.get("changeType"))
                .containsExactly("Create", "Create"); // cache and target accounts do not exist yet
        assertThat(changes).anySatisfy(c -> {
            assertThat(c.get("resourceId")).isEqualTo(s.avset());
            assertThat(c.get("changeType")).isEqualTo("NoChange");
        });
        assertThat(changes).anySatisfy(c -> {
            assertThat(c.get("resourceId")).isEqualTo(s.oldVm());
            assertThat(c.get("changeType")).isEqualTo("Delete");
        });
        assertThat(changes).filteredOn(c -> c.get("resourceId").contains("/blobs/")).hasSize(2)
                .allSatisfy(c -> assertThat(c.get("changeType")).isEqualTo("Create"));
        assertThat(answer.getLong("transfer.bytesUpperBound")).isEqualTo(2 * GIB);
        assertThat(answer.getList("transfer.disks.seedDiskId", String.class)) // Compute upper-cases the group in attached ids
                .usingElementComparator(String.CASE_INSENSITIVE_ORDER).containsExactlyElementsOf(s.oldDisks());
        assertThat(answer.getString("transfer.basis")).contains("Upper bound");
    }

    @Test
    void whatIfChangesNothingInArmOrStorageAndCreatesNoJob() {
        Scenario s = seed();
        ArmStandIn standIn = arm.standIn();
        List<String> resourcesBefore = standIn.resourceIds();
        List<String> blobsBefore = azurite();
        int requestsBefore = standIn.actionLog().size();

        assertThat(whatIf(s.body()).getString("status")).isEqualTo("Succeeded");

        List<String> requests = standIn.actionLog().subList(requestsBefore, standIn.actionLog().size());
        assertThat(requests).isNotEmpty().allSatisfy(r -> assertThat(r).endsWith("/read"));
        assertThat(standIn.resourceIds()).isEqualTo(resourcesBefore);
        assertThat(standIn.resource(s.oldVm()).toString()).contains("deallocated");
        assertThat(azurite()).isEqualTo(blobsBefore);
        given().urlEncodingEnabled(false).get("/jobs?vmId=" + JobHistoryApiTest.enc(s.sourceVm())).then()
                .statusCode(200).body("value.size()", equalTo(0));
    }

    @Test
    void aVmThatWouldBeRefusedSaysWhichCheckRefusesItAndWhatToDo() {
        Scenario s = seed();
        JsonPath answer = whatIf(s.body().replace("westeurope", "eastus"));
        assertThat(answer.getString("status")).isEqualTo("Refused");
        assertThat(answer.getString("checks.find { it.result == 'Refused' }.name")).isEqualTo("validate-prerequisites");
        assertThat(answer.getString("checks.find { it.result == 'Refused' }.error.code")).isEqualTo("DirectionMismatch");
        assertThat(answer.getString("checks.find { it.result == 'Refused' }.error.recommendedAction"))
                .contains("westeurope");
        assertThat(answer.getList("changes")).isEmpty();
    }

    @Test
    void aVmWithAJobInProgressIsRefusedAsBusy() {
        Scenario s = seed();
        String jobId = given().contentType("application/json").body(s.body()).post("/reprotect")
                .then().statusCode(202).extract().path("id");
        JsonPath answer = whatIf(s.body());
        assertThat(answer.getString("status")).isEqualTo("Refused");
        assertThat(answer.getString("checks.find { it.name == 'vm-not-busy' }.error.message")).contains(jobId);
        // cancelled before its first stage: when another test delivers the queue, it ends without touching ARM
        given().post("/jobs/" + jobId + "/cancel").then().statusCode(202);
    }

    @Test
    void anInvalidRequestIsRefusedAsWithoutWhatIf() {
        given().contentType("application/json").body("{\"vmId\": 1}").post("/reprotect?whatIf=true")
                .then().statusCode(400).contentType(ProblemDetails.MEDIA_TYPE).body("errors.field",
                        org.hamcrest.Matchers.hasItem("vmId"));
    }

    @Test
    void aWhatIfValueOtherThanTrueOrFalseIsRefusedAndStartsNoJob() {
        Scenario s = seed();
        given().contentType("application/json").body(s.body()).post("/reprotect?whatIf=yes")
                .then().statusCode(400).contentType(ProblemDetails.MEDIA_TYPE).body("errors[0].field", equalTo("whatIf"));
        given().urlEncodingEnabled(false).get("/jobs?vmId=" + JobHistoryApiTest.enc(s.sourceVm())).then()
                .statusCode(200).body("value.size()", equalTo(0));
    }
}
