package io.github.multiprocessstore.readme;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The repository's README.md, read as a list of fenced code blocks, each with the HTML comment that marks it (if
 * any) on the line before its opening fence: {@code <!-- snippet: path -->} for a block that is the file at
 * {@code path} (relative to the repository root), {@code <!-- output: path -->} for what that program prints.
 */
record Readme(Path root, List<Block> blocks) {

    /** A fenced block: its language, its marker (kind and path, or null), its text and the line it starts at. */
    record Block(String language, String markerKind, String markerPath, String text, int line) {

        boolean marked(String kind) {
            return kind.equals(markerKind);
        }
    }

    private static final Pattern MARKER = Pattern.compile("^<!-- (snippet|output): (\\S+) -->$");
    private static final Pattern FENCE = Pattern.compile("^```(\\w*)$");

    /** Finds the repository root above the working directory (a module's, under Maven) and reads its README. */
    static Readme read() {
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null
                && !(Files.isRegularFile(directory.resolve("README.md"))
                        && Files.isRegularFile(directory.resolve("mvnw")))) {
            directory = directory.getParent();
        }
        if (directory == null) {
            throw new IllegalStateException(
                    "No README.md next to mvnw above " + Path.of("").toAbsolutePath());
        }
        return parse(directory, readString(directory.resolve("README.md")));
    }

    static Readme parse(Path root, String markdown) {
        List<String> lines = markdown.lines().toList();
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher fence = FENCE.matcher(lines.get(i));
            if (!fence.matches()) {
                continue;
            }
            int start = i;
            StringBuilder text = new StringBuilder();
            for (i++; i < lines.size() && !lines.get(i).equals("```"); i++) {
                text.append(lines.get(i)).append('\n');
            }
            Matcher marker = start > 0 ? MARKER.matcher(lines.get(start - 1)) : MARKER.matcher("");
            boolean marked = marker.matches();
            blocks.add(new Block(
                    fence.group(1),
                    marked ? marker.group(1) : null,
                    marked ? marker.group(2) : null,
                    text.toString(),
                    start + 1));
        }
        return new Readme(root, List.copyOf(blocks));
    }

    /** The one block marked {@code <!-- kind: path -->}. */
    Block block(String kind, String path) {
        List<Block> found = blocks.stream()
                .filter(block -> block.marked(kind) && block.markerPath().equals(path))
                .toList();
        if (found.size() != 1) {
            throw new AssertionError("README.md should have exactly one block marked <!-- " + kind + ": " + path
                    + " -->, has " + found.size());
        }
        return found.get(0);
    }

    /** A file of the repository, by its path from the root. */
    String file(String path) {
        return readString(root.resolve(path));
    }

    /**
     * Replaces the random part of every revision name ({@code 1-0f3a…}, 32 hex digits) with {@code <hex>}, so that
     * a program's output compares with the one shown in the README.
     */
    static String withoutRandomRevisions(String text) {
        return text.replaceAll("\\b(\\d+)-[0-9a-f]{32}\\b", "$1-<hex>");
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
