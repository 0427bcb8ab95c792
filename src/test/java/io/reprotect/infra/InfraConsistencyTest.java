package io.reprotect.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reprotect.cloud.azure.ArmSettings;
import io.reprotect.intake.IntakeDeadLetterFunction;
import io.reprotect.job.StorageConfig;
import io.reprotect.pipeline.DeadLetterFunctions;
import io.reprotect.pipeline.Queues;
import io.reprotect.pipeline.StageConfig;
import io.reprotect.security.Role;
import io.reprotect.security.SecurityConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps infra/ in step with the code, without Azure and without a Bicep compiler: it reads the
 * Bicep text (kept plain for that: one queue name or one app setting per line) and compares it
 * with the queue names, app settings and ARM actions the code uses.
 */
class InfraConsistencyTest {

    private static final Path PROJECT = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    private static final Path INFRA = PROJECT.resolve("infra");
    private static final Path SERVICE_BUS = INFRA.resolve("modules/servicebus.bicep");
    private static final Path FUNCTION_APP = INFRA.resolve("modules/functionapp.bicep");
    private static final Path OPERATOR_ROLE = INFRA.resolve("modules/operator-role.bicep");
    private static final Path OPERATOR_SUBSCRIPTION_ASSIGNMENT = INFRA.resolve("modules/operator-subscription-assignment.bicep");
    private static final Path MAIN = INFRA.resolve("main.bicep");
    private static final Path OPERATOR_ACTIONS = INFRA.resolve("reprotect-operator-actions.json");
    private static final Path OPERATOR_DATA_ACTIONS = INFRA.resolve("reprotect-operator-data-actions.json");

    /** Where the ARM adapter's list of called actions may live (the first found is used). */
    private static final List<String> ARM_PERMISSIONS_CLASSES = List.of(
            "io.reprotect.cloud.ArmPermissions", "io.reprotect.cloud.azure.ArmPermissions");

    private static final Pattern QUOTED = Pattern.compile("^\\s*'([^']+)'\\s*$");
    private static final Pattern SETTING = Pattern.compile("^\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*:");

    @Test
    void everyQueueOfTheCodeIsDeclaredInBicep() {
        Set<String> missing = new TreeSet<>(queuesInCode());
        missing.removeAll(queuesInBicep());
        assertTrue(missing.isEmpty(), "queues used by the code but not declared in " + SERVICE_BUS + ": " + missing);
    }

    @Test
    void noQueueDeclaredInBicepIsUnused() {
        Set<String> unused = new TreeSet<>(queuesInBicep());
        unused.removeAll(queuesInCode());
        assertTrue(unused.isEmpty(), "queues declared in " + SERVICE_BUS + " that no Queues constant names: " + unused);
    }

    @Test
    void queuesDeadLetterAfterTenDeliveriesAndDetectDuplicates() {
        String bicep = read(SERVICE_BUS);
        assertContains(bicep, "maxDeliveryCount: 10");
        assertContains(bicep, "lockDuration: 'PT5M'");
        assertContains(bicep, "requiresDuplicateDetection: true");
        assertTrue(Pattern.compile("duplicateDetectionHistoryTimeWindow: 'P\\w+'").matcher(bicep).find(),
                "duplicateDetectionHistoryTimeWindow is not set");
        assertContains(bicep, "deadLetteringOnMessageExpiration: true");
        assertContains(bicep, "disableLocalAuth: true");
        // Basic has neither duplicate detection nor scheduled messages.
        assertContains(bicep, "name: 'Standard'");
    }

    @Test
    void theAppRolesToDefineAreTheRolesTheCodeReads() throws IOException {
        JsonNode roles = new ObjectMapper().readTree(PROJECT.resolve("infra/app-roles.json").toFile());
        Set<String> values = new TreeSet<>();
        Set<String> ids = new TreeSet<>();
        roles.forEach(r -> {
            values.add(r.path("value").asText());
            ids.add(r.path("id").asText());
            assertTrue(r.path("allowedMemberTypes").toString().contains("Application"),
                    "managed identities (Logic Apps) must be assignable: " + r);
        });
        Set<String> expected = new TreeSet<>();
        for (Role role : Role.values()) {
            expected.add(role.appRoleValue());
        }
        assertEquals(expected, values);
        assertEquals(roles.size(), ids.size(), "app role ids must be distinct");
        assertContains(read(FUNCTION_APP), "REPROTECT_SECURITY_EASY_AUTH_ENABLED: string(entraAuthEnabled)");
    }

