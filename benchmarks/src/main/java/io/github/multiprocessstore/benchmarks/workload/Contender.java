package io.github.multiprocessstore.benchmarks.workload;

import java.util.Arrays;
import java.util.Locale;

/**
 * The stores compared, each with the SQLite configuration it is measured against in the same repetition.
 */
public enum Contender {

    /** This engine through its public API, fsync off. */
    MPSTORE("mpstore", false, false),
    /**
     * This engine through its public API, fsync off, with {@code historyLimit(16)}: the counter object's old revisions
     * go to the trash as it is written, so its directory stays small. Measured in W6 only, where one object collects
     * thousands of revisions.
     */
    MPSTORE_BOUNDED("mpstore-bounded", false, false),
    /**
     * This engine through its public API, fsync off, with its change journal off ({@code changeJournal(false)}):
     * what the journal costs is the difference to {@link #MPSTORE} in the same repetition. Measured in W1, W3, W5.
     */
    MPSTORE_NO_JOURNAL("mpstore-nojournal", false, false),
    /** This engine through its public API, durable (its default: fsync of file, then directory). */
    MPSTORE_DURABLE("mpstore-durable", true, false),
    /** SQLite through sqlite-jdbc, WAL, {@code synchronous=NORMAL}; read-then-UPDATE without a transaction in W6. */
    SQLITE("sqlite", false, false),
    /** SQLite through sqlite-jdbc, WAL, {@code synchronous=FULL}. */
    SQLITE_DURABLE("sqlite-durable", true, false),
    /** SQLite like {@link #SQLITE}, but W6's read-modify-write in a {@code BEGIN IMMEDIATE} transaction. */
    SQLITE_TXN("sqlite-txn", false, false),
    /**
     * The layout's own floor: the same files written by the shortest program that can write them ({@link
     * FloorClient}), fsync off.
     */
    FLOOR("floor", false, false),
    /** The floor, durable: the temp file synced before the rename, the directories after. */
    FLOOR_DURABLE("floor-durable", true, false),
    /** The npm package {@code multiprocess-store} 1.25.0 run by Node.js (no fsync, no durable mode). */
    NPM("npm", false, true);

    /** The history limit of {@link #MPSTORE_BOUNDED}. */
    public static final int BOUNDED_HISTORY = 16;

    private final String label;
    private final boolean durable;
    private final boolean node;

    Contender(String label, boolean durable, boolean node) {
        this.label = label;
        this.durable = durable;
        this.node = node;
    }

    /** The name used on the command line, in result lines and tables. */
    public String label() {
        return label;
    }

    /** Whether every acknowledged write is fsynced. */
    public boolean durable() {
        return durable;
    }

    /** The {@code historyLimit} of this engine's store: 0 (unbounded, the default) but for {@link #MPSTORE_BOUNDED}. */
    public int historyLimit() {
        return this == MPSTORE_BOUNDED ? BOUNDED_HISTORY : 0;
    }

    /** Whether this engine's store journals its changes (all but {@link #MPSTORE_NO_JOURNAL}). */
    public boolean journal() {
        return this != MPSTORE_NO_JOURNAL;
    }

    /** Whether it runs in Node.js rather than in a JVM. */
    public boolean node() {
        return node;
    }

    /** The SQLite contender it is compared with in the same repetition. */
    public Contender sqlitePeer() {
        return durable ? SQLITE_DURABLE : SQLITE;
    }

    /** The floor contender it is compared with in the same repetition: the layout's own limit. */
    public Contender floorPeer() {
        return durable ? FLOOR_DURABLE : FLOOR;
    }

    /** Whether this is one of this engine's configurations. */
    public boolean engine() {
        return this == MPSTORE || this == MPSTORE_BOUNDED || this == MPSTORE_DURABLE;
    }

    /** Whether this is one of the SQLite configurations. */
    public boolean sqlite() {
        return this == SQLITE || this == SQLITE_DURABLE || this == SQLITE_TXN;
    }

    /**
     * The contender with this label.
     *
     * @param label e.g. {@code mpstore-durable}
     * @return the contender
     * @throws IllegalArgumentException naming the known labels if there is none
     */
    public static Contender of(String label) {
        for (Contender contender : values()) {
            if (contender.label.equals(label.toLowerCase(Locale.ROOT))) {
                return contender;
            }
        }
        throw new IllegalArgumentException("unknown contender '" + label + "'; known: "
                + Arrays.stream(values()).map(Contender::label).toList());
    }
}
