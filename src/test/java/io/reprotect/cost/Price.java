package io.reprotect.cost;

/**
 * One public list price (or billing rule) the cost model uses, with where it was read and how firmly.
 *
 * @param name     what is billed, e.g. "Functions Flex Consumption on-demand execution time"
 * @param value    the amount, in {@code unit}
 * @param unit     e.g. "USD per GB-s", "USD per 10,000 operations", "operations per month included"
 * @param region   the region (or region pair) it applies to
 * @param source   the page it comes from (an address)
 * @param read     the date it was read there, ISO (yyyy-mm-dd)
 * @param evidence how the amount was established
 * @param note     what the stored source showed, or what to check
 */
public record Price(String name, double value, String unit, String region, String source, String read,
                    Evidence evidence, String note) {

    /** How an amount was established. */
    public enum Evidence {
        /** The amount (or rule) as shown on a Microsoft page. */
        OFFICIAL,
        /** The amount as quoted by the named third-party page; the official page rendered no amount in its stored copy. */
        QUOTED,
        /** No stored source showed the amount: the list price as commonly given; check it before relying on it. */
        UNVERIFIED
    }

    public Price {
        require(name, "name");
        require(unit, "unit");
        require(region, "region");
        require(source, "source");
        require(read, "read");
        if (!read.matches("\\d{4}-\\d{2}-\\d{2}")) {
            throw new IllegalArgumentException(name + ": the date read must be yyyy-mm-dd, not " + read);
        }
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + ": the value must be a finite amount >= 0, not " + value);
        }
        if (evidence == null) {
            throw new IllegalArgumentException(name + ": say how the amount was established (evidence)");
        }
        note = note == null ? "" : note;
    }

    private static void require(String field, String what) {
        if (field == null || field.isBlank()) {
            throw new IllegalArgumentException("a price needs its " + what);
        }
    }
}
