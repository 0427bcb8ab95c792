package io.reprotect.pipeline;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import io.reprotect.job.Job;
import io.reprotect.job.JobJson;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The name of one entry of a job's outputs together with the type stored under it, so a stage records and reads
 * it without naming a class apart from the key ({@code KEY.of(value)}, {@code context.require(KEY)}).
 *
 * <p>The stored JSON is what it always was: the value goes through {@link JobJson#MAPPER} under {@link #name()},
 * so job records written before the keys were typed read the same.
 *
 * @param <T> what the entry holds
 */
public final class OutputKey<T> {

    private final String name;
    private final JavaType type;

    private OutputKey(String name, JavaType type) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an output key needs a name");
        }
        this.name = name;
        this.type = type;
    }

    /** A key whose value is a {@code type} (a record, a string, a number, an enum...). */
    public static <T> OutputKey<T> named(String name, Class<T> type) {
        return new OutputKey<>(name, JobJson.MAPPER.constructType(type));
    }

    /** A key whose value is a generic type, e.g. {@code new TypeReference<Map<String, Integer>>() { }}. */
    public static <T> OutputKey<T> named(String name, TypeReference<T> type) {
        return new OutputKey<>(name, JobJson.MAPPER.getTypeFactory().constructType(type));
    }

    /** A key whose value is a list of {@code element}. */
    public static <E> OutputKey<List<E>> listOf(String name, Class<E> element) {
        return new OutputKey<>(name, JobJson.MAPPER.getTypeFactory().constructCollectionType(List.class, element));
    }

    /** The entry's name in the job's outputs (and in the job record's JSON). */
    public String name() {
        return name;
    }

    /** The same entry read as another type, e.g. a lower layer's view of a record only a higher layer knows. */
    public <U> OutputKey<U> as(Class<U> other) {
        return named(name, other);
    }

    /** The entry a stage records (in an {@link Outcome}) or a job starts with (in a {@link JobSpec}). */
    public Output of(T value) {
        return new Output(name, JobJson.MAPPER.valueToTree(value));
    }

    /** The value in {@code outputs}, or empty when it is absent (or JSON null). */
    public Optional<T> read(Map<String, JsonNode> outputs) {
        return Optional.ofNullable(outputs.get(name)).map(node -> JobJson.MAPPER.convertValue(node, type));
    }

    /** The value recorded in {@code job}'s outputs, or empty when it is absent. */
    public Optional<T> read(Job job) {
        return read(job.outputs());
    }

    /** True when {@code job} has recorded the entry (whatever its value). */
    public boolean isIn(Job job) {
        return job.outputs().containsKey(name);
    }

    @Override
    public String toString() {
        return name + " (" + type.toCanonical() + ")";
    }
}
