package io.github.multiprocessstore.cli.transfer;

import io.github.multiprocessstore.CorruptRevisionException;
import io.github.multiprocessstore.ObjectStore;
import io.github.multiprocessstore.ProgressListener;
import io.github.multiprocessstore.cli.scan.ParallelScan;
import io.github.multiprocessstore.cli.scan.TopLevel;
import io.github.multiprocessstore.cli.support.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.function.Consumer;

/**
 * {@code export}: the winner of every live object as NDJSON, one compact JSON object a line with its {@code _id}
 * and {@code _rev}, sorted by id. Objects are read in parallel through a read-only store and written in order as
 * they come, so memory holds the ids and a bounded window of objects, never the whole store.
 */
public final class Export {

    private Export() {}

    /** One object's line, or the warning that replaces it. */
    private record Line(String json, String warning) {}

    /**
     * Writes the export.
     *
     * @param store    the read-only store
     * @param scan     the pool to read on
     * @param progress told of each object read
     * @param out      where the lines go
     * @param warn     takes a one-line warning for each object skipped (a corrupt winner)
     * @return the number of objects written
     */
    public static long run(
            ObjectStore store, ParallelScan scan, ProgressListener progress, Writer out, Consumer<String> warn) {
        long[] written = {0};
        scan.run(
                TopLevel.ids(store.path()),
                id -> {
                    try {
                        return store.findObject(id)
                                .map(object -> new Line(Json.compact(object), null))
                                .orElse(null);
                    } catch (CorruptRevisionException e) {
                        return new Line(null, "skipped object '" + id + "': " + e.getMessage());
                    }
                },
                line -> {
                    if (line == null) {
                        return;
                    }
                    if (line.warning() != null) {
                        warn.accept(line.warning());
                        return;
                    }
                    try {
                        out.write(line.json());
                        out.write('\n');
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    written[0]++;
                },
                progress);
        return written[0];
    }
}
