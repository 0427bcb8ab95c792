package io.reprotect.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The deleted-items and soft-delete settings calls as a caller sees them over HTTP. */
@QuarkusTest
class DeletedItemsApiTest {

    static final String NO_ITEM = "0123456789abcdef0123456789abcdef";

    @Test
    void theListAnswersWithAValueArray() {
        given().get("/deleted-items").then().statusCode(200).contentType("application/json")
                .body("value", notNullValue());
    }

    @Test
    void anUnknownDeletedItemIs404ForEveryCall() {
        given().get("/deleted-items/" + NO_ITEM).then().statusCode(404).contentType("application/problem+json")
                .body("type", endsWith("#deleted-item-not-found")).body("detail", containsString(NO_ITEM));
        given().post("/deleted-items/" + NO_ITEM + "/undelete").then().statusCode(404);
        given().post("/deleted-items/" + NO_ITEM + "/purge").then().statusCode(404);
        given().get("/deleted-items/..%2F..%2Fjobs").then().statusCode(404);
    }

    @Test
    void theRetentionIsAtLeastOneDayAndAChangeIsStored() {
        int before = given().get("/settings/soft-delete").then().statusCode(200).extract().path("retentionDays");
        given().contentType("application/json").body("{\"retentionDays\": 0}").put("/settings/soft-delete")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", endsWith("#invalid-retention")).body("detail", containsString("at least 1"));
        given().contentType("application/json").body("{}").put("/settings/soft-delete")
                .then().statusCode(400).body("type", endsWith("#invalid-retention"));
        given().get("/settings/soft-delete").then().body("retentionDays", equalTo(before));

        given().contentType("application/json").body("{\"retentionDays\": 21}").put("/settings/soft-delete")
                .then().statusCode(200).body("retentionDays", equalTo(21));
        given().get("/settings/soft-delete").then().body("retentionDays", equalTo(21));
        given().contentType("application/json").body("{\"retentionDays\": " + before + "}").put("/settings/soft-delete")
                .then().statusCode(200);
    }
}
