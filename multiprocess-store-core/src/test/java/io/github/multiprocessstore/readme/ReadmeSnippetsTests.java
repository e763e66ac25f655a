package io.github.multiprocessstore.readme;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.multiprocessstore.readme.Readme.Block;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README cannot drift from code the build compiles and runs: every Java block is a source file of a test tree
 * (shown whole, imports included, without its package line), every block marked as a file is that file, and the
 * versions in its dependency blocks are the project's. The programs' outputs are checked by their own tests
 * ({@link NotesExampleTests}, the sample's {@code readme} tests).
 */
class ReadmeSnippetsTests {

    private static final Pattern PACKAGE_LINE = Pattern.compile("\\Apackage [\\w.]+;\n\n");
    private static final Pattern OUR_DEPENDENCY =
            Pattern.compile("<groupId>io\\.github\\.multiprocessstore</groupId>\\s*<artifactId>([^<]+)</artifactId>\\s*"
                    + "<version>([^<]+)</version>");
    private static final Pattern PROJECT_VERSION =
            Pattern.compile("<artifactId>multiprocess-store-parent</artifactId>\\s*<version>([^<]+)</version>");

    private final Readme readme = Readme.read();

    @Test
    void everyJavaBlockIsMarkedWithTheSourceFileItShows() {
        List<String> unmarked = readme.blocks().stream()
                .filter(block -> block.language().equals("java") && !block.marked("snippet"))
                .map(block -> "README.md line " + block.line())
                .toList();

        assertThat(unmarked)
                .as("```java blocks need a <!-- snippet: <path of a source file in a test tree> --> line before"
                        + " them, so that the build compiles and runs what the README shows")
                .isEmpty();
    }

    @Test
    void everySnippetIsTheFileItNames() {
        List<Block> snippets = readme.blocks().stream()
                .filter(block -> block.marked("snippet"))
                .toList();
        assertThat(snippets).isNotEmpty();
        for (Block snippet : snippets) {
            assertThat(readme.root().resolve(snippet.markerPath()))
                    .as("README.md line %d names a file that does not exist", snippet.line())
                    .isRegularFile();
            String file = readme.file(snippet.markerPath());
            String shown = snippet.markerPath().endsWith(".java")
                    ? PACKAGE_LINE.matcher(file).replaceFirst("")
                    : file;
            assertThat(snippet.text())
                    .as(
                            "README.md line %d must show %s exactly (a .java file without its package line):"
                                    + " copy the file into the README after changing it",
                            snippet.line(), snippet.markerPath())
                    .isEqualTo(shown);
        }
    }

    @Test
    void everyOutputBlockFollowsItsProgram() {
        for (Block output : readme.blocks()) {
            if (output.marked("output")) {
                Block program = readme.block("snippet", output.markerPath());
                assertThat(program.line())
                        .as("the output block at line %d comes after its program", output.line())
                        .isLessThan(output.line());
            }
        }
    }

    @Test
    void dependencyBlocksNameOurModulesAtTheProjectVersion() {
        Matcher parent = PROJECT_VERSION.matcher(readme.file("pom.xml"));
        assertThat(parent.find()).isTrue();
        String version = parent.group(1);
        int dependencies = 0;
        for (Block block : readme.blocks()) {
            if (!block.language().equals("xml")) {
                continue;
            }
            Matcher dependency = OUR_DEPENDENCY.matcher(block.text());
            while (dependency.find()) {
                dependencies++;
                String artifact = dependency.group(1);
                assertThat(Files.isRegularFile(readme.root().resolve(artifact).resolve("pom.xml")))
                        .as("README.md line %d: %s is a module of this build", block.line(), artifact)
                        .isTrue();
                assertThat(dependency.group(2))
                        .as("README.md line %d: version of %s", block.line(), artifact)
                        .isEqualTo(version);
            }
        }
        assertThat(dependencies).isPositive();
    }
}
