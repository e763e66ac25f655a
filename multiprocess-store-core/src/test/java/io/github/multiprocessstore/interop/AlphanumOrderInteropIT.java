package io.github.multiprocessstore.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.multiprocessstore.RevisionName;
import io.github.multiprocessstore.internal.format.AlphanumComparator;
import io.github.multiprocessstore.internal.format.Revisions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

/**
 * Java and Node.js processes sharing a store must elect the same winning revision, so Java must order names
 * exactly as the original does: with {@code alphanum-sort}'s comparison, the version that
 * {@code multiprocess-store} 1.25.0 installs (its range {@code ^1.0.2} resolves to 1.1.0 today, whose
 * {@code lib/} is the same code as 1.0.2's). Each property generates its whole input from a fixed seed, sends it
 * in one batch to one node process running the real {@code alphanum-sort}, and compares every answer; a failure
 * lists the inputs that disagree.
 *
 * <p>The properties take no {@code @ForAll} parameters, so jqwik runs each once; {@link Arbitrary#sampleStream()}
 * inside draws from the property's seeded random source, which makes the inputs the same on every build.
 */
@AddLifecycleHook(InteropSwitch.class)
class AlphanumOrderInteropIT {

    /** Pairs compared, each in both orders. */
    private static final int PAIR_COUNT = 50_000;

    /** Sets of revision names sorted and elected. */
    private static final int SET_COUNT = 5_000;

    /** The largest revision number {@link RevisionName} accepts: 15 digits, exact in JavaScript's numbers. */
    private static final long MAX_REVISION_NUMBER = 999_999_999_999_999L;

    private static final int MAX_REPORTED = 25;

    @Property(tries = 1, seed = "20251125", shrinking = ShrinkingMode.OFF)
    void comparatorAgreesWithAlphanumSortOnGeneratedPairs() {
        List<List<String>> pairs = new ArrayList<>(2 * PAIR_COUNT);
        stringPairs().sampleStream().limit(PAIR_COUNT).forEach(pair -> {
            pairs.add(pair);
            pairs.add(List.of(pair.get(1), pair.get(0)));
        });

        JsonNode answer = NodeInterop.runJson("alphanum-compare.js", pairs);

        assertThat(answer.path("version").asString())
                .as("alphanum-sort version installed")
                .startsWith("1.");
        assertThat(NodeInterop.JSON.convertValue(answer.get("pairs"), new TypeReference<List<List<String>>>() {}))
                .as("the pairs as node received them (a difference would be a transport bug of this test)")
                .isEqualTo(pairs);
        JsonNode signs = answer.get("signs");
        List<String> disagreements = new ArrayList<>();
        int[] signCounts = new int[3];
        for (int i = 0; i < pairs.size(); i++) {
            String a = pairs.get(i).get(0);
            String b = pairs.get(i).get(1);
            int expected = signs.get(i).asInt();
            int actual = Integer.signum(AlphanumComparator.INSTANCE.compare(a, b));
            signCounts[expected + 1]++;
            if (actual != expected && disagreements.size() < MAX_REPORTED) {
                disagreements.add("compare(" + quote(a) + ", " + quote(b) + "): node " + expected + ", Java " + actual);
            }
        }
        assertThat(disagreements)
                .as("pairs out of %d where Java's AlphanumComparator and alphanum-sort disagree", pairs.size())
                .isEmpty();
        // Guards the generator: every outcome, "equal" included, must be well represented.
        assertThat(IntStream.of(signCounts).boxed().toList())
                .as("how many pairs node answered -1, 0, +1")
                .allSatisfy(count -> assertThat(count).isGreaterThan(pairs.size() / 20));
    }

