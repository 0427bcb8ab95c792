package io.reprotect.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTest {

    @Test
    void sasTokensInErrorMessagesNeverReachTheJobRecord() {
        JobError error = JobError.of("CopyFailed", "copy from https://md-abc.blob.core.windows.net/x/abcd?sv=2022-11-02"
                + "&sr=b&sig=Zm9vYmFyc2VjcmV0%3D&se=2026-11-26T10%3A00%3A00Z failed: 403", null, "retry");
        assertThat(error.message()).doesNotContain("sig=").doesNotContain("Zm9vYmFy")
                .contains("https://md-abc.blob.core.windows.net/x/abcd?<SAS redacted> failed: 403");
    }

    @Test
    void textWithoutASasIsUntouched() {
        assertThat(Redaction.redact("GET /subscriptions/s?api-version=2024-03-02 returned 500"))
                .isEqualTo("GET /subscriptions/s?api-version=2024-03-02 returned 500");
    }
}
