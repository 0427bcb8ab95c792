package io.reprotect.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The prices file is complete: every price says what it is, in which unit, where, from which page, read when, how firmly. */
class AzurePricesTest {

    @Test
    void everyPriceHasValueUnitRegionSourceAndDateRead() {
        assertThat(AzurePrices.ALL).isNotEmpty().allSatisfy(p -> {
            assertThat(p.name()).isNotBlank();
            assertThat(p.value()).as(p.name()).isPositive();
            assertThat(p.unit()).as(p.name()).isNotBlank();
            assertThat(p.region()).as(p.name()).isNotBlank();
            assertThat(p.source()).as(p.name()).startsWith("https://");
            assertThat(p.read()).as(p.name()).matches("\\d{4}-\\d{2}-\\d{2}");
            assertThat(p.evidence()).as(p.name()).isNotNull();
        });
    }

    @Test
    void everyPriceDeclaredIsListedOnceInAll() throws IllegalAccessException {
        List<Price> declared = new ArrayList<>();
        for (Field field : AzurePrices.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == Price.class) {
                declared.add((Price) field.get(null));
            }
        }
        assertThat(AzurePrices.ALL).containsExactlyInAnyOrderElementsOf(declared).doesNotHaveDuplicates();
    }

    @Test
    void aPriceWithoutSourceOrDateIsRefused() {
        assertThatThrownBy(() -> new Price("x", 1, "USD", "East US", "", "2026-12-08", Price.Evidence.OFFICIAL, ""))
                .hasMessageContaining("source");
        assertThatThrownBy(() -> new Price("x", 1, "USD", "East US", "https://a", "Dec 2026", Price.Evidence.OFFICIAL, ""))
                .hasMessageContaining("yyyy-mm-dd");
    }

    @Test
    void anUnverifiedAmountSaysWhatToCheck() {
        assertThat(AzurePrices.ALL).filteredOn(p -> p.evidence() == Price.Evidence.UNVERIFIED)
                .allSatisfy(p -> assertThat(p.note()).as(p.name()).isNotBlank());
    }
}