    @Test
    void everyAppSettingTheCodeReadsIsSet() {
        Set<String> settings = appSettings();
        List<String> required = new ArrayList<>(List.of(
                Queues.CONNECTION + "__fullyQualifiedNamespace",
                Queues.CONNECTION + "__credential",
                Queues.CONNECTION + "__clientId",
                "AzureWebJobsStorage__accountName",
                "AzureWebJobsStorage__credential",
                "AzureWebJobsStorage__clientId",
                // DefaultAzureCredential picks the user-assigned identity by this variable.
                "AZURE_CLIENT_ID",
                "APPLICATIONINSIGHTS_CONNECTION_STRING",
                "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
                envName(configPrefix(StorageConfig.class) + ".blob-endpoint"),
                envName(armConfigPrefix() + ".subscription-ids"),
                // without it, Entra principals would be refused as forged once Easy Auth is on
                envName(configPrefix(SecurityConfig.class) + ".easy-auth-enabled"),
                envName(configPrefix(SecurityConfig.class) + ".function-key-role")));
        Set<String> missing = new TreeSet<>(required);
        missing.removeAll(settings);
        assertTrue(missing.isEmpty(), "app settings the code reads but " + FUNCTION_APP + " does not set: " + missing);
    }

    /**
     * The Functions host sends its telemetry to Application Insights in OpenTelemetry mode, correlated with the
     * trace context the stage messages carry; the app's own spans and metrics go in-process to the same
     * Application Insights (telemetry.AzureMonitorExport), with the identity's Entra token: the SDK is on by the
     * app's own default (nothing in infra turns it off), the identity may publish, and local auth stays off.
     */
    @Test
    void theAppExportsToApplicationInsightsWithTheIdentityAndTheHostRunsInOpenTelemetryMode() throws IOException {
        Set<String> settings = appSettings();
        assertFalse(settings.contains("QUARKUS_OTEL_SDK_DISABLED"), "the app's telemetry must not be switched off");
        assertFalse(settings.contains("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT"), "no collector: export is in-process");
        String app = read(FUNCTION_APP);
        assertContains(app, "APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString");
        assertContains(app, "APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'");
        String monitoring = read(INFRA.resolve("modules/monitoring.bicep"));
        assertContains(monitoring, "DisableLocalAuth: true");
        assertContains(monitoring, "var monitoringMetricsPublisher = '3913510d-42f4-4e42-8a64-420c390055eb'");
        assertContains(monitoring, "scope: appInsights");
        assertContains(monitoring, "principalId: identityPrincipalId");
        assertContains(read(MAIN), "identityPrincipalId: identity.outputs.principalId");
        Properties properties = new Properties();
        try (var in = Files.newInputStream(PROJECT.resolve("src/main/resources/application.properties"))) {
            properties.load(in);
        }
        assertEquals("false", properties.getProperty("quarkus.otel.sdk.disabled"), "the SDK's default outside dev and test");
        assertEquals("false", properties.getProperty("quarkus.otel.exporter.otlp.enabled"),
                "Quarkus's OTLP metric exporter would take the place of Azure Monitor's");
        assertEquals("OpenTelemetry", new ObjectMapper().readTree(PROJECT.resolve("host.json").toFile())
                .path("telemetryMode").asText(), "host.json telemetryMode");
    }

    @Test
    void noAppSettingHoldsAConnectionStringOrARuntimeFlexDoesNotAllow() {
        Set<String> settings = appSettings();
        // A plain ServiceBusConnection or AzureWebJobsStorage would be a connection string with a key.
        for (String forbidden : List.of(Queues.CONNECTION, "AzureWebJobsStorage", "FUNCTIONS_WORKER_RUNTIME",
                "FUNCTIONS_EXTENSION_VERSION", "WEBSITE_RUN_FROM_PACKAGE", "APPINSIGHTS_INSTRUMENTATIONKEY")) {
            assertFalse(settings.contains(forbidden), forbidden + " must not be an app setting");
        }
    }

