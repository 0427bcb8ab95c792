package io.reprotect.request;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Request bodies a hostile or careless caller sends, each of which must be refused with a clear reason, over
 * HTTP and on the intake queue alike. Each starts from a valid request for a fresh VM, so a body that slips
 * through creates a job and shows up as a 2xx.
 *
 * @param name what the body does wrong
 * @param body the body; {@code %VM%} is replaced by a fresh VM id
 * @param field the field the refusal must name, or null when any refusal will do
 */
public record HostileBodies(String name, String body, String field) {

    public static final String SUB = "/subscriptions/00000000-0000-0000-0000-000000000001";
    public static final String VALID_FIELDS = "\"vmId\": \"%VM%\", \"failoverDirection\": \"RecoveryToPrimary\","
            + " \"primaryRegion\": \"westeurope\"";

    /** The body with a fresh VM id, so that no two runs collide on one VM. */
    public String text() {
        return body.replace("%VM%", SUB + "/resourceGroups/hostile-rg/providers/Microsoft.Compute/virtualMachines/h-"
                + UUID.randomUUID().toString().substring(0, 12));
    }

    @Override
    public String toString() {
        return name;
    }

    private static HostileBodies with(String name, String extra, String field) {
        return new HostileBodies(name, "{" + VALID_FIELDS + extra + "}", field);
    }

