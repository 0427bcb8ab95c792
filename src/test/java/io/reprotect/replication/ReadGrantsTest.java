package io.reprotect.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.storage.blob.models.BlobStorageException;
import io.reprotect.cloud.AccessGrant;
import io.reprotect.cloud.DiskAccess;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Read access asked for once per copy, not once per slice, and asked for again when the source refuses it. */
class ReadGrantsTest {

    static final String SNAP = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/snapshots/a";
    static final String BASE = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/snapshots/b";

    /** Counts grants and revocations; each grant has a new signature. */
    static final class CountingAccess implements DiskAccess {
        final List<String> granted = java.util.Collections.synchronizedList(new ArrayList<>());
        final List<String> revoked = new ArrayList<>();
        Duration lifetime = Duration.ofHours(1);

        @Override
        public AccessGrant grantRead(String id, Duration duration) {
            granted.add(id);
            return new AccessGrant(id, URI.create("https://md.example/" + id.hashCode() + "?sig=" + granted.size()),
                    Instant.now().plus(lifetime));
        }

        @Override
        public void revoke(String id) {
            revoked.add(id);
        }
    }

    final CountingAccess access = new CountingAccess();
    final ReadGrants grants = new ReadGrants(access, Duration.ofHours(1));

    @Test
    void slicesOfOneCopyShareTheGrantsOfTheFirst() {
        for (int slice = 0; slice < 5; slice++) {
            grants.using(List.of(SNAP, BASE), urls -> urls);
        }
        assertThat(access.granted).containsExactly(SNAP, BASE);

        grants.revoke(SNAP);
        grants.revoke(BASE);
        assertThat(access.revoked).containsExactly(SNAP, BASE);
        grants.using(List.of(SNAP), urls -> urls);
        assertThat(access.granted).as("revoked: asked for again").containsExactly(SNAP, BASE, SNAP);
    }

    @Test
    void aGrantNearItsExpiryIsAskedForAgain() {
        access.lifetime = Duration.ofMinutes(10); // of the hour asked for: under a quarter left already
        grants.using(List.of(SNAP), urls -> urls);
        grants.using(List.of(SNAP), urls -> urls);
        assertThat(access.granted).containsExactly(SNAP, SNAP);
    }

    /** Access whose grants take until {@link #release} opens, as a long-running operation would. */
    final class SlowAccess implements DiskAccess {
        final CountDownLatch release = new CountDownLatch(1);
        volatile RuntimeException failure;

        @Override
        public AccessGrant grantRead(String id, Duration duration) {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (failure != null) {
                throw failure;
            }
            return access.grantRead(id, duration);
        }

        @Override
        public void revoke(String id) {
            access.revoke(id);
        }
    }

    private static Optional<Duration> untilReady(ReadGrants grants, List<String> ids) throws InterruptedException {
        Optional<Duration> wait = grants.prepare(ids);
        for (int i = 0; i < 200 && wait.isPresent(); i++) {
            Thread.sleep(25);
            wait = grants.prepare(ids);
        }
        return wait;
    }

    @Test
    void grantsAreBegunWithoutWaitingOnceEachAndTakenInWhenTheyEnd() throws InterruptedException {
        SlowAccess slow = new SlowAccess();
        ReadGrants background = new ReadGrants(slow, Duration.ofHours(1));

        background.begin(List.of(SNAP));
        assertThat(background.prepare(List.of(SNAP, BASE))).as("not waited for").contains(ReadGrants.GRANT_POLL);
        assertThat(background.prepare(List.of(SNAP, BASE))).contains(ReadGrants.GRANT_POLL);
        slow.release.countDown();

        assertThat(untilReady(background, List.of(SNAP, BASE))).isEmpty();
        assertThat(access.granted).as("each begun once").containsExactlyInAnyOrder(SNAP, BASE);
        background.using(List.of(SNAP, BASE), urls -> urls);
        assertThat(access.granted).as("the copy uses what was prepared").hasSize(2);
    }

