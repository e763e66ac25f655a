package io.github.multiprocessstore.internal.store;

import java.util.List;

/**
 * What listing an object directory found: no directory, something foreign in its place (a file or a symbolic
 * link, never followed), or the revision names in it.
 */
public final class Listing {

    private static final Listing ABSENT = new Listing(false, List.of());
    private static final Listing FOREIGN = new Listing(true, List.of());

    private final boolean foreign;
    private final List<String> names;

    private Listing(boolean foreign, List<String> names) {
        this.foreign = foreign;
        this.names = names;
    }

    static Listing absent() {
        return ABSENT;
    }

    static Listing foreign() {
        return FOREIGN;
    }

    static Listing of(List<String> names) {
        return new Listing(false, names);
    }

    /** Whether an object directory is there. */
    public boolean exists() {
        return this != ABSENT && this != FOREIGN;
    }

    /** Whether a file or a symbolic link stands where the object directory belongs. */
    public boolean isForeign() {
        return foreign;
    }

    /** The revision names, unmodifiable; empty unless {@link #exists()}. */
    public List<String> names() {
        return names;
    }
}
