package io.reprotect.request;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Parses and validates a reprotect request from its JSON text, for HTTP and the intake queue alike.
 *
 * <p>Validation reports every invalid field at once, so that a caller fixes a request in one round.
 */
@ApplicationScoped
public class RequestParser {

    /** Largest request accepted; a real request is well under 2 KiB. */
    public static final int MAX_BODY_BYTES = 16 * 1024;

    private static final Set<String> FIELDS = Set.of("vmId", "failoverDirection", "primaryRegion",
            "targetResourceGroupId", "targetStorageAccountId", "cacheStorageAccountId", "availabilitySetId",
            "replicationPolicy", "allowStopRunningTargetVm");
    private static final Set<String> POLICY_FIELDS = Set.of("recoveryPointRetentionInHours",
            "crashConsistentFrequencyInMinutes", "appConsistentFrequencyInMinutes");

    /** A byte order mark, which RFC 8259 lets a parser ignore. */
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final StrictJson json = new StrictJson(MAX_BODY_BYTES);

    /**
     * Parses a body received as bytes, which must be UTF-8.
     *
     * @throws InvalidRequestException listing every invalid field (the field {@code $} for the body itself)
     */
    public ReprotectRequest parse(byte[] body) {
        if (body != null && body.length > MAX_BODY_BYTES) {
            throw invalid("$", "the request body is larger than " + MAX_BODY_BYTES + " bytes");
        }
        try {
            return parse(body == null ? null : StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString());
        } catch (CharacterCodingException e) {
            throw invalid("$", "the request body is not valid UTF-8; send JSON encoded as UTF-8");
        }
    }

    /**
     * @throws InvalidRequestException listing every invalid field (the field {@code $} for the body itself)
     */
    public ReprotectRequest parse(String body) {
        if (body == null || body.isBlank()) {
            throw invalid("$", "the request body is empty; send a JSON object");
        }
        if (body.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
            throw invalid("$", "the request body is larger than " + MAX_BODY_BYTES + " bytes");
        }
        JsonNode root = json.read(body.charAt(0) == BYTE_ORDER_MARK ? body.substring(1) : body);
        if (!root.isObject()) {
            throw invalid("$", "the request body must be a JSON object");
        }
        return validate(root);
    }

    private ReprotectRequest validate(JsonNode root) {
        List<FieldError> errors = new ArrayList<>();
        unknownFields(root, FIELDS, "", errors);

        ResourceId vm = required(root, "vmId", errors, v -> ResourceId.parse(v, ResourceId.VIRTUAL_MACHINE));
        String direction = required(root, "failoverDirection", errors, v -> {
            if (!ReprotectRequest.RECOVERY_TO_PRIMARY.equals(v) && !ReprotectRequest.PRIMARY_TO_RECOVERY.equals(v)) {
                throw new IllegalArgumentException("must be '" + ReprotectRequest.RECOVERY_TO_PRIMARY
                        + "' (replicate a VM failed over to its secondary region back toward its primary region) or '"
                        + ReprotectRequest.PRIMARY_TO_RECOVERY + "' (replicate a VM this engine failed back to its "
                        + "primary region toward the secondary region again)");
            }
            return v;
        });
        String region = required(root, "primaryRegion", errors, v -> {
            if (!AzureRegions.isKnown(AzureRegions.normalize(v))) {
                throw new IllegalArgumentException("'" + Printable.value(v) + "' is not an Azure region name, like westeurope");
            }
            return AzureRegions.normalize(v);
        });
        ResourceId group = optional(root, "targetResourceGroupId", errors,
                v -> ResourceId.parse(v, ResourceId.RESOURCE_GROUP));
        ResourceId target = optional(root, "targetStorageAccountId", errors,
                v -> ResourceId.parse(v, ResourceId.STORAGE_ACCOUNT));
        ResourceId cache = optional(root, "cacheStorageAccountId", errors,
                v -> ResourceId.parse(v, ResourceId.STORAGE_ACCOUNT));
        ResourceId availabilitySet = optional(root, "availabilitySetId", errors,
                v -> ResourceId.parse(v, ResourceId.AVAILABILITY_SET));
        ReplicationPolicy policy = policy(root.get("replicationPolicy"), errors);
        JsonNode allowStop = root.get("allowStopRunningTargetVm");
        if (allowStop != null && !allowStop.isBoolean()) {
            errors.add(new FieldError("allowStopRunningTargetVm", "must be true or false"));
        }

        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return new ReprotectRequest(vm, direction, region, group, target, cache, availabilitySet, policy,
                allowStop != null && allowStop.asBoolean());
    }

