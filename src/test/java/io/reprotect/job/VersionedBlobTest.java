package io.reprotect.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The If-Match read-change-write on Azurite: another writer in between is seen, never overwritten. */
class VersionedBlobTest {

    /** A record two writers change. */
    record Notes(List<String> lines) {

        Notes plus(String line) {
            List<String> all = new ArrayList<>(lines);
            all.add(line);
            return new Notes(all);
        }
    }

    final BlobContainerClient container = TestJobs.freshContainer("versioned");
    final BlobClient blob = container.getBlobClient("notes/one.json");
    final VersionedBlob<Notes> notes = VersionedBlob.of(blob, "notes one", Notes.class);

    @AfterEach
    void clean() {
        container.deleteIfExists();
    }

    /** What another writer does between our read and our write: it writes without any condition. */
    void otherWriter(Notes value) {
        blob.upload(BinaryData.fromBytes(JobJson.write(value)), true);
    }

    Notes stored() {
        return JobJson.read(blob.downloadContent().toBytes(), Notes.class);
    }

    @Test
    void aChangeThatLostTheRaceReadsAgainAndKeepsTheOtherWritersChange() {
        notes.create(new Notes(List.of("first")));
        AtomicInteger calls = new AtomicInteger();

        Optional<Notes> written = notes.change(n -> {
            if (calls.getAndIncrement() == 0) {
                otherWriter(n.plus("other"));
            }
            return n.plus("mine");
        });

        assertThat(calls).as("read again after the 412").hasValue(2);
        assertThat(written).contains(new Notes(List.of("first", "other", "mine")));
        assertThat(stored()).isEqualTo(new Notes(List.of("first", "other", "mine")));
    }

    @Test
    void aChangeThatLosesEveryRaceGivesUpNamingTheRecordAndWritesNothingOfItsOwn() {
        notes.create(new Notes(List.of("first")));
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> notes.change(n -> {
            calls.incrementAndGet();
            otherWriter(n.plus("other"));
            return n.plus("mine");
        })).isInstanceOf(ConcurrentUpdateException.class).hasMessageContaining("notes one");

        assertThat(calls).hasValue(VersionedBlob.MAX_CONFLICTS);
        assertThat(stored().lines()).doesNotContain("mine").hasSize(1 + VersionedBlob.MAX_CONFLICTS);
    }

    @Test
    void aChangeThatThrowsOrChangesNothingWritesNothing() {
        notes.create(new Notes(List.of("first")));
        String etag = notes.read().orElseThrow().etag();

        assertThatThrownBy(() -> notes.change(n -> {
            throw new IllegalStateException("refused");
        })).hasMessage("refused");
        assertThat(notes.change(n -> n)).contains(new Notes(List.of("first")));

        assertThat(notes.read().orElseThrow().etag()).as("not written").isEqualTo(etag);
    }

    @Test
    void aChangeOfNoRecordCreatesNone() {
        assertThat(notes.change(n -> n.plus("mine"))).isEmpty();
        assertThat(blob.exists()).isFalse();
    }

    @Test
    void createWritesOnlyTheFirstRecordAndLeavesItAsItIs() {
        assertThat(notes.create(new Notes(List.of("first")))).isTrue();
        assertThat(notes.create(new Notes(List.of("second")))).isFalse();
        assertThat(stored()).isEqualTo(new Notes(List.of("first")));
    }

    @Test
    void aReplaceWithTheEtagOfAnOlderReadIsRefusedAndChangesNothing() {
        notes.create(new Notes(List.of("first")));
        Versioned<Notes> read = notes.read().orElseThrow();
        Versioned<Notes> replaced = notes.replace(read.value().plus("mine"), read.etag());
        assertThat(replaced.etag()).isNotEqualTo(read.etag());

        assertThatThrownBy(() -> notes.replace(read.value().plus("stale"), read.etag()))
                .isInstanceOf(ConcurrentUpdateException.class);
        assertThat(stored()).isEqualTo(new Notes(List.of("first", "mine")));
    }

    @Test
    void aDeleteWhoseConditionNoLongerHoldsAfterAnotherWriterDeletesNothing() {
        notes.create(new Notes(List.of("first")));
        AtomicInteger calls = new AtomicInteger();

        boolean deleted = notes.deleteIf(n -> {
            if (calls.getAndIncrement() == 0) {
                otherWriter(n.plus("in use"));
                return true; // held for the version read, no longer for the one stored
            }
            return !n.lines().contains("in use");
        });

        assertThat(deleted).isFalse();
        assertThat(calls).hasValue(2);
        assertThat(stored().lines()).contains("in use");
        assertThat(notes.deleteIf(n -> true)).isTrue();
        assertThat(blob.exists()).isFalse();
        assertThat(notes.deleteIf(n -> false)).as("already gone").isTrue();
    }

    @Test
    void anUpdateThatCreatesLosesToAnotherCreatorAndAppliesItsChangeOnTop() {
        AtomicInteger calls = new AtomicInteger();

        Optional<Notes> written = notes.update(current -> {
            if (calls.getAndIncrement() == 0) {
                otherWriter(new Notes(List.of("created by the other")));
            }
            return Optional.of(current.orElse(new Notes(List.of())).plus("mine"));
        });

        assertThat(calls).as("read again after the 409 of If-None-Match").hasValue(2);
        assertThat(written).contains(new Notes(List.of("created by the other", "mine")));
        assertThat(notes.update(current -> Optional.empty())).isEmpty();
        assertThat(blob.exists()).as("empty deletes").isFalse();
    }

    @Test
    void metadataGoesWithEveryWrite() {
        VersionedBlob<Notes> tagged = notes.withMetadata(n -> Map.of("lines", String.valueOf(n.lines().size())));
        tagged.create(new Notes(List.of("first")));
        tagged.change(n -> n.plus("second"));

        assertThat(blob.getProperties().getMetadata()).containsEntry("lines", "2");
    }
}
