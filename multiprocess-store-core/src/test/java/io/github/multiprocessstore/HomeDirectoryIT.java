package io.github.multiprocessstore;

import static io.github.multiprocessstore.DiskLayout.names;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store path starting with {@code ~}, in a child JVM with its own home, so the real home is never touched. */
class HomeDirectoryIT {

    @TempDir
    Path temp;

    @Test
    void tildeExpandsToTheUserHome() {
        Path home = temp.resolve("home");
        List<String> output;
        try (ChildJvm child = ChildJvm.start(
                temp, "home", List.of("-Duser.home=" + home), StoreWorker.class, "home", "store-in-home")) {
            output = child.awaitSuccess();
        }

        Path expected = home.resolve("store-in-home");
        assertThat(output).contains("PATH " + expected);
        assertThat(names(expected.resolve("in-home"))).singleElement().matches(n -> n.startsWith("0-"));
        assertThat(Path.of("~").toAbsolutePath()).as("a literal ~ directory").doesNotExist();
    }
}