    public static List<HostileBodies> all() {
        List<HostileBodies> all = new ArrayList<>();
        // Jackson's StreamReadConstraints: nesting, number length, string length, name length, tokens, document
        all.add(new HostileBodies("array nested 8000 deep", "[".repeat(8000) + "]".repeat(8000), "$"));
        all.add(new HostileBodies("object nested 2000 deep", "{\"a\":".repeat(2000) + "1" + "}".repeat(2000), "a.a"));
        all.add(with("array nested 5000 deep inside an unknown field", ", \"x\": " + "[".repeat(5000)
                + "]".repeat(5000), "x"));
        all.add(with("array nested 9 deep inside the policy", ", \"replicationPolicy\": {\"a\": "
                + "[".repeat(9) + "]".repeat(9) + "}", "replicationPolicy.a"));
        all.add(with("1500-digit retention", ", \"replicationPolicy\": {\"recoveryPointRetentionInHours\": "
                + "9".repeat(1500) + "}", "replicationPolicy.recoveryPointRetentionInHours"));
        all.add(with("1500-digit number in an unknown field", ", \"x\": " + "1".repeat(1500), "x"));
        all.add(with("1500-digit decimal fraction", ", \"x\": 0." + "1".repeat(1500), "x"));
        all.add(with("negative 1500-digit number", ", \"x\": -" + "7".repeat(1500), "x"));
        all.add(with("huge exponent", ", \"replicationPolicy\": {\"recoveryPointRetentionInHours\": 1e999999999}",
                "replicationPolicy.recoveryPointRetentionInHours"));
        all.add(new HostileBodies("5000-character vmId", "{\"vmId\": \"" + SUB + "/resourceGroups/"
                + "r".repeat(5000) + "\", \"failoverDirection\": \"RecoveryToPrimary\", \"primaryRegion\": \"westeurope\"}",
                "vmId"));
        all.add(with("12000-character string in an unknown field", ", \"x\": \"" + "s".repeat(12000) + "\"", "x"));
        all.add(with("500-character field name", ", \"" + "n".repeat(500) + "\": 1", null));
        all.add(with("3000 values in an unknown array", ", \"x\": [" + "0,".repeat(3000) + "0]", "x"));
        all.add(with("700 unknown fields", buildFields(700), null));
        all.add(with("body over 16 KiB", ", \"x\": \"" + "p".repeat(17_000) + "\"", "$"));
        // after the object
        all.add(with("trailing text after the object", "", "$").withSuffix("xyz"));
        all.add(with("two objects back to back", "", "$").withSuffix("{\"vmId\": \"x\"}"));
        all.add(with("trailing closing bracket", "", "$").withSuffix("]"));
        all.add(with("trailing comma after the object", "", "$").withSuffix(","));
        all.add(with("trailing number", "", "$").withSuffix(" 1"));
        // duplicates
        all.add(new HostileBodies("primaryRegion twice, mars then westeurope", "{\"vmId\": \"%VM%\","
                + " \"failoverDirection\": \"RecoveryToPrimary\", \"primaryRegion\": \"mars\","
                + " \"primaryRegion\": \"westeurope\"}", "primaryRegion"));
        all.add(with("vmId twice", ", \"vmId\": \"%VM%\"", "vmId"));
        all.add(with("duplicate key inside the policy", ", \"replicationPolicy\": {\"recoveryPointRetentionInHours\": 24,"
                + " \"recoveryPointRetentionInHours\": 48}", "replicationPolicy.recoveryPointRetentionInHours"));
        all.add(with("duplicate unknown key", ", \"x\": 1, \"x\": 2", "x"));
        // characters that must not be in an id
        all.add(new HostileBodies("escaped NUL at the end of vmId", "{\"vmId\": \"%VM%\\u0000\","
                + " \"failoverDirection\": \"RecoveryToPrimary\", \"primaryRegion\": \"westeurope\"}", "vmId"));
        all.add(new HostileBodies("escaped NUL inside vmId", "{\"vmId\": \"/subscriptions/00000000-0000-0000-0000-"
                + "000000000001/resourceGroups/rg\\u0000/providers/Microsoft.Compute/virtualMachines/a\","
                + " \"failoverDirection\": \"RecoveryToPrimary\", \"primaryRegion\": \"westeurope\"}", "vmId"));
        all.add(new HostileBodies("escaped newline in primaryRegion", "{\"vmId\": \"%VM%\","
                + " \"failoverDirection\": \"RecoveryToPrimary\", \"primaryRegion\": \"westeurope\\n\"}", "primaryRegion"));
        all.add(new HostileBodies("escaped tab before failoverDirection", "{\"vmId\": \"%VM%\","
                + " \"failoverDirection\": \"\\tRecoveryToPrimary\", \"primaryRegion\": \"westeurope\"}",
                "failoverDirection"));
        all.add(with("escaped unit separator in targetResourceGroupId", ", \"targetResourceGroupId\": \"" + SUB
                + "/resourceGroups/rg\\u001f\"", "targetResourceGroupId"));
        all.add(with("lone surrogate in cacheStorageAccountId", ", \"cacheStorageAccountId\": \"\\ud800\"",
                "cacheStorageAccountId"));
        all.add(with("raw control character in a string", ", \"x\": \"a\u0001b\"", "x"));
        all.add(with("raw NUL in a string", ", \"x\": \"a\u0000b\"", "x"));
        all.add(with("zero-width space in the VM name", ", \"availabilitySetId\": \"" + SUB
                + "/resourceGroups/rg/providers/Microsoft.Compute/availabilitySets/av\u200bset\"", "availabilitySetId"));
        all.add(with("right-to-left override in the resource group", ", \"targetResourceGroupId\": \"" + SUB
                + "/resourceGroups/rg\u202egpj\"", "targetResourceGroupId"));
        all.add(with("escaped line separator in a field name", ", \"bad\\u2028name\": 1", null));
        // not JSON as RFC 8259 has it
        all.add(with("comment", ", /* comment */ \"x\": 1", null));
        all.add(with("line comment", ", // comment\n \"x\": 1", null));
        all.add(with("hash comment", ", # comment\n \"x\": 1", null));
        all.add(new HostileBodies("single quotes", "{'vmId': '%VM%', 'failoverDirection': 'RecoveryToPrimary',"
                + " 'primaryRegion': 'westeurope'}", null));
        all.add(new HostileBodies("unquoted names", "{vmId: \"%VM%\", failoverDirection: \"RecoveryToPrimary\","
                + " primaryRegion: \"westeurope\"}", null));
        all.add(with("NaN", ", \"replicationPolicy\": {\"recoveryPointRetentionInHours\": NaN}",
                "replicationPolicy.recoveryPointRetentionInHours"));
        all.add(with("Infinity", ", \"replicationPolicy\": {\"recoveryPointRetentionInHours\": -Infinity}",
                "replicationPolicy.recoveryPointRetentionInHours"));
        all.add(with("leading zero", ", \"replicationPolicy\": {\"recoveryPointRetentionInHours\": 024}",
                "replicationPolicy.recoveryPointRetentionInHours"));
        all.add(with("hexadecimal number", ", \"replicationPolicy\": {\"recoveryPointRetentionInHours\": 0x18}",
                "replicationPolicy"));
        all.add(with("plus sign", ", \"replicationPolicy\": {\"recoveryPointRetentionInHours\": +24}",
                "replicationPolicy.recoveryPointRetentionInHours"));
        all.add(with("trailing comma in the object", ",", null));
        all.add(with("invalid escape", ", \"x\": \"\\q\"", "x"));
        all.add(with("truncated unicode escape", ", \"x\": \"\\u12\"", "x"));
        all.add(with("unterminated string", ", \"x\": \"abc", "x"));
        all.add(new HostileBodies("truncated after a name", "{\"vmId\": ", "vmId"));
        all.add(new HostileBodies("only an opening brace", "{", "$"));
        all.add(new HostileBodies("empty body", "", "$"));
        all.add(new HostileBodies("only whitespace", " \r\n\t ", "$"));
        all.add(new HostileBodies("null", "null", "$"));
        all.add(new HostileBodies("true", "true", "$"));
        all.add(new HostileBodies("a number", "42", "$"));
        all.add(new HostileBodies("a string", "\"reprotect\"", "$"));
        all.add(new HostileBodies("an array of requests", "[{" + VALID_FIELDS + "}]", "$"));
        all.add(new HostileBodies("empty object", "{}", "vmId"));
        all.add(new HostileBodies("XML", "<reprotect vmId=\"x\"/>", "$"));
        all.add(new HostileBodies("form encoding", "vmId=x&failoverDirection=RecoveryToPrimary", "$"));
        all.add(new HostileBodies("byte order mark then garbage", "\ufeffxyz", "$"));
        // valid JSON, invalid request
        all.add(with("unknown field", ", \"unexpected\": 1", "unexpected"));
        all.add(with("retention only, below the default app-consistent frequency",
                ", \"replicationPolicy\": {\"recoveryPointRetentionInHours\": 1}",
                "replicationPolicy.recoveryPointRetentionInHours"));
        all.add(with("retention as a string", ", \"replicationPolicy\": {\"recoveryPointRetentionInHours\": \"24\"}",
                "replicationPolicy.recoveryPointRetentionInHours"));
        all.add(with("retention as a fraction", ", \"replicationPolicy\": {\"recoveryPointRetentionInHours\": 24.5}",
                "replicationPolicy.recoveryPointRetentionInHours"));
        all.add(with("retention past int range", ", \"replicationPolicy\": {\"recoveryPointRetentionInHours\": 4294967320}",
                "replicationPolicy.recoveryPointRetentionInHours"));
        all.add(with("negative crash-consistent frequency",
                ", \"replicationPolicy\": {\"crashConsistentFrequencyInMinutes\": -5}",
                "replicationPolicy.crashConsistentFrequencyInMinutes"));
        all.add(with("policy as an array", ", \"replicationPolicy\": []", "replicationPolicy"));
        all.add(new HostileBodies("vmId as an object", "{\"vmId\": {\"id\": \"x\"}, \"failoverDirection\":"
                + " \"RecoveryToPrimary\", \"primaryRegion\": \"westeurope\"}", "vmId"));
        all.add(new HostileBodies("vmId as a number", "{\"vmId\": 1, \"failoverDirection\": \"RecoveryToPrimary\","
                + " \"primaryRegion\": \"westeurope\"}", "vmId"));
        all.add(new HostileBodies("vmId with a query string", "{\"vmId\": \"%VM%?api-version=1\","
                + " \"failoverDirection\": \"RecoveryToPrimary\", \"primaryRegion\": \"westeurope\"}", "vmId"));
        all.add(new HostileBodies("vmId walking up a path", "{\"vmId\": \"" + SUB + "/resourceGroups/../providers/"
                + "Microsoft.Compute/virtualMachines/a\", \"failoverDirection\": \"RecoveryToPrimary\","
                + " \"primaryRegion\": \"westeurope\"}", "vmId"));
        all.add(new HostileBodies("vmId as a URL", "{\"vmId\": \"https://management.azure.com" + SUB
                + "/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/a\", \"failoverDirection\":"
                + " \"RecoveryToPrimary\", \"primaryRegion\": \"westeurope\"}", "vmId"));
        all.add(new HostileBodies("region mars", "{\"vmId\": \"%VM%\", \"failoverDirection\": \"RecoveryToPrimary\","
                + " \"primaryRegion\": \"mars\"}", "primaryRegion"));
        all.add(new HostileBodies("failover direction reversed", "{\"vmId\": \"%VM%\", \"failoverDirection\":"
                + " \"PrimaryToRecovery\", \"primaryRegion\": \"westeurope\"}", "failoverDirection"));
        all.add(new HostileBodies("required fields null", "{\"vmId\": null, \"failoverDirection\": null,"
                + " \"primaryRegion\": null}", "vmId"));
        return all;
    }

    private HostileBodies withSuffix(String suffix) {
        return new HostileBodies(name, body + suffix, field);
    }

    private static String buildFields(int count) {
        StringBuilder fields = new StringBuilder();
        for (int i = 0; i < count; i++) {
            fields.append(", \"f").append(i).append("\": 0");
        }
        return fields.toString();
    }
}