    @Test
    void theOperatorRolesBlobDataActionsAreLimitedToTheEnginesContainer() throws Exception {
        String container = StageConfig.class.getMethod("replicaContainer")
                .getAnnotation(WithDefault.class).value();
        assertContains(read(INFRA.resolve("main.bicep")), "param replicaContainerName string = '" + container + "'");
        assertTrue(appSettings().contains("REPROTECT_STAGES_REPLICA_CONTAINER"), "the app must use the container "
                + "the role's condition names");
        List<String> dataActions = new ObjectMapper().readValue(INFRA.resolve("reprotect-operator-data-actions.json")
                .toFile(), new com.fasterxml.jackson.core.type.TypeReference<List<String>>() { });
        for (String module : List.of("modules/operator-assignment.bicep", "modules/operator-subscription-assignment.bicep")) {
            String bicep = read(INFRA.resolve(module));
            assertContains(bicep, "conditionVersion: '2.0'");
            assertContains(bicep, "@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] "
                    + "StringEquals \\'${blobContainerName}\\'");
            for (String action : dataActions) {
                assertContains(bicep, "!(ActionMatches{\\'" + action + "\\'})");
            }
        }
    }

    @Test
    void jobContainerOfStorageConfigIsCreated() throws Exception {
        String container = StorageConfig.class.getMethod("jobContainer").getAnnotation(WithDefault.class).value();
        assertContains(read(INFRA.resolve("main.bicep")), "jobContainerName: '" + container + "'");
    }

    @Test
    void functionAppRunsJava17OnFlexConsumption() {
        String bicep = read(FUNCTION_APP);
        assertContains(bicep, "name: 'FC1'");
        assertContains(bicep, "tier: 'FlexConsumption'");
        assertContains(bicep, "name: 'java'");
        assertContains(bicep, "version: '17'");
        assertContains(read(INFRA.resolve("modules/storage.bicep")), "allowSharedKeyAccess: false");
    }

    @Test
    void functionAppSetsNothingFlexConsumptionRejects() {
        // ftpsState is rejected on Flex Consumption (error 51021); so are the runtime app settings.
        assertFalse(Pattern.compile("^\\s*ftpsState\\s*:", Pattern.MULTILINE).matcher(read(FUNCTION_APP)).find(),
                "ftpsState must not be set on a Flex Consumption site");
    }

    @Test
    void corsLetsThePortalTestTheHttpFunction() {
        String app = read(FUNCTION_APP);
        assertContains(app, "allowedOrigins: corsAllowedOrigins");
        assertContains(app, "'https://portal.azure.com'");
        assertContains(read(INFRA.resolve("main.bicep")), "corsAllowedOrigins: union([ 'https://portal.azure.com' ]");
    }

    @Test
    void coldStartKnobsReachTheFlexScaleSettings() {
        String app = read(FUNCTION_APP);
        assertContains(app, "alwaysReady: alwaysReady");
        assertContains(app, "instanceMemoryMB: instanceMemoryMB");
        String main = read(INFRA.resolve("main.bicep"));
        assertContains(main, "alwaysReady: alwaysReadyConfig");
        assertContains(main, "instanceMemoryMB: instanceMemoryMB");
    }

    /** azd fills main.bicep's parameters from main.parameters.json only: a parameter missing there cannot be set. */
    @Test
    void everyMainParameterCanBeSetFromAnAzdEnvironmentVariable() throws IOException {
        Set<String> declared = new TreeSet<>();
        Matcher m = Pattern.compile("^param\\s+(\\w+)\\s", Pattern.MULTILINE).matcher(read(INFRA.resolve("main.bicep")));
        while (m.find()) {
            declared.add(m.group(1));
        }
        Set<String> mapped = new TreeSet<>();
        new ObjectMapper().readTree(INFRA.resolve("main.parameters.json").toFile()).path("parameters").fieldNames()
                .forEachRemaining(mapped::add);
        Set<String> missing = new TreeSet<>(declared);
        missing.removeAll(mapped);
        assertTrue(missing.isEmpty(), "main.bicep parameters that main.parameters.json does not map: " + missing);
        for (String knob : List.of("alwaysReady", "instanceMemoryMB", "maximumInstanceCount")) {
            assertTrue(declared.contains(knob), "main.bicep does not expose " + knob);
        }
    }

