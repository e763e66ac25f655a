package io.github.multiprocessstore.internal.journal;

import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The name of a segment file, {@code <creation millis, base 36>-<8 hex>.log}: unique across processes and hosts
 * (random part), and telling from the name alone when its writer created it, which readers use to know that an
 * old segment will never grow again.
 *
 * @param id      the name without {@code .log}, as positions name the segment
 * @param created creation time in epoch milliseconds, by the writer's clock
 */
public record SegmentName(String id, long created) {

    static final String SUFFIX = ".log";

    /** A new name for a segment created now. */
    static SegmentName create(long nowMillis, RandomGenerator random) {
        String id = Long.toString(nowMillis, 36) + "-" + String.format("%08x", random.nextInt());
        return new SegmentName(id, nowMillis);
    }

    /**
     * Parses a segment id ({@code <millis36>-<8 hex>}).
     *
     * @param id the id
     * @return the name, or empty if the text is not one
     */
    public static Optional<SegmentName> parse(String id) {
        int dash = id.indexOf('-');
        if (dash < 1 || dash > 13 || id.length() != dash + 9) {
            return Optional.empty();
        }
        for (int i = dash + 1; i < id.length(); i++) {
            if (Character.digit(id.charAt(i), 16) < 0 || Character.isUpperCase(id.charAt(i))) {
                return Optional.empty();
            }
        }
        try {
            long created = Long.parseLong(id.substring(0, dash), 36);
            return created < 0 ? Optional.empty() : Optional.of(new SegmentName(id, created));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The file name. */
    String fileName() {
        return id + SUFFIX;
    }
}
