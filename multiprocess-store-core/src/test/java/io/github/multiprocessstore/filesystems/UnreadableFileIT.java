package io.github.multiprocessstore.filesystems;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.multiprocessstore.ChildJvm;
import io.github.multiprocessstore.ObjectStore;
import io.github.multiprocessstore.StoreIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A revision file the process may not read gives a clear error naming the file (and the user), never a crash or a
 * "corrupt" report. Root reads any file, so the reader is a child JVM run by {@code setpriv} without the
 * capabilities that bypass file permissions ({@code CAP_DAC_OVERRIDE}, {@code CAP_DAC_READ_SEARCH}): for it, a
 * file of mode {@code ---------} is unreadable, as for any other user.
 */
@Tag("filesystems")
class UnreadableFileIT {

    private static final List<String> WITHOUT_PERMISSION_BYPASS = List.of(
            "setpriv",
            "--inh-caps=-dac_override,-dac_read_search",
            "--bounding-set=-dac_override,-dac_read_search",
            "--");

    @TempDir
    Path temp;

    @BeforeAll
    static void canDropCapabilities() {
        HostTools.assumeRoot();
        HostTools.assumeTools("setpriv");
    }

    @Test
    void aRevisionFileTheProcessMayNotReadGivesAnErrorNamingIt() throws Exception {
        Path directory = temp.resolve("store");
        String revision;
        try (ObjectStore store = ObjectStore.open(directory)) {
            revision = store.createObject(JsonNodeFactory.instance.objectNode().put("_id", "secret"))
                    .get("_rev")
                    .asString();
        }
        Path file = directory.resolve("secret").resolve(revision);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));

        List<String> output;
        try (ChildJvm reader = ChildJvm.startUnder(
                WITHOUT_PERMISSION_BYPASS,
                temp,
                "reader",
                List.of(),
                ReadProbeWorker.class,
                directory.toString(),
                "secret")) {
            output = reader.awaitSuccess();
        }

        assertThat(output)
                .anySatisfy(line -> assertThat(line)
                        .startsWith("FAILED " + StoreIOException.class.getName())
                        .contains(
                                "permission denied on " + file,
                                "'secret'",
                                "user root",
                                "check the owner and permissions"));
    }
}