    @Test
    void serviceBusUsesTheGaApiVersionAndLetsTheScaleControllerReadQueueLengths() {
        List<String> preview = new ArrayList<>();
        for (Path file : infraFiles()) {
            read(file).lines().filter(l -> l.contains("'Microsoft.ServiceBus/") && l.contains("-preview'"))
                    .forEach(l -> preview.add(PROJECT.relativize(file) + ": " + l.trim()));
        }
        assertTrue(preview.isEmpty(), "Service Bus resources on a preview API version: " + preview);
        String bus = read(SERVICE_BUS);
        assertContains(bus, "Microsoft.ServiceBus/namespaces@2024-01-01");
        // Azure Service Bus Data Owner, granted unless the operator opts out (docs/deploy.md explains the trade-off).
        assertContains(bus, "'090c5cfd-751d-490a-894a-3ce6f1109419'");
        assertContains(bus, "resource dataOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (identityIsDataOwner)");
        assertContains(read(INFRA.resolve("main.bicep")), "param serviceBusDataOwner bool = true");
    }

    @Test
    void deadLetteredMessagesRaiseAnAlertAndTheIntakeDeadLetterQueueHasAReader() throws Exception {
        String alerts = read(INFRA.resolve("modules/alerts.bicep"));
        // the dead-letter functions drain their queues within seconds: alert on their runs, not on the queues
        assertFalse(alerts.contains("metricName: 'DeadletteredMessages'"), "DeadletteredMessages rarely sees a message");
        assertContains(alerts, "Microsoft.Insights/scheduledQueryRules@");
        assertContains(alerts, "\\'" + DeadLetterFunctions.NAME + "\\'");
        assertContains(alerts, "\\'" + IntakeDeadLetterFunction.NAME + "\\'");
        // what stays: rejected requests nobody read
        assertContains(alerts, "metricName: 'ActiveMessages'");
        assertContains(alerts, "name: 'EntityName'");
        assertContains(alerts, "var rejectedQueueName = '" + Queues.REJECTED + "'");
        assertContains(read(INFRA.resolve("main.bicep")), "module alerts 'modules/alerts.bicep'");
        boolean intakeReader = false;
        for (var method : Class.forName("io.reprotect.intake.IntakeDeadLetterFunction").getMethods()) {
            for (var params : method.getParameterAnnotations()) {
                for (var a : params) {
                    if (a instanceof com.microsoft.azure.functions.annotation.ServiceBusQueueTrigger t
                            && t.queueName().equals(Queues.INTAKE + Queues.DEAD_LETTER_SUFFIX)) {
                        intakeReader = true;
                    }
                }
            }
        }
        assertTrue(intakeReader, "no function reads " + Queues.INTAKE + Queues.DEAD_LETTER_SUFFIX);
    }

    @Test
    void azdDeploysTheFolderMavenStages() {
        String appName = read(PROJECT.resolve("src/main/resources/application.properties")).lines()
                .filter(l -> l.startsWith("quarkus.azure-functions.app-name="))
                .map(l -> l.substring(l.indexOf('=') + 1).trim())
                .findFirst().orElseThrow();
        assertContains(read(PROJECT.resolve("azure.yaml")), "dist: target/azure-functions/" + appName);
    }

    @Test
    void infraHoldsNoKeysAndListsNoKeys() {
        List<String> found = new ArrayList<>();
        for (Path file : infraFiles()) {
            String text = read(file).toLowerCase(Locale.ROOT);
            for (String secret : List.of("accountkey", "sharedaccesskey", "listkeys(", "listkeys/action")) {
                if (text.contains(secret)) {
                    found.add(PROJECT.relativize(file) + ": " + secret);
                }
            }
        }
        assertTrue(found.isEmpty(), "key material or key listing in infra/: " + found);
    }

