package io.reprotect.local.arm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Microsoft.Storage: storage accounts (ARM records only; their blob endpoint points at Azurite
 * but Azurite serves only the accounts it was started with) and name availability.
 */
final class StorageRoutes {

    static final String NS = "Microsoft.Storage";
    static final String ACCOUNT = "Microsoft.Storage/storageAccounts";
    /** Storage account names: 3-24 lowercase letters and digits. */
    static final Pattern VALID_NAME = Pattern.compile("[a-z0-9]{3,24}");

    private final ArmStore store;
    /** Each account's blob service properties ({@code blobServices/default}). */
    final BlobServices blobServices = new BlobServices();
    private final LongRunningOperations lro;
    private final String blobEndpointBase;

    private final java.util.Map<String, String> regionAccounts;

    StorageRoutes(ArmStore store, LongRunningOperations lro, String blobEndpointBase,
            java.util.Map<String, String> regionAccounts) {
        this.regionAccounts = regionAccounts;
        this.store = store;
        this.lro = lro;
        this.blobEndpointBase = blobEndpointBase;
    }

    ArmResponse handle(ArmRequest r, ResourcePath p) {
        if (p.type().equalsIgnoreCase("storageAccounts") && p.rest().size() == 2
                && p.rest(0).equalsIgnoreCase("blobServices")) {
            return blobServices.handle(r, p, store.get(p.id()));
        }
        if (!p.type().equalsIgnoreCase("storageAccounts") || !p.rest().isEmpty()) {
            return ArmStandIn.unsupported(r);
        }
        ObjectNode account = store.get(p.id());
        return switch (r.method()) {
            case "GET" -> account == null ? ArmResponse.notFound(ACCOUNT, p.name(), p.resourceGroup())
                    : ArmResponse.ok(account.deepCopy());
            case "PUT" -> account != null ? ArmResponse.ok(account.deepCopy()) : create(r, p);
            case "DELETE" -> {
                if (account != null) {
                    store.remove(p.id());
                    blobServices.forget(p.id());
                }
                yield account == null ? ArmResponse.noContent() : ArmResponse.ok(null);
            }
            default -> ArmStandIn.unsupported(r);
        };
    }

    private ArmResponse create(ArmRequest r, ResourcePath p) {
        String invalid = invalidReason(p.name());
        if (invalid != null) {
            return ArmResponse.error(400, "AccountNameInvalid", invalid);
        }
        if (taken(p.name())) {
            return ArmResponse.error(409, "StorageAccountAlreadyTaken", "The storage account named " + p.name()
                    + " is already taken.");
        }
        String region = Json.at(r.body(), "/location");
        ObjectNode account = Json.resource(p.id(), p.name(), ACCOUNT, region, r.body().get("tags"));
        account.put("kind", r.body().path("kind").asText("StorageV2"));
        String sku = r.body().path("sku").path("name").asText("Standard_LRS");
        account.putObject("sku").put("name", sku).put("tier", sku.startsWith("Premium") ? "Premium" : "Standard");
        ObjectNode props = Json.props(account);
        props.remove("timeCreated");
        props.put("creationTime", java.time.Instant.now().toString()).put("provisioningState", "Creating")
                .put("primaryLocation", account.get("location").asText()).put("statusOfPrimary", "available")
                .put("supportsHttpsTrafficOnly", true).put("allowBlobPublicAccess", false);
        // Azurite has a fixed set of accounts: a storage account's data plane is its region's account
        String azuriteAccount = regionAccounts.getOrDefault(Json.normaliseRegion(region), "devstoreaccount1");
        props.putObject("primaryEndpoints").put("blob", blobEndpointBase + azuriteAccount + "/");
        store.put(account);
        return lro.accept(r, LongRunningOperations.Kind.STORAGE, account.get("location").asText(), null,
                () -> props.put("provisioningState", "Succeeded"), account::deepCopy);
    }

    /** POST /subscriptions/{sub}/providers/Microsoft.Storage/checkNameAvailability. */
    ArmResponse checkName(ArmRequest r) {
        String name = r.body() == null ? "" : r.body().path("name").asText("");
        ObjectNode answer = ArmResponse.JSON.createObjectNode();
        String invalid = invalidReason(name);
        if (invalid != null) {
            answer.put("nameAvailable", false).put("reason", "AccountNameInvalid").put("message", invalid);
        } else if (taken(name)) {
            answer.put("nameAvailable", false).put("reason", "AlreadyExists")
                    .put("message", "The storage account named " + name + " is already taken.");
        } else {
            answer.put("nameAvailable", true);
        }
        return ArmResponse.ok(answer);
    }

    private boolean taken(String name) {
        return store.ofType(ACCOUNT).stream().anyMatch(a -> a.get("name").asText().equalsIgnoreCase(name));
    }

    private static String invalidReason(String name) {
        return VALID_NAME.matcher(name).matches() ? null : name.toLowerCase(Locale.ROOT) + " is not a valid storage "
                + "account name. Storage account name must be between 3 and 24 characters in length and use numbers "
                + "and lower-case letters only.";
    }
}
