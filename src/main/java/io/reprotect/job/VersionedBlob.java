package io.reprotect.job;

import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.options.BlockBlobSimpleUploadOptions;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * One JSON record in one blob, written only against the version it was read at (its ETag): created
 * If-None-Match *, replaced If-Match, and changed by reading, changing and writing If-Match, reading again when
 * another writer got there first, at most {@link #MAX_CONFLICTS} times. A change that throws writes nothing.
 *
 * @param <T> the record; its {@code equals} decides whether a change changed anything
 */
public final class VersionedBlob<T> {

    /** Read-change-write rounds a change may lose to other writers before it gives up. */
    public static final int MAX_CONFLICTS = 8;

    private static final int NOT_FOUND = 404;
    private static final int ALREADY_EXISTS = 409;
    private static final int CONDITION_NOT_MET = 412;

    private final BlobClient blob;
    private final String name;
    private final Function<byte[], T> parse;
    private final Function<T, Map<String, String>> metadata;

    /**
     * @param blob  where the record lives
     * @param name  what it is, for {@link ConcurrentUpdateException} (e.g. {@code "protected item <id>"})
     * @param parse reads the blob's bytes
     */
    public VersionedBlob(BlobClient blob, String name, Function<byte[], T> parse) {
        this(blob, name, parse, value -> null);
    }

    private VersionedBlob(BlobClient blob, String name, Function<byte[], T> parse,
            Function<T, Map<String, String>> metadata) {
        this.blob = blob;
        this.name = name;
        this.parse = parse;
        this.metadata = metadata;
    }

    /** A record of {@code type} read with {@link JobJson}. */
    public static <T> VersionedBlob<T> of(BlobClient blob, String name, Class<T> type) {
        return new VersionedBlob<>(blob, name, json -> JobJson.read(json, type));
    }

    /** The same record, written with the blob metadata {@code metadata} gives for each value. */
    public VersionedBlob<T> withMetadata(Function<T, Map<String, String>> value) {
        return new VersionedBlob<>(blob, name, parse, value);
    }

    /** The record and its ETag; empty when there is no blob. */
    public Optional<Versioned<T>> read() {
        try {
            var response = blob.downloadContentWithResponse(null, null, null, Context.NONE);
            return Optional.of(new Versioned<>(parse.apply(response.getValue().toBytes()),
                    response.getDeserializedHeaders().getETag()));
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Writes the record only if there is none (If-None-Match *). @return false when one exists (left as it is) */
    public boolean create(T value) {
        try {
            upload(value, new BlobRequestConditions().setIfNoneMatch("*"));
            return true;
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == ALREADY_EXISTS || e.getStatusCode() == CONDITION_NOT_MET) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Writes the record over the version read with {@code etag}.
     *
     * @return the record with its new ETag
     * @throws ConcurrentUpdateException it changed or went since it was read
     */
    public Versioned<T> replace(T value, String etag) {
        try {
            return new Versioned<>(value, upload(value, new BlobRequestConditions().setIfMatch(etag)));
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == CONDITION_NOT_MET || e.getStatusCode() == NOT_FOUND) {
                throw new ConcurrentUpdateException(name);
            }
            throw e;
        }
    }

    /**
     * Applies {@code change} to the record as stored now and writes the result If-Match; nothing is written when
     * it returns the record unchanged.
     *
     * @return the record written, or empty when there is none (a change never creates one)
     * @throws ConcurrentUpdateException other writers won {@link #MAX_CONFLICTS} times in a row
     */
    public Optional<T> change(UnaryOperator<T> change) {
        return update(current -> current.map(change));
    }

    /**
     * Deletes the record if {@code condition} holds for it as stored now (If-Match on the version tested).
     *
     * @return true when deleted or already gone, false when the condition did not hold
     */
    public boolean deleteIf(Predicate<T> condition) {
        return update(current -> current.filter(condition.negate())).isEmpty();
    }

    /**
     * The general read-change-write: {@code change} gets the record as stored now (empty when there is none) and
     * returns what to store: a value is written (created If-None-Match, or replaced If-Match), empty deletes
     * (If-Match), the same as now writes nothing. A conflict (412; 404: deleted meanwhile; 409: created
     * meanwhile) reads again and calls {@code change} again.
     *
     * @return what is stored now
     * @throws ConcurrentUpdateException other writers won {@link #MAX_CONFLICTS} times in a row
     */
    public Optional<T> update(UnaryOperator<Optional<T>> change) {
        for (int attempt = 0; attempt < MAX_CONFLICTS; attempt++) {
            Optional<Versioned<T>> current = read();
            Optional<T> before = current.map(Versioned::value);
            Optional<T> after = change.apply(before);
            if (after.equals(before)) {
                return after;
            }
            try {
                if (after.isEmpty()) {
                    blob.deleteWithResponse(null, new BlobRequestConditions().setIfMatch(current.get().etag()), null,
                            Context.NONE);
                } else {
                    upload(after.get(), current.isPresent()
                            ? new BlobRequestConditions().setIfMatch(current.get().etag())
                            : new BlobRequestConditions().setIfNoneMatch("*"));
                }
                return after;
            } catch (BlobStorageException e) {
                if (!lostRace(e, current.isEmpty())) {
                    throw e;
                }
            }
        }
        throw new ConcurrentUpdateException(name);
    }

    private static boolean lostRace(BlobStorageException e, boolean creating) {
        return e.getStatusCode() == CONDITION_NOT_MET || e.getStatusCode() == NOT_FOUND
                || creating && e.getStatusCode() == ALREADY_EXISTS;
    }

    private String upload(T value, BlobRequestConditions conditions) {
        return blob.getBlockBlobClient().uploadWithResponse(new BlockBlobSimpleUploadOptions(
                BinaryData.fromBytes(JobJson.write(value))).setMetadata(metadata.apply(value))
                .setRequestConditions(conditions), null, Context.NONE).getValue().getETag();
    }
}
