package io.github.multiprocessstore;

import static io.github.multiprocessstore.TestJson.object;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads through kept directory listings still see every change made by anyone, at once. The settle time is cut to
 * zero so that every listing is kept; the pauses let the file system's clock tick between changes, which the
 * real settle time guarantees.
 */
class KeptListingTests {

    @TempDir
    Path directory;

    private ObjectStore keepingEveryListing() {
        return ObjectStore.builder(directory).listingSettleTime(Duration.ZERO).build();
    }

    private static void letTheClockTick() throws InterruptedException {
        Thread.sleep(25);
    }

    @Test
    void anUpdateByAnotherStoreInstanceIsSeenAtTheNextRead() throws Exception {
        ObjectStore reader = keepingEveryListing();
        ObjectStore writer = ObjectStore.open(directory);
        ObjectNode created = writer.createObject(object("doc", "n", 1));
        letTheClockTick();
        assertThat(reader.getObject("doc").get("n").asInt()).isEqualTo(1);
        assertThat(reader.getObject("doc").get("n").asInt()).isEqualTo(1);

        ObjectNode updated = writer.updateObject(created.deepCopy().put("n", 2));
        assertThat(reader.getObject("doc")).isEqualTo(updated);

        letTheClockTick();
        writer.deleteObject("doc");
        assertThat(reader.findObject("doc")).isEmpty();
    }

    @Test
    void revisionFilesAddedOrRemovedByOtherProgramsAreSeenAtTheNextRead() throws Exception {
        ObjectStore reader = keepingEveryListing();
        ObjectNode created = reader.createObject(object("doc", "n", 1));
        letTheClockTick();
        reader.getObject("doc");
        reader.getConflicts("doc");

        // What the original npm package does: a file written straight into the object directory...
        String rival = "0-" + "f".repeat(32);
        TestJson.writeFile(directory.resolve("doc").resolve(rival), "{\"n\":9}");
        assertThat(reader.getObject("doc").get("_rev").asString()).isEqualTo(rival);
        assertThat(reader.getConflicts("doc")).singleElement().asList().hasSize(2);

        // ...and a loser removed by its resolution.
        letTheClockTick();
        reader.getObject("doc");
        Files.delete(directory.resolve("doc").resolve(rival));
        assertThat(reader.getObject("doc")).isEqualTo(created);
        assertThat(reader.getConflicts("doc")).isEmpty();
    }

    @Test
    void anObjectRemovedAndCreatedAgainIsReadFresh() throws Exception {
        ObjectStore reader = keepingEveryListing();
        reader.createObject(object("doc", "n", 1));
        letTheClockTick();
        reader.getObject("doc");

        try (var files = Files.walk(directory.resolve("doc"))) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        }
        assertThat(reader.findObject("doc")).isEmpty();
        ObjectNode again = ObjectStore.open(directory).createObject(object("doc", "n", 2));

        assertThat(reader.getObject("doc")).isEqualTo(again);
    }
}