    @Test
    void operatorRoleLoadsItsActionsFromTheSharedFiles() {
        String bicep = read(OPERATOR_ROLE);
        assertContains(bicep, "loadJsonContent('../" + OPERATOR_ACTIONS.getFileName() + "')");
        assertContains(bicep, "loadJsonContent('../" + OPERATOR_DATA_ACTIONS.getFileName() + "')");
        assertContains(bicep, "actions: actions");
        assertContains(bicep, "dataActions: dataActions");
        assertContains(bicep, "roleName: 'VM Reprotect Operator");

        List<String> actions = operatorActions();
        assertFalse(actions.isEmpty(), "no actions in " + OPERATOR_ACTIONS);
        assertEquals(actions.size(), new LinkedHashSet<>(actions).size(), "duplicate actions in " + OPERATOR_ACTIONS);
        for (String action : actions) {
            assertTrue(action.matches("Microsoft\\.[A-Za-z]+/[A-Za-z0-9/*]+"), "not an ARM action: " + action);
            assertFalse(action.toLowerCase(Locale.ROOT).startsWith("microsoft.resources/deployments"),
                    "the engine deploys no templates: " + action);
        }
    }

    /**
     * The app serves a list of subscriptions (one app setting); the infra makes the operator role
     * assignable in each and assigns it on each, with a subscription-scoped module per subscription.
     */
    @Test
    void theOperatorRoleIsAssignableAndAssignedInEveryServedSubscription() {
        assertEquals(ArmSettings.SUBSCRIPTIONS_APP_SETTING, envName(ArmSettings.SUBSCRIPTIONS_KEY));
        assertTrue(appSettings().contains(ArmSettings.SUBSCRIPTIONS_APP_SETTING),
                FUNCTION_APP + " must set " + ArmSettings.SUBSCRIPTIONS_APP_SETTING);
        assertFalse(appSettings().contains(envName(armConfigPrefix() + ".subscription-id")),
                "the single-subscription setting would be ignored next to the list; set only the list");

        String main = read(MAIN);
        assertContains(main, "param protectedSubscriptionIds string");
        assertContains(main, "armSubscriptionIds: join(armSubscriptionIds, ',')");
        assertContains(main, "map(armSubscriptionIds, s => '/subscriptions/${s}')");
        assertContains(main, "module operatorSubscriptionAssignments 'modules/" + OPERATOR_SUBSCRIPTION_ASSIGNMENT.getFileName()
                + "' = [for subscriptionId in");
        assertContains(main, "scope: subscription(subscriptionId)");

        String role = read(OPERATOR_ROLE);
        assertContains(role, "param assignableScopes array");
        assertContains(role, "assignableScopes: assignableScopes");
        assertFalse(role.contains("Microsoft.Authorization/roleAssignments"), "assignments live in their own modules");

        String assignment = read(OPERATOR_SUBSCRIPTION_ASSIGNMENT);
        assertContains(assignment, "targetScope = 'subscription'");
        assertContains(assignment, "subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleDefinitionName)");
        assertContains(assignment, "principalType: 'ServicePrincipal'");
    }

    /**
     * Hook for the ARM adapter: once an ArmPermissions class with REQUIRED_ACTIONS is on the
     * classpath, every action it calls must be granted by the custom role (wildcards allowed).
     */
    @Test
    void everyArmActionTheAdapterCallsIsGrantedByTheOperatorRole() throws Exception {
        Class<?> permissions = ARM_PERMISSIONS_CLASSES.stream().map(InfraConsistencyTest::classOrNull)
                .filter(c -> c != null).findFirst().orElse(null);
        assumeTrue(permissions != null, "no ArmPermissions class on the classpath yet: " + ARM_PERMISSIONS_CLASSES);

        Object value = permissions.getField("REQUIRED_ACTIONS").get(null);
        Collection<?> required = value instanceof Object[] array ? Arrays.asList(array) : (Collection<?>) value;
        List<Pattern> granted = operatorActions().stream().map(InfraConsistencyTest::actionPattern).toList();
        List<String> notGranted = required.stream().map(String::valueOf)
                .filter(action -> granted.stream().noneMatch(p -> p.matcher(action).matches()))
                .toList();
        assertTrue(notGranted.isEmpty(), permissions.getName() + ".REQUIRED_ACTIONS not granted by "
                + OPERATOR_ACTIONS + ": " + notGranted);
    }