    @Property(tries = 1, seed = "20251126", shrinking = ShrinkingMode.OFF)
    void winnerAndOrderAgreeWithAlphanumSortOnGeneratedRevisionSets() {
        List<List<String>> sets =
                revisionNameSets().sampleStream().limit(SET_COUNT).toList();
        assertThat(sets).as("generated names").allSatisfy(set -> assertThat(set).allMatch(RevisionName::isValid));

        JsonNode answer = NodeInterop.runJson("alphanum-sort.js", sets);

        assertThat(answer.path("version").asString())
                .as("alphanum-sort version installed")
                .startsWith("1.");
        JsonNode results = answer.get("results");
        List<String> disagreements = new ArrayList<>();
        int withConflicts = 0;
        for (int i = 0; i < sets.size(); i++) {
            List<String> names = sets.get(i);
            List<String> nodeSorted = strings(results.get(i).get("sorted"));
            String nodeWinner = results.get(i).get("winner").asString();
            Optional<String> javaWinner = Revisions.winner(names);
            List<String> javaHistory = Revisions.history(names);
            List<String> javaSorted =
                    names.stream().sorted(AlphanumComparator.INSTANCE).toList();
            if (!javaWinner.equals(Optional.of(nodeWinner))
                    || !javaHistory.equals(nodeSorted)
                    || !javaSorted.equals(nodeSorted)) {
                if (disagreements.size() < MAX_REPORTED) {
                    disagreements.add("names " + names + ": node sorts " + nodeSorted + " and elects " + nodeWinner
                            + "; Java's history is " + javaHistory + ", its sort " + javaSorted + ", its winner "
                            + javaWinner.orElse("(none)"));
                }
            }
            if (!Revisions.conflicts(names).isEmpty()) {
                withConflicts++;
            }
        }
        assertThat(disagreements)
                .as("sets out of %d where Java and alphanum-sort disagree", sets.size())
                .isEmpty();
        assertThat(withConflicts).as("generated sets holding a conflict").isGreaterThan(sets.size() / 4);
    }

    @Example
    void issueExamplesSortAsInTheOriginal() {
        String nineFs = "9-" + "f".repeat(32);
        String tenZeros = "10-" + "0".repeat(32);
        List<String> expected = List.of("5-a9b", "5-a10b", nineFs, tenZeros);

        JsonNode answer =
                NodeInterop.runJson("alphanum-sort.js", List.of(List.of(tenZeros, "5-a10b", nineFs, "5-a9b")));

        assertThat(strings(answer.get("results").get(0).get("sorted")))
                .as("node")
                .isEqualTo(expected);
        assertThat(Stream.of(tenZeros, "5-a10b", nineFs, "5-a9b")
                        .sorted(AlphanumComparator.INSTANCE)
                        .toList())
                .as("Java")
                .isEqualTo(expected);
    }

    @Example
    void issueExamplesElectTheSameWinnerAsTheOriginal() {
        String nineB = "5-a9b" + "c".repeat(29);
        String tenB = "5-a10b" + "c".repeat(28);
        String nine = "9-" + "f".repeat(32);
        String ten = "10-" + "0".repeat(32);
        List<List<String>> sets =
                List.of(List.of(tenB, nineB), List.of(nineB, tenB), List.of(ten, nine), List.of(nine, ten));

        JsonNode results = NodeInterop.runJson("alphanum-sort.js", sets).get("results");

        assertThat(results.get(0).get("winner").asString()).isEqualTo(tenB);
        assertThat(results.get(1).get("winner").asString()).isEqualTo(tenB);
        assertThat(results.get(2).get("winner").asString()).isEqualTo(ten);
        assertThat(results.get(3).get("winner").asString()).isEqualTo(ten);
        assertThat(sets)
                .map(Revisions::winner)
                .containsExactly(Optional.of(tenB), Optional.of(tenB), Optional.of(ten), Optional.of(ten));
    }

    /**
     * Pairs of strings built from pieces that reach every branch of the original's comparison, related in the
     * ways that make comparisons go deep: equal, one a prefix of the other, one piece replaced or inserted.
     */
    private static Arbitrary<List<String>> stringPairs() {
        Arbitrary<List<String>> pieces = piece().list().ofMaxSize(8);
        return Combinators.combine(
                        pieces,
                        pieces,
                        piece(),
                        Arbitraries.integers().between(0, 8),
                        Arbitraries.integers().between(0, 4))
                .as((x, y, extra, position, relation) -> {
                    String a = String.join("", x);
                    int index = Math.min(position, x.size());
                    List<String> changed = new ArrayList<>(x);
                    return switch (relation) {
                        case 0 -> List.of(a, String.join("", y));
                        case 1 -> List.of(a, a);
                        case 2 -> List.of(a, a + String.join("", y));
                        case 3 -> {
                            if (index < changed.size()) {
                                changed.set(index, extra);
                            } else {
                                changed.add(extra);
                            }
                            yield List.of(a, String.join("", changed));
                        }
                        default -> {
                            changed.add(index, extra);
                            yield List.of(a, String.join("", changed));
                        }
                    };
                });
    }

