package io.reprotect.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reprotect.sync.blob.PageWriterKind;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyncConfigTest {

    private static SyncConfig config(Map<String, String> values) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(SyncConfig.class)
                .withSources(new io.smallrye.config.PropertiesConfigSource(values, "test", 500)).build();
        return config.getConfigMapping(SyncConfig.class);
    }

    @Test
    void defaultsWriteServerSideWithFourMiBChunksAndFourInFlight() {
        SyncConfig config = config(Map.of());
        assertEquals(PageWriterKind.FROM_URL, config.writer());
        assertEquals(DeltaSyncOptions.defaults(), config.options());
        assertEquals(Duration.ofMinutes(4), config.sliceLimits().maxWallTime());
    }

    @Test
    void theLocalWriterIsChosenByConfiguration() {
        assertEquals(PageWriterKind.LOCAL, config(Map.of("reprotect.sync.writer", "local")).writer());
    }

    @Test
    void anInvalidChunkSizeNamesTheKeyToFix() {
        SyncConfig config = config(Map.of("reprotect.sync.chunk-bytes", "1000"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, config::options);
        assertTrue(e.getMessage().contains("reprotect.sync.chunk-bytes"), e.getMessage());
    }
}
