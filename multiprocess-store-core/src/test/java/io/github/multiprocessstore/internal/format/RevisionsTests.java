package io.github.multiprocessstore.internal.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link Revisions}: the winner found by numbers first is the alphanum maximum, and what a bounded history lets go. */
class RevisionsTests {

    @Test
    void theWinnerIsAlwaysTheLastNameInAlphanumOrder() {
        SplittableRandom random = new SplittableRandom(42);
        for (int round = 0; round < 20_000; round++) {
            List<String> names = new ArrayList<>();
            int size = random.nextInt(0, 8);
            for (int i = 0; i < size; i++) {
                names.add(randomName(random));
            }
            Optional<String> expected =
                    names.stream().filter(RevisionNames::isValid).max(AlphanumComparator.INSTANCE);

            assertThat(Revisions.winner(names)).as("winner of %s", names).isEqualTo(expected);
        }
    }

    /** Valid names of small and huge numbers sharing digits and hex, and some names that are not revisions. */
    private static String randomName(SplittableRandom random) {
        int kind = random.nextInt(10);
        if (kind == 0) {
            return List.of("notes.txt", "01-" + "a".repeat(32), "-" + "b".repeat(32), "7-XYZ", ".hidden")
                    .get(random.nextInt(5));
        }
        long number = switch (random.nextInt(4)) {
            case 0 -> random.nextLong(0, 3);
            case 1 -> random.nextLong(8, 12);
            case 2 -> random.nextLong(95, 105);
            default -> random.nextLong(0, 999_999_999_999_999L);
        };
        StringBuilder name = new StringBuilder().append(number).append('-');
        for (int i = 0; i < 32; i++) {
            name.append("0123456789abcdef".charAt(random.nextInt(random.nextBoolean() ? 3 : 16)));
        }
        return name.toString();
    }

    @Test
    void aBoundedHistoryLetsTheOldestGoButNeverTheNewestOrAConflict() {
        String a = "a".repeat(32);
        String b = "b".repeat(32);
        List<String> names = List.of("4-" + a, "1-" + a, "2-" + a, "2-" + b, "3-" + a, "0-" + a, "notes.txt");

        assertThat(Revisions.oldestOutsideConflicts(names, 2)).containsExactly("0-" + a, "1-" + a);
        assertThat(Revisions.oldestOutsideConflicts(names, 1)).containsExactly("0-" + a, "1-" + a, "3-" + a);
        assertThat(Revisions.oldestOutsideConflicts(names, 10)).isEmpty();
        assertThat(Revisions.oldestOutsideConflicts(names, 0))
                .as("the winner always stays")
                .doesNotContain("4-" + a);
    }
}
