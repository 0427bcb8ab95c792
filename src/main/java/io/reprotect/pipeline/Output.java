package io.reprotect.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;

/**
 * One entry of a job's outputs as a stage records it: made by {@link OutputKey#of(Object)}, so its name and the
 * type of its value come from one key.
 *
 * @param name the key's name
 * @param value the value as JSON, serialised by the job record's mapper
 */
public record Output(String name, JsonNode value) {

    /**
     * The entries as the map a job stores (a new map the caller may add to); an entry named twice is a mistake.
     *
     * @throws IllegalArgumentException when two entries share a name
     */
    public static Map<String, JsonNode> map(Output... outputs) {
        Map<String, JsonNode> all = new HashMap<>();
        for (Output output : outputs) {
            if (all.containsKey(output.name())) {
                throw new IllegalArgumentException("output '" + output.name() + "' recorded twice");
            }
            all.put(output.name(), output.value());
        }
        return all;
    }
}
