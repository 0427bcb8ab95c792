package io.reprotect.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.azure.storage.blob.BlobServiceVersion;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The pinned Azurite, the Node.js version README asks for, and the API version the SDK sends agree. */
class AzuritePinTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readmeAsksForTheNodeVersionThePinnedAzuriteDeclares() throws Exception {
        JsonNode lock = JSON.readTree(Path.of("package-lock.json").toFile()).path("packages").path("node_modules/azurite");
        String pinned = JSON.readTree(Path.of("package.json").toFile()).path("devDependencies").path("azurite").asText();
        assertThat(lock.path("version").asText()).isEqualTo(pinned);
        Matcher engines = Pattern.compile(">=\\s*(\\d+)").matcher(lock.path("engines").path("node").asText());
        assertThat(engines.find()).as("azurite declares a minimum Node.js version").isTrue();
        Matcher readme = Pattern.compile("JDK 17 and Node\\.js (\\d+) or later").matcher(Files.readString(Path.of("README.md")));
        assertThat(readme.find()).as("README states the Node.js version").isTrue();
        assertThat(Integer.parseInt(readme.group(1))).isGreaterThanOrEqualTo(Integer.parseInt(engines.group(1)));
        assertThat(Files.readString(Path.of("README.md"))).contains("Azurite " + pinned);
    }

    @Test
    void thePinnedAzuriteAcceptsTheApiVersionTheBlobSdkSends() throws Exception {
        Path constants = Path.of("node_modules/azurite/dist/src/blob/utils/constants.js");
        assumeTrue(Files.exists(constants), "Azurite is installed (npm ci) by the first test that needs it");
        Matcher version = Pattern.compile("BLOB_API_VERSION = \"([0-9-]+)\"").matcher(Files.readString(constants));
        assertThat(version.find()).isTrue();
        assertThat(version.group(1)).isGreaterThanOrEqualTo(BlobServiceVersion.getLatest().getVersion());
    }
}