    private static Arbitrary<String> piece() {
        return Arbitraries.frequencyOf(
                Tuple.of(5, digitRun()),
                Tuple.of(2, Arbitraries.integers().between(1, 5).map("0"::repeat)),
                // '/' (47) and ':' (58) border the digits; '-' and '+' are signs, ignored without opts.sign.
                Tuple.of(4, Arbitraries.of("-", "+", "-1", "+0", ".", "/", ":", "_", "@", "%", "~")),
                Tuple.of(
                        4,
                        Arbitraries.strings()
                                .withChars("abcdefABCDEF")
                                .ofMinLength(1)
                                .ofMaxLength(4)),
                Tuple.of(
                        2,
                        Arbitraries.strings()
                                .withCharRange('g', 'z')
                                .withCharRange('G', 'Z')
                                .ofMinLength(1)
                                .ofMaxLength(3)),
                // Code units up to 32 are skipped as whitespace at the start of a token; 33 and DEL are not.
                Tuple.of(
                        3,
                        Arbitraries.of(
                                " ", "  ", "\t", "\n", "\r", "\u0000", "\u0001", "\u001f", " \u0000 ", "!", "\u007f")),
                // Non-ASCII digits, spaces and surrogates: none is a digit or whitespace for the original.
                Tuple.of(
                        2,
                        Arbitraries.of(
                                "é", "ß", "Ω", "中", "😀", "\uD83D", "\uDE00", "０", "٣", "²", "\u00A0", "\u2003",
                                "\u3000", "\uFEFF", "\uFFFF")),
                Tuple.of(1, Arbitraries.strings().all().ofMinLength(1).ofMaxLength(3)));
    }

    private static Arbitrary<String> digitRun() {
        return Arbitraries.oneOf(
                Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(3),
                Arbitraries.strings().numeric().ofMinLength(4).ofMaxLength(15),
                // Beyond 2^53 and beyond Long.MAX_VALUE: the original compares digit strings, never parses them.
                Arbitraries.strings().numeric().ofMinLength(16).ofMaxLength(40),
                Arbitraries.of(
                        "9",
                        "10",
                        "99",
                        "100",
                        "9007199254740991",
                        "9007199254740992",
                        "9007199254740993",
                        "9223372036854775807",
                        "9223372036854775808",
                        "18446744073709551616"));
    }

    /**
     * Sets of valid revision names as they occur in object directories: numbers clustered around a base (so that
     * conflicts and neighbouring numbers are common), a few anywhere, random parts with long digit runs.
     */
    private static Arbitrary<List<String>> revisionNameSets() {
        Arbitrary<NameSpec> spec = Combinators.combine(
                        Arbitraries.integers().between(-2, 12),
                        Arbitraries.integers().between(0, 9),
                        Arbitraries.longs().between(0, MAX_REVISION_NUMBER),
                        randomPart())
                .as((offset, pick, anywhere, hex) -> new NameSpec(pick == 0 ? anywhere : null, offset, hex));
        return Combinators.combine(
                        baseRevisionNumber(), spec.list().ofMinSize(1).ofMaxSize(30))
                .as((base, specs) ->
                        specs.stream().map(s -> s.name(base)).distinct().toList());
    }

    /**
     * How to make one revision name of a set: its number near the set's base, or anywhere.
     *
     * @param anywhere the number, or null to take it near the base
     * @param offset   the distance from the base
     * @param hex      the random part
     */
    private record NameSpec(Long anywhere, int offset, String hex) {

        String name(long base) {
            long number = anywhere != null ? anywhere : Math.max(0, Math.min(MAX_REVISION_NUMBER, base + offset));
            return number + "-" + hex;
        }
    }

    private static Arbitrary<Long> baseRevisionNumber() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(0, 12),
                // Just below a power of ten, where the number of digits changes.
                Arbitraries.of(8L, 98L, 998L, 9_998L, 99_998L, 999_998L, 9_999_999_998L, 999_999_999_999_990L),
                Arbitraries.longs().between(0, 1_000_000),
                Arbitraries.longs().between(0, MAX_REVISION_NUMBER));
    }

    /** 32 lowercase hex digits: uniform like a UUID, or built from runs of digits (with leading zeros) and letters. */
    private static Arbitrary<String> randomPart() {
        Arbitrary<String> uniform =
                Arbitraries.strings().withChars("0123456789abcdef").ofLength(32);
        Arbitrary<String> runs = Arbitraries.oneOf(
                        Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(20),
                        Arbitraries.strings().withChars("abcdef").ofMinLength(1).ofMaxLength(4))
                .list()
                .ofMinSize(1)
                .ofMaxSize(8)
                .map(parts -> {
                    String joined = String.join("", parts);
                    return joined.repeat(32 / joined.length() + 1).substring(0, 32);
                });
        return Arbitraries.oneOf(uniform, runs);
    }

    private static List<String> strings(JsonNode array) {
        return NodeInterop.JSON.convertValue(array, new TypeReference<List<String>>() {});
    }

    /** A string as a JSON literal with every non-ASCII and control character escaped, to show it exactly. */
    private static String quote(String s) {
        return NodeInterop.JSON.writeValueAsString(s);
    }
}
