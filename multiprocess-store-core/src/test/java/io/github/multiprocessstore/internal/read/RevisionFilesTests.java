package io.github.multiprocessstore.internal.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** The read cache keeps what a write elects and lets go of what the write superseded. */
class RevisionFilesTests {

    private static final String FIRST = "1-" + "a".repeat(32);
    private static final String SECOND = "2-" + "b".repeat(32);

    @TempDir
    Path directory;

    private final JsonMapper mapper = JsonMapper.builder().build();

    @Test
    void aWriteDropsTheRevisionItSupersededAndKeepsItsOwn() throws Exception {
        RevisionFiles files = new RevisionFiles(mapper, 1024 * 1024);
        Path first = Files.writeString(directory.resolve(FIRST), "{\"n\":1}");
        Path second = directory.resolve(SECOND);
        assertThat(files.readCached(first, FIRST, CacheAdmission.EVICT)
                        .content()
                        .get("n")
                        .asInt())
                .isEqualTo(1);

        // Never done by the store (revision files are immutable); here it reveals which reads touch the file.
        Files.writeString(first, "{\"n\":7}");
        assertThat(files.readCached(first, FIRST, CacheAdmission.EVICT)
                        .content()
                        .get("n")
                        .asInt())
                .as("still cached before the write")
                .isEqualTo(1);
        files.remember(
                second, StoredRevision.of(SECOND, mapper.createObjectNode().put("n", 2)), 7, first);

        assertThat(files.readCached(first, FIRST, CacheAdmission.EVICT)
                        .content()
                        .get("n")
                        .asInt())
                .as("read from the file again: the write dropped it")
                .isEqualTo(7);
        assertThat(files.readCached(second, SECOND, CacheAdmission.EVICT)
                        .content()
                        .get("n")
                        .asInt())
                .as("the written revision, never on disk here: served from the cache")
                .isEqualTo(2);
    }

    @Test
    void aRevisionReadWithoutAdmissionIsServedButNotKept() throws Exception {
        RevisionFiles files = new RevisionFiles(mapper, 1024 * 1024);
        Path first = Files.writeString(directory.resolve(FIRST), "{\"n\":1}");
        assertThat(files.readCached(first, FIRST, CacheAdmission.NONE)
                        .content()
                        .get("n")
                        .asInt())
                .isEqualTo(1);

        // Never done by the store (revision files are immutable); here it reveals whether the first read was kept.
        Files.writeString(first, "{\"n\":7}");
        assertThat(files.readCached(first, FIRST, CacheAdmission.EVICT)
                        .content()
                        .get("n")
                        .asInt())
                .isEqualTo(7);
    }
}