    private ReplicationPolicy policy(JsonNode node, List<FieldError> errors) {
        if (node == null || node.isNull()) {
            return ReplicationPolicy.DEFAULT;
        }
        if (!node.isObject()) {
            errors.add(new FieldError("replicationPolicy", "must be an object"));
            return ReplicationPolicy.DEFAULT;
        }
        int before = errors.size();
        unknownFields(node, POLICY_FIELDS, "replicationPolicy.", errors);
        ReplicationPolicy defaults = ReplicationPolicy.DEFAULT;
        int retention = integer(node, "recoveryPointRetentionInHours", defaults.recoveryPointRetentionInHours(),
                ReplicationPolicy.MIN_RETENTION_HOURS, ReplicationPolicy.MAX_RETENTION_HOURS, errors);
        int crash = integer(node, "crashConsistentFrequencyInMinutes",
                defaults.crashConsistentFrequencyInMinutes(), ReplicationPolicy.MIN_CRASH_CONSISTENT_MINUTES,
                ReplicationPolicy.MAX_CRASH_CONSISTENT_MINUTES, errors);
        int app = integer(node, "appConsistentFrequencyInMinutes", defaults.appConsistentFrequencyInMinutes(), 0,
                ReplicationPolicy.MAX_APP_CONSISTENT_MINUTES, errors);
        String appField = "replicationPolicy.appConsistentFrequencyInMinutes";
        if (errors.size() == before && app != 0) {
            if (app < ReplicationPolicy.MIN_APP_CONSISTENT_MINUTES || app % 60 != 0) {
                errors.add(new FieldError(appField, "must be 0 (off) or whole hours from "
                        + ReplicationPolicy.MIN_APP_CONSISTENT_MINUTES + " to " + ReplicationPolicy.MAX_APP_CONSISTENT_MINUTES
                        + " minutes (Azure takes an application-consistent VM restore point at most every 3 hours)"));
            } else if (app > retention * 60 && node.has("appConsistentFrequencyInMinutes")) {
                errors.add(new FieldError(appField, "must not exceed the recovery point retention ("
                        + retention * 60 + " minutes)"));
            } else if (app > retention * 60) {
                errors.add(new FieldError("replicationPolicy.recoveryPointRetentionInHours", retention
                        + " hour(s) is shorter than the default appConsistentFrequencyInMinutes (" + app
                        + " minutes): send at least " + app / 60 + " hours, or send appConsistentFrequencyInMinutes"
                        + " 0 (off) or whole hours within the retention"));
            }
        }
        return new ReplicationPolicy(retention, crash, app);
    }

    private static int integer(JsonNode parent, String name, int fallback, int min, int max,
            List<FieldError> errors) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < min || node.intValue() > max) {
            errors.add(new FieldError("replicationPolicy." + name,
                    "must be a whole number from " + min + " to " + max));
            return fallback;
        }
        return node.intValue();
    }

    private static <T> T required(JsonNode root, String name, List<FieldError> errors,
            Function<String, T> check) {
        JsonNode node = root.get(name);
        if (node == null || node.isNull() || (node.isTextual() && node.textValue().isBlank())) {
            errors.add(new FieldError(name, "is required"));
            return null;
        }
        return checked(node, name, errors, check);
    }

    private static <T> T optional(JsonNode root, String name, List<FieldError> errors, Function<String, T> check) {
        JsonNode node = root.get(name);
        return node == null || node.isNull() ? null : checked(node, name, errors, check);
    }

    private static <T> T checked(JsonNode node, String name, List<FieldError> errors, Function<String, T> check) {
        if (!node.isTextual()) {
            errors.add(new FieldError(name, "must be a string"));
            return null;
        }
        int unsafe = Printable.firstUnsafe(node.textValue());
        if (unsafe >= 0) {
            errors.add(new FieldError(name, "must not contain control or invisible characters (found "
                    + StrictJson.codePoint(node.textValue().charAt(unsafe)) + " at position " + (unsafe + 1) + ")"));
            return null;
        }
        try {
            return check.apply(node.textValue().trim());
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(name, Printable.escaped(e.getMessage())));
            return null;
        }
    }

    private static void unknownFields(JsonNode node, Set<String> known, String prefix, List<FieldError> errors) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!known.contains(name)) {
                errors.add(new FieldError(prefix + Printable.name(name), "is not a known field"));
            }
        }
    }

    private static InvalidRequestException invalid(String field, String reason) {
        return new InvalidRequestException(List.of(new FieldError(field, reason)));
    }
}
