package io.reprotect.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `azd down` deletes every resource group azd's deployment put a resource in (Azure/azure-dev#2916). The role
 * assignments on protected resource groups are therefore made by the postprovision hook, each in a deployment of
 * its own. These tests run the hook with a recording stand-in for the Azure CLI.
 */
class OperatorRoleHookTest {

    private static final Path PROJECT = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    private static final Path HOOK = PROJECT.resolve("infra/scripts/assign-operator-role.sh");
    private static final Map<String, String> OUTPUTS = Map.of(
            "REPROTECT_OPERATOR_ROLE_NAME", "0b9c5c4e-role",
            "AZURE_MANAGED_IDENTITY_PRINCIPAL_ID", "5f1e-principal",
            "REPROTECT_REPLICA_CONTAINER", "reprotect-replicas",
            "AZURE_ENV_NAME", "prod");

    @TempDir
    Path dir;

    @Test
    void theTemplateDeploysNothingIntoAResourceGroupOtherThanItsOwn() throws IOException {
        String main = Files.readString(PROJECT.resolve("infra/main.bicep"));
        assertThat(main).doesNotContain("scope: resourceGroup(");
        Matcher scopes = Pattern.compile("(?m)^\\s*scope: (\\S+)").matcher(main);
        while (scopes.find()) {
            assertThat(scopes.group(1)).as("every module runs in the engine's group or at subscription scope")
                    .matches("rg|subscription\\(.*\\)");
        }
    }

    @Test
    void azdRunsTheHookAfterProvisioning() throws IOException {
        String azure = Files.readString(PROJECT.resolve("azure.yaml"));
        assertThat(azure).contains("postprovision:", "run: ./infra/scripts/assign-operator-role.sh",
                "run: ./infra/scripts/assign-operator-role.ps1");
        assertThat(PROJECT.resolve("infra/scripts/assign-operator-role.ps1")).exists();
        assertThat(Files.isExecutable(HOOK)).isTrue();
        String main = Files.readString(PROJECT.resolve("infra/main.bicep"));
        for (String output : List.of("REPROTECT_OPERATOR_ROLE_NAME", "REPROTECT_OPERATOR_GROUPS",
                "REPROTECT_REPLICA_CONTAINER", "AZURE_MANAGED_IDENTITY_PRINCIPAL_ID")) {
            assertThat(main).as("main.bicep outputs what the hook reads").contains("output " + output + " string");
        }
    }

    @Test
    void eachNamedGroupGetsTheAssignmentInADeploymentOfItsOwn() throws Exception {
        Result run = run("11111111-aaaa/app-rg-asr,22222222-bbbb/app-rg", OUTPUTS);
        assertThat(run.exit()).isZero();
        assertThat(run.calls()).hasSize(2);
        assertThat(run.calls().get(0)).contains("deployment group create", "--subscription 11111111-aaaa",
                "--resource-group app-rg-asr", "--name vm-reprotect-operator-prod",
                "roleDefinitionName=0b9c5c4e-role", "principalId=5f1e-principal", "blobContainerName=reprotect-replicas")
                .endsWith("modules/operator-assignment.bicep --parameters roleDefinitionName=0b9c5c4e-role "
                        + "principalId=5f1e-principal blobContainerName=reprotect-replicas");
        assertThat(run.calls().get(1)).contains("--subscription 22222222-bbbb", "--resource-group app-rg");
    }

    @Test
    void withoutNamedGroupsTheHookDoesNothing() throws Exception {
        Result run = run("", OUTPUTS);
        assertThat(run.exit()).isZero();
        assertThat(run.calls()).isEmpty();
        assertThat(run.output()).contains("whole protected subscription");
    }

    @Test
    void aMissingOutputStopsTheHookBeforeAnyCall() throws Exception {
        Map<String, String> outputs = new HashMap<>(OUTPUTS);
        outputs.remove("REPROTECT_OPERATOR_ROLE_NAME");
        Result run = run("11111111-aaaa/app-rg", outputs);
        assertThat(run.exit()).isNotZero();
        assertThat(run.calls()).isEmpty();
        assertThat(run.output()).contains("REPROTECT_OPERATOR_ROLE_NAME is not set");
    }

    @Test
    void theHookPassesExactlyTheParametersTheModuleDeclares() throws IOException {
        String module = Files.readString(PROJECT.resolve("infra/modules/operator-assignment.bicep"));
        String hook = Files.readString(HOOK);
        Matcher params = Pattern.compile("(?m)^param (\\w+) ").matcher(module);
        int count = 0;
        while (params.find()) {
            assertThat(hook).contains(params.group(1) + "=");
            count++;
        }
        assertThat(count).isEqualTo(3);
    }

    private record Result(int exit, List<String> calls, String output) {
    }

    private Result run(String groups, Map<String, String> outputs) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path log = dir.resolve("az-calls.log");
        Files.writeString(log, "");
        Path az = bin.resolve("az");
        Files.writeString(az, "#!/bin/sh\necho \"$*\" >> '" + log + "'\n");
        Files.setPosixFilePermissions(az, PosixFilePermissions.fromString("rwxr-xr-x"));
        ProcessBuilder builder = new ProcessBuilder("sh", HOOK.toString()).redirectErrorStream(true);
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        builder.environment().put("REPROTECT_OPERATOR_GROUPS", groups);
        OUTPUTS.keySet().forEach(builder.environment()::remove);
        builder.environment().putAll(outputs);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        List<String> calls = Files.readAllLines(log).stream().filter(l -> !l.isBlank()).toList();
        return new Result(process.exitValue(), calls, output);
    }
}