    // --- reading the code ---

    private static Set<String> queuesInCode() {
        Set<String> names = new TreeSet<>();
        for (Field field : Queues.class.getFields()) {
            int mods = field.getModifiers();
            if (Modifier.isStatic(mods) && Modifier.isFinal(mods) && field.getType() == String.class
                    && !field.getName().equals("CONNECTION") && !field.getName().equals("DEAD_LETTER_SUFFIX")) {
                try {
                    names.add((String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        assertFalse(names.isEmpty(), "no queue constants found in " + Queues.class.getName());
        return names;
    }

    private static String configPrefix(Class<?> mapping) {
        return mapping.getAnnotation(ConfigMapping.class).prefix();
    }

    /** The ARM adapter's config prefix, from its mapping when it is on the classpath. */
    private static String armConfigPrefix() {
        Class<?> config = classOrNull("io.reprotect.cloud.azure.ArmConfig");
        return config != null && config.isAnnotationPresent(ConfigMapping.class) ? configPrefix(config) : "reprotect.arm";
    }

    /** The environment variable MicroProfile Config maps to a property name. */
    private static String envName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    private static Class<?> classOrNull(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    // --- reading infra/ ---

    /** The names in servicebus.bicep's {@code var queueNames = [ ... ]}, one quoted name per line. */
    private static Set<String> queuesInBicep() {
        List<String> lines = read(SERVICE_BUS).lines().toList();
        int start = indexOf(lines, l -> l.trim().equals("var queueNames = ["), SERVICE_BUS + ": var queueNames = [");
        Set<String> names = new TreeSet<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.trim().equals("]")) {
                return names;
            }
            Matcher m = QUOTED.matcher(line);
            assertTrue(m.matches(), "expected one quoted queue name per line in queueNames, got: " + line);
            names.add(m.group(1));
        }
        throw new AssertionError("queueNames array is not closed in " + SERVICE_BUS);
    }

    /** The keys of the {@code appsettings} config resource's properties in functionapp.bicep. */
    private static Set<String> appSettings() {
        List<String> lines = read(FUNCTION_APP).lines().toList();
        int name = indexOf(lines, l -> l.trim().equals("name: 'appsettings'"), FUNCTION_APP + ": name: 'appsettings'");
        int open = name + 1;
        while (!lines.get(open).trim().equals("properties: {")) {
            open++;
        }
        String closing = lines.get(open).substring(0, lines.get(open).indexOf('p')) + "}";
        Set<String> keys = new TreeSet<>();
        for (String line : lines.subList(open + 1, lines.size())) {
            if (line.equals(closing)) {
                return keys;
            }
            Matcher m = SETTING.matcher(line);
            if (m.find()) {
                keys.add(m.group(1));
            }
        }
        throw new AssertionError("appsettings properties block is not closed in " + FUNCTION_APP);
    }

    private static List<String> operatorActions() {
        try {
            return new ObjectMapper().readValue(OPERATOR_ACTIONS.toFile(), new TypeReference<List<String>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("infra/reprotect-operator-actions.json must be one JSON array of strings", e);
        }
    }

    /** An action of a role definition as a pattern: '*' matches anything, case-insensitive like ARM. */
    private static Pattern actionPattern(String action) {
        String regex = Arrays.stream(action.split("\\*", -1)).map(Pattern::quote).collect(Collectors.joining(".*"));
        return Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
    }

    private static List<Path> infraFiles() {
        try (Stream<Path> files = Files.walk(INFRA)) {
            return files.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int indexOf(List<String> lines, java.util.function.Predicate<String> test, String what) {
        for (int i = 0; i < lines.size(); i++) {
            if (test.test(lines.get(i))) {
                return i;
            }
        }
        throw new AssertionError("not found: " + what);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static void assertContains(String text, String expected) {
        assertTrue(text.contains(expected), "expected to find: " + expected);
    }
}
