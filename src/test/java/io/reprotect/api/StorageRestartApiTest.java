package io.reprotect.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import com.azure.storage.blob.BlobServiceClient;
import io.quarkus.test.junit.QuarkusTest;
import io.reprotect.job.StorageConfig;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** The API when the app's storage restarted empty under it (Azurite in memory, restarted). */
@QuarkusTest
class StorageRestartApiTest {

    @Inject
    BlobServiceClient blobs;
    @Inject
    StorageConfig storage;

    @Test
    void aRequestAfterStorageRestartedEmptyIsAcceptedAndItsJobCanBePolled() {
        blobs.getBlobContainerClient(storage.jobContainer()).deleteIfExists(); // what an empty restart leaves

        Response response = given().contentType("application/json")
                .body(ReprotectApiTest.request(ReprotectApiTest.uniqueVm(), "")).post("/reprotect");

        response.then().statusCode(202).body("state", equalTo("NotStarted"));
        given().get("/jobs/" + response.path("id")).then().statusCode(202).body("state", equalTo("NotStarted"));
    }
}
