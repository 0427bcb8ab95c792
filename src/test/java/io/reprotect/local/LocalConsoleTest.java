package io.reprotect.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LocalConsoleTest {

    @Test
    void theFirstScreenIsTheAddressAndTheDemoInTwoShortLines() {
        String screen = LocalConsole.firstScreen(8080);
        assertThat(screen.lines()).hasSize(2).allSatisfy(line -> assertThat(line).hasSizeLessThan(160));
        assertThat(screen).contains("http://localhost:8080/api").contains("curl -i -X POST localhost:8080/api/reprotect")
                .contains("http://localhost:8080/api/console");
    }

    @Test
    void theDemoCommandIsTheOneReadmeShows() throws Exception {
        assertThat(Files.readString(Path.of("README.md"))).contains("$ " + LocalConsole.DEMO.formatted(8080));
    }
}