    @Test
    void aGrantThatFailedIsReportedAndBegunAgainWhenAskedAgain() throws InterruptedException {
        SlowAccess slow = new SlowAccess();
        slow.failure = new IllegalStateException("snapshot gone");
        slow.release.countDown();
        ReadGrants background = new ReadGrants(slow, Duration.ofHours(1));

        assertThat(background.prepare(List.of(SNAP))).isPresent();
        assertThatThrownBy(() -> untilReady(background, List.of(SNAP))).hasMessage("snapshot gone");
        slow.failure = null;
        assertThat(untilReady(background, List.of(SNAP))).isEmpty();
        assertThat(access.granted).containsExactly(SNAP);
    }

    @Test
    void theNewSnapshotsGrantServesTheNextCycleWhereItIsTheBase() {
        String third = SNAP + "-3";
        grants.using(List.of(SNAP, BASE), urls -> urls); // cycle 1: SNAP is new, BASE its base
        access.revoke(BASE);                              // the deleter of BASE revokes before deleting
        grants.using(List.of(third, SNAP), urls -> urls); // cycle 2: SNAP is the base
        assertThat(access.granted).as("cycle 2 asks only for its new snapshot").containsExactly(SNAP, BASE, third);
        grants.using(List.of(SNAP + "-4", third), urls -> urls);
        assertThat(access.granted).containsExactly(SNAP, BASE, third, SNAP + "-4");
    }

    @Test
    void aKeptUrlTheSourceRefusesIsReplacedAndTheWorkRunsAgain() {
        List<String> first = grants.using(List.of(SNAP, BASE), urls -> urls);
        AtomicInteger runs = new AtomicInteger();
        List<String> second = grants.using(List.of(SNAP, BASE), urls -> {
            if (runs.incrementAndGet() == 1) {
                throw refused(); // revoked by another instance once its copy finished
            }
            return urls;
        });
        assertThat(runs).hasValue(2);
        assertThat(second).doesNotContainAnyElementsOf(first);
        assertThat(access.granted).containsExactly(SNAP, BASE, SNAP, BASE);
    }

    @Test
    void aFreshUrlRefusedIsNotAskedForAgainAndOtherFailuresPassThrough() {
        assertThatThrownBy(() -> grants.using(List.of(SNAP), urls -> {
            throw refused();
        })).isInstanceOf(BlobStorageException.class);
        assertThat(access.granted).as("a fresh grant refused is the caller's failure").containsExactly(SNAP);

        AtomicInteger runs = new AtomicInteger();
        assertThatThrownBy(() -> grants.using(List.of(SNAP), urls -> {
            runs.incrementAndGet();
            throw new IllegalStateException("disk full");
        })).hasMessage("disk full");
        assertThat(runs).hasValue(1);
    }

    static BlobStorageException refused() {
        return new BlobStorageException("Server failed to authenticate the request.", new Status(403), null);
    }

    /** Just a status, as the Blob SDK's exceptions carry it. */
    static final class Status extends HttpResponse {
        private final int code;

        Status(int code) {
            super(new HttpRequest(HttpMethod.GET, "https://md.example/x"));
            this.code = code;
        }

        @Override
        public int getStatusCode() {
            return code;
        }

        @Override
        @Deprecated
        public String getHeaderValue(String name) {
            return null;
        }

        @Override
        public HttpHeaders getHeaders() {
            return new HttpHeaders();
        }

        @Override
        public Flux<ByteBuffer> getBody() {
            return Flux.empty();
        }

        @Override
        public Mono<byte[]> getBodyAsByteArray() {
            return Mono.just(new byte[0]);
        }

        @Override
        public Mono<String> getBodyAsString() {
            return Mono.just("");
        }

        @Override
        public Mono<String> getBodyAsString(Charset charset) {
            return Mono.just("");
        }
    }
}
