package io.reprotect.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The failover calls' answers a caller sees before any job starts. */
@QuarkusTest
class FailoverApiTest {

    static final String NO_ITEM = "0123456789abcdef0123456789abcdef";

    @Test
    void aFailoverWithoutTypeIsRefusedNamingTheField() {
        given().contentType("application/json").body("{}").post("/protected-items/" + NO_ITEM + "/failover")
                .then().statusCode(400).contentType("application/problem+json")
                .body("title", equalTo("Invalid failover request"))
                .body("errors[0].field", equalTo("type"));
    }

    @Test
    void unknownFieldsAreRefused() {
        given().contentType("application/json").body("{\"type\":\"Planned\",\"force\":true}")
                .post("/protected-items/" + NO_ITEM + "/failover")
                .then().statusCode(400).body("errors[0].field", equalTo("force"));
    }

    @Test
    void drillKeepListsMustBeArraysOfNames() {
        given().contentType("application/json").body("{\"networkId\":\"x\",\"keepTags\":\"costCenter\"}")
                .post("/protected-items/" + NO_ITEM + "/test-failover")
                .then().statusCode(400).contentType("application/problem+json")
                .body("title", equalTo("Invalid test-failover request"))
                .body("errors[0].field", equalTo("keepTags"));
        given().contentType("application/json").body("{\"networkId\":\"x\",\"keepIdentities\":[\"\"]}")
                .post("/protected-items/" + NO_ITEM + "/test-failover")
                .then().statusCode(400).body("errors[0].field", equalTo("keepIdentities"));
    }

    @Test
    void anUnknownItemIs404() {
        given().contentType("application/json").body("{\"type\":\"Unplanned\"}")
                .post("/protected-items/" + NO_ITEM + "/failover")
                .then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString(NO_ITEM));
        given().get("/protected-items/" + NO_ITEM + "/failover-status").then().statusCode(404);
        given().post("/protected-items/" + NO_ITEM + "/test-failover-cleanup").then().statusCode(404);
    }
}
