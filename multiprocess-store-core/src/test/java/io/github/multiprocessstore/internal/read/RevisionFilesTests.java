package io.github.multiprocessstore.internal.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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

    /** The field {@code n} of a revision as the cache serves it. */
    private static int n(RevisionFiles files, Path file, String name, CacheAdmission admission) throws IOException {
        return files.readCached(file, name, admission).content().get("n").asInt();
    }

    @Test
    void aWriteDropsTheRevisionItSupersededAndKeepsItsOwn() throws Exception {
        RevisionFiles files = new RevisionFiles(mapper, 1024 * 1024);
        Path first = Files.writeString(directory.resolve(FIRST), "{\"n\":1}");
        Path second = directory.resolve(SECOND);
        assertThat(n(files, first, FIRST, CacheAdmission.EVICT)).isEqualTo(1);

        // Never done by the store (revision files are immutable); here it reveals which reads touch the file.
        Files.writeString(first, "{\"n\":7}");
        assertThat(n(files, first, FIRST, CacheAdmission.EVICT))
                .as("still cached before the write")
                .isEqualTo(1);
        files.remember(
                second, StoredRevision.of(SECOND, mapper.createObjectNode().put("n", 2)), 7, first);

        assertThat(n(files, first, FIRST, CacheAdmission.EVICT))
                .as("read from the file again: the write dropped it")
                .isEqualTo(7);
        assertThat(n(files, second, SECOND, CacheAdmission.EVICT))
                .as("the written revision, never on disk here: served from the cache")
                .isEqualTo(2);
    }

    @Test
    void aRevisionReadWithoutAdmissionIsServedButNotKept() throws Exception {
        RevisionFiles files = new RevisionFiles(mapper, 1024 * 1024);
        Path first = Files.writeString(directory.resolve(FIRST), "{\"n\":1}");
        assertThat(n(files, first, FIRST, CacheAdmission.NONE)).isEqualTo(1);

        // Never done by the store (revision files are immutable); here it reveals whether the first read was kept.
        Files.writeString(first, "{\"n\":7}");
        assertThat(n(files, first, FIRST, CacheAdmission.EVICT)).isEqualTo(7);
    }
}
