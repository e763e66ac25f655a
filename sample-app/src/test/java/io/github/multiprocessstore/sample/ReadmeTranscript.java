package io.github.multiprocessstore.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A shell session as the README shows it: the {@code console} block after the line {@code <!-- marker -->}. Lines
 * starting with {@code $ } are commands (continued while a line ends with a backslash), lines starting with
 * {@code # } are the reader's comments, and every other line is output of the command before it.
 */
record ReadmeTranscript(List<Step> steps) {

    /** One command and the output the README shows for it. */
    record Step(String command, String output) {

        /** Whether the README shows an HTTP response with its status line ({@code curl -si}). */
        boolean showsStatus() {
            return output.startsWith("HTTP/");
        }

        /** The status line the README shows, e.g. {@code HTTP/1.1 412}. */
        String statusLine() {
            return output.lines().findFirst().orElse("").strip();
        }
    }

    /** Reads the transcript marked {@code <!-- marker -->} from the README.md above the working directory. */
    static ReadmeTranscript read(String marker) {
        List<String> lines = readmeLines();
        int markerLine = lines.indexOf("<!-- " + marker + " -->");
        if (markerLine < 0 || !lines.get(markerLine + 1).equals("```console")) {
            throw new AssertionError("README.md should have a ```console block right after <!-- " + marker + " -->");
        }
        List<Step> steps = new ArrayList<>();
        StringBuilder command = null;
        StringBuilder output = new StringBuilder();
        for (int i = markerLine + 2; !lines.get(i).equals("```"); i++) {
            String line = lines.get(i);
            if (line.startsWith("$ ")) {
                if (command != null) {
                    steps.add(new Step(command.toString(), output.toString().strip()));
                }
                command = new StringBuilder(line.substring(2));
                output = new StringBuilder();
                while (line.endsWith("\\")) {
                    line = lines.get(++i);
                    command.append('\n').append(line);
                }
            } else if (!line.startsWith("# ") && command != null) {
                output.append(line).append('\n');
            }
        }
        if (command != null) {
            steps.add(new Step(command.toString(), output.toString().strip()));
        }
        return new ReadmeTranscript(List.copyOf(steps));
    }

    private static List<String> readmeLines() {
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null && !Files.isRegularFile(directory.resolve("mvnw"))) {
            directory = directory.getParent();
        }
        if (directory == null) {
            throw new IllegalStateException("No mvnw above " + Path.of("").toAbsolutePath());
        }
        try {
            return Files.readAllLines(directory.resolve("README.md"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
