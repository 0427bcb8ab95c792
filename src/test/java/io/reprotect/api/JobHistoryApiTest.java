package io.reprotect.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.reprotect.job.Job;
import io.reprotect.job.JobState;
import io.reprotect.job.JobStore;
import io.reprotect.job.TestJobs;
import io.reprotect.job.Versioned;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
class JobHistoryApiTest {

    @Inject
    JobStore store;

    /** A day of its own in the past, so that time filters in one test see only that test's jobs. */
    static Instant someDayLongAgo() {
        return Instant.parse("2001-01-01T00:00:00Z").plus(Duration.ofDays(ThreadLocalRandom.current().nextInt(3000)));
    }

    /** Stores an ended job of the VM created at {@code createdAt}, the way the job store stores any job. */
    Job ended(String vmName, Instant createdAt, JobState state) {
        Job fresh = TestJobs.newJob(vmName);
        Job job = new Job(fresh.id(), fresh.workflow(), fresh.vmId(), fresh.request(), fresh.state(), fresh.tasks(), false,
                fresh.pending(), fresh.sequence(), fresh.outputs(), createdAt, createdAt);
        Versioned<Job> created = store.create(job);
        return store.update(job.withState(state).withoutPending(), created.etag()).value();
    }

    static JsonPath get(String pathAndQuery) {
        return given().urlEncodingEnabled(false).get(pathAndQuery).then().statusCode(200)
                .contentType("application/json").extract().jsonPath();
    }

    static String enc(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void aVmsJobsComeNewestFirstAcrossPagesLinkedByNextLink() {
        String vm = "hist-" + UUID.randomUUID().toString().substring(0, 8);
        Instant day = someDayLongAgo();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(0, ended(vm, day.plus(Duration.ofHours(i)), JobState.Succeeded).id());
        }
        ended("other-" + vm, day.plus(Duration.ofMinutes(30)), JobState.Succeeded);
        String vmId = TestJobs.request(vm).vmId().id().toUpperCase(Locale.ROOT); // ids are case-insensitive

        List<String> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String next = "/jobs?vmId=" + enc(vmId) + "&$top=2";
        while (next != null) {
            JsonPath page = get(next);
            List<String> ids = page.getList("value.id");
            seen.addAll(ids);
            pageSizes.add(ids.size());
            String link = page.getString("nextLink");
            next = link == null ? null : URI.create(link).getRawPath().replaceFirst("^/api", "") + "?"
                    + URI.create(link).getRawQuery();
            assertThat(pageSizes).hasSizeLessThan(10);
        }
        assertThat(seen).containsExactlyElementsOf(created);
        assertThat(pageSizes).containsExactly(2, 2, 1);
    }

    @Test
    void stateAndTimeFiltersNarrowTheHistory() {
        String vm = "hist-" + UUID.randomUUID().toString().substring(0, 8);
        Instant day = someDayLongAgo();
        Job oldFailed = ended(vm, day.plus(Duration.ofHours(1)), JobState.Failed);
        Job succeeded = ended(vm, day.plus(Duration.ofHours(2)), JobState.Succeeded);
        Job newFailed = ended(vm, day.plus(Duration.ofHours(3)), JobState.Failed);
        String byVm = "/jobs?vmId=" + enc(succeeded.vmId());

        assertThat(get(byVm + "&state=failed").getList("value.id", String.class))
                .containsExactly(newFailed.id(), oldFailed.id());
        String window = "&createdAfter=" + enc(day.plus(Duration.ofHours(2)).toString())
                + "&createdBefore=" + enc(day.plus(Duration.ofHours(3)).toString());
        assertThat(get(byVm + window).getList("value.id", String.class)).containsExactly(succeeded.id());
        // a time window alone (no VM) sees that day's jobs across VMs, with offsets other than Z
        String offsetWindow = "/jobs?createdAfter=" + enc(day.atOffset(java.time.ZoneOffset.ofHours(2)).toString())
                + "&createdBefore=" + enc(day.plus(Duration.ofHours(1)).plusMillis(1).toString()) + "&state=Failed";
        assertThat(get(offsetWindow).getList("value.id", String.class)).contains(oldFailed.id())
                .doesNotContain(succeeded.id(), newFailed.id());
        assertThat(get(byVm + "&operation=Reprotect").getList("value.id", String.class)).hasSize(3);
    }

    @Test
    void aSubmittedReprotectIsInItsVmsHistoryWithItsState() {
        String vm = ReprotectApiTest.uniqueVm();
        String id = ReprotectApiTest.post(ReprotectApiTest.request(vm, "")).then().statusCode(202)
                .extract().path("id");
        String vmId = TestJobs.request(vm).vmId().id();
        get("/jobs?vmId=" + enc(vmId.toLowerCase(Locale.ROOT))).getList("value.id", String.class)
                .forEach(found -> assertThat(found).isEqualTo(id));
        given().urlEncodingEnabled(false).get("/jobs?vmId=" + enc(vmId) + "&state=NotStarted").then()
                .statusCode(200).body("value.id", hasItem(id)).body("value[0].vmId", equalTo(vmId));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "vmId|/subscriptions/x/resourceGroups/rg",
        "operation|explode",
        "state|Broken",
        "createdAfter|yesterday",
        "createdBefore|2026-11-20T08:00:00",
        "$top|0",
        "$top|201",
        "$top|ten",
        "$skipToken|not-a-token"
    })
    void aBadParameterIsA400ProblemNamingIt(String name, String value) {
        given().urlEncodingEnabled(false).get("/jobs?" + name + "=" + enc(value)).then().statusCode(400)
                .contentType(ProblemDetails.MEDIA_TYPE)
                .body("errors[0].field", equalTo(name));
    }

    @Test
    void anEmptyTimeWindowIsRefusedNamingCreatedBefore() {
        given().urlEncodingEnabled(false)
                .get("/jobs?createdAfter=2026-11-20T08:00:00Z&createdBefore=2026-11-20T07:00:00Z")
                .then().statusCode(400).body("errors[0].field", equalTo("createdBefore"));
    }
}
