package io.github.multiprocessstore.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's core example prints what the README shows (up to the random part of revision names), every run. */
class NotesExampleTests {

    private static final String SOURCE =
            "multiprocess-store-core/src/test/java/io/github/multiprocessstore/readme/NotesExample.java";

    @TempDir
    Path temp;

    @Test
    void printsWhatTheReadmeShows() {
        String printed = printedBy(() -> NotesExample.run(temp.resolve("notes-store")));

        String shown = Readme.read().block("output", SOURCE).text();
        assertThat(Readme.withoutRandomRevisions(printed)).isEqualTo(Readme.withoutRandomRevisions(shown));
    }

    @Test
    void printsTheSameOnEveryFreshStore() {
        String first = printedBy(() -> NotesExample.run(temp.resolve("first")));
        String second = printedBy(() -> NotesExample.run(temp.resolve("second")));

        assertThat(Readme.withoutRandomRevisions(second)).isEqualTo(Readme.withoutRandomRevisions(first));
        assertThat(first).contains("conflicts [[1-").contains("stale     0-");
    }

    /** What a piece of code prints on {@code System.out}; tests of this module do not run in parallel. */
    private static synchronized String printedBy(Runnable program) {
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            program.run();
        } finally {
            System.setOut(original);
        }
        return printed.toString(StandardCharsets.UTF_8);
    }
}
