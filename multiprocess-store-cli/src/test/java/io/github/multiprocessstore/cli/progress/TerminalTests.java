package io.github.multiprocessstore.cli.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TerminalTests {

    @TempDir
    Path temp;

    @Test
    void stderrLinkedToATerminalDeviceIsATerminal() throws IOException {
        Path pts = Files.createSymbolicLink(temp.resolve("fd2"), Path.of("/dev/pts/7"));
        Path pipe = Files.createSymbolicLink(temp.resolve("fd2-pipe"), Path.of("pipe:[12345]"));
        Path file = Files.createSymbolicLink(temp.resolve("fd2-file"), Path.of("/tmp/log"));

        assertThat(Terminal.stderrIsTerminal(Map.of(), pts)).isTrue();
        assertThat(Terminal.stderrIsTerminal(Map.of(), pipe)).isFalse();
        assertThat(Terminal.stderrIsTerminal(Map.of(), file)).isFalse();
    }

    @Test
    void theEnvironmentOverridesTheDetection() throws IOException {
        Path pts = Files.createSymbolicLink(temp.resolve("fd2"), Path.of("/dev/pts/7"));
        Path pipe = Files.createSymbolicLink(temp.resolve("fd2-pipe"), Path.of("pipe:[12345]"));

        assertThat(Terminal.stderrIsTerminal(Map.of(Terminal.OVERRIDE, "never"), pts))
                .isFalse();
        assertThat(Terminal.stderrIsTerminal(Map.of(Terminal.OVERRIDE, "always"), pipe))
                .isTrue();
        assertThat(Terminal.stderrIsTerminal(Map.of("TERM", "dumb"), pts)).isFalse();
    }

    @Test
    void theBarShowsObjectsRateAndTimeLeftThenErasesItself() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), "verify");

        bar.started(2000);
        for (int i = 0; i < 2000; i++) {
            bar.objectDone();
        }
        bar.close();

        String drawn = bytes.toString(StandardCharsets.UTF_8);
        assertThat(drawn)
                .contains("verify [")
                .contains("2,000/2,000 objects")
                .contains("/s")
                .contains("left");
        assertThat(drawn).endsWith("\r\033[K");
    }
}
