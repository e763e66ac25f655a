package io.github.multiprocessstore;

import io.github.multiprocessstore.internal.format.StoreLayout;
import io.github.multiprocessstore.internal.journal.JournalSettings;
import io.github.multiprocessstore.internal.journal.JournalWriter;
import io.github.multiprocessstore.internal.store.StoreFiles;
import io.github.multiprocessstore.internal.write.FileModes;
import java.time.Clock;
import java.time.Duration;

/** The change feed's options, as the {@link ObjectStoreBuilder} collected them. */
record ChangeFeedOptions(
        boolean journal, Duration retention, Duration reconcileInterval, Duration pollInterval, int bufferCapacity) {

    static final ChangeFeedOptions DEFAULTS = new ChangeFeedOptions(
            true, StoreFiles.DEFAULT_JOURNAL_RETENTION, Duration.ofSeconds(5), Duration.ofMillis(100), 10_000);

    JournalWriter journalWriter(StoreLayout layout, Clock clock, FileModes modes) {
        return journal
                ? JournalWriter.into(layout.journalDirectory(), settings(clock), modes)
                : JournalWriter.disabled();
    }

    ChangeFeed feed(StoreFiles files, ObjectReader reader, Clock clock) {
        return new ChangeFeed(files, reader, clock, settings(clock), reconcileInterval, pollInterval, bufferCapacity);
    }

    private JournalSettings settings(Clock clock) {
        return JournalSettings.of(clock, retention);
    }
}
