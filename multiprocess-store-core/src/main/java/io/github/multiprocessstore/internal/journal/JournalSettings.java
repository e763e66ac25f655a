package io.github.multiprocessstore.internal.journal;

import java.time.Clock;
import java.time.Duration;

/**
 * How the journal is kept.
 *
 * @param clock           stamps segment names and decides their age
 * @param retention       segments last written longer ago than this are removed
 * @param rotationAge     a writer starts a new segment once its current one is this old
 * @param maxSegmentBytes a writer starts a new segment once its current one is this large
 */
public record JournalSettings(Clock clock, Duration retention, Duration rotationAge, long maxSegmentBytes) {

    /** How much later than its rotation age a segment may still grow (a writer paused mid-append). */
    public static final Duration SEALING_MARGIN = Duration.ofMinutes(1);

    /** The defaults with a given retention: rotation every 10 minutes (less for short retentions) or 8 MB. */
    public static JournalSettings of(Clock clock, Duration retention) {
        Duration rotation = Duration.ofMinutes(10);
        if (retention.compareTo(rotation.multipliedBy(4)) < 0) {
            rotation = retention.dividedBy(4);
        }
        return new JournalSettings(clock, retention, rotation, 8L << 20);
    }

    /** Whether a segment created at {@code createdMillis} can no longer grow, by its age alone. */
    public boolean sealedByAge(long createdMillis, long nowMillis) {
        return nowMillis - createdMillis > rotationAge.plus(SEALING_MARGIN).toMillis();
    }
}
