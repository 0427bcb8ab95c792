package io.reprotect.reprotect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StorageAccountNamesTest {

    @Test
    void asrNameIsPrefixedLowercasedAndStrippedOfWhatAzureRefuses() {
        assertThat(StorageAccountNames.asr("App-Disks_01")).isEqualTo("asrappdisks01");
    }

    @Test
    void longNamesAreCutTo24Characters() {
        String name = StorageAccountNames.asr("averyveryverylongaccountname");
        assertThat(name).hasSize(24).startsWith("asraveryvery");
    }

    @Test
    void emptyNamesArePaddedToTheMinimumLength() {
        assertThat(StorageAccountNames.asr("")).isEqualTo("asr");
        assertThat(StorageAccountNames.asr("--")).matches("[a-z0-9]{3,24}");
    }

    @Test
    void alternativesAreValidDistinctAndTheSameOnEveryRun() {
        String base = StorageAccountNames.asr("averyveryverylongaccountname");
        String first = StorageAccountNames.alternative(base, "vm-id", 1);
        assertThat(first).hasSize(24).matches("[a-z0-9]+").isEqualTo(StorageAccountNames.alternative(base, "vm-id", 1));
        assertThat(StorageAccountNames.alternative(base, "vm-id", 2)).isNotEqualTo(first);
    }

    @Test
    void cacheNameIsDeterministicPerVmAndCaseInsensitive() {
        assertThat(StorageAccountNames.cache("/Subscriptions/X/VM")).isEqualTo(StorageAccountNames.cache("/subscriptions/x/vm"))
                .matches("asrcache[0-9a-f]{8}");
    }
}
