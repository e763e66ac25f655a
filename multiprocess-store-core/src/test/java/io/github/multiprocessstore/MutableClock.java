package io.github.multiprocessstore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that runs with the real one, plus an offset a test moves forward (retention, settling). */
public final class MutableClock extends Clock {

    private volatile Duration offset = Duration.ZERO;
    private volatile Runnable beforeEachRead = () -> {};

    /** Moves this clock forward. */
    public void advance(Duration by) {
        offset = offset.plus(by);
    }

    /** Runs {@code hook} on the reading thread each time the clock is read (to hold a thread at a known point). */
    public void beforeEachRead(Runnable hook) {
        beforeEachRead = hook;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        beforeEachRead.run();
        return Instant.now().plus(offset);
    }
}
