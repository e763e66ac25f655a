package io.github.multiprocessstore.internal.conflicts;

import io.github.multiprocessstore.internal.format.RevisionNames;
import io.github.multiprocessstore.internal.format.Revisions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongFunction;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The captured rule: which rival revisions of an object's conflicts the current winner has captured, so that
 * retiring them loses nothing.
 *
 * <p>A rival is captured when every field it holds (other than {@code _id} and {@code _rev}) is in the winner with a
 * value equal as JSON (objects field by field in any order, arrays element by element, numbers by value), and when
 * it removed nothing the winner still has: its parent (the one revision numbered one below it) must be known, and
 * a field the parent had and the rival dropped must be absent from the winner too. A revision 0 has no parent and
 * dropped nothing. The winner is never a rival, and a conflict group that does not hold the winner keeps at least
 * one revision (its elected one when all are captured), so the history keeps a revision of every number.
 */
public final class CapturedRule {

    /** Fields that identify a revision rather than hold its data. */
    private static final List<String> IDENTITY = List.of("_id", "_rev");

    /** JSON equality: numbers by value (1, 1.0 and 1e0 are one JSON number), everything else by Jackson. */
    private static final Comparator<JsonNode> JSON_VALUES = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    };

    private CapturedRule() {}

    /**
     * The rivals the winner has captured.
     *
     * @param names    the object's live revision names
     * @param winner   the winning revision, one of {@code names}
     * @param contents reads a live revision's JSON; empty if it cannot be read (the revision is then not captured)
     * @param parents  the one revision numbered {@code n}, when it can be known; empty otherwise
     * @return the revisions to retire, in history order
     */
    public static List<String> capturedRivals(
            List<String> names,
            String winner,
            Function<String, Optional<ObjectNode>> contents,
            LongFunction<Optional<ObjectNode>> parents) {
        Optional<ObjectNode> winning = contents.apply(winner);
        if (winning.isEmpty()) {
            return List.of();
        }
        List<String> retire = new ArrayList<>();
        for (List<String> group : Revisions.conflicts(names)) {
            List<String> captured = new ArrayList<>();
            for (String rival : group) {
                if (!rival.equals(winner) && isCaptured(rival, winning.get(), contents, parents)) {
                    captured.add(rival);
                }
            }
            if (!group.contains(winner) && captured.size() == group.size()) {
                // Every revision of this number is captured: the one readers elect stays as the history's link.
                captured.remove(group.get(group.size() - 1));
            }
            retire.addAll(captured);
        }
        return retire;
    }

    private static boolean isCaptured(
            String rival,
            ObjectNode winner,
            Function<String, Optional<ObjectNode>> contents,
            LongFunction<Optional<ObjectNode>> parents) {
        Optional<ObjectNode> content = contents.apply(rival);
        if (content.isEmpty() || !holdsEveryField(winner, content.get())) {
            return false;
        }
        long number = RevisionNames.numberOf(rival);
        if (number == 0) {
            return true;
        }
        Optional<ObjectNode> parent = parents.apply(number - 1);
        return parent.isPresent() && keepsNothingDropped(winner, parent.get(), content.get());
    }

    /** Whether every data field of {@code rival} is in {@code winner} with an equal JSON value. */
    static boolean holdsEveryField(ObjectNode winner, ObjectNode rival) {
        for (Map.Entry<String, JsonNode> field : rival.properties()) {
            if (IDENTITY.contains(field.getKey())) {
                continue;
            }
            JsonNode held = winner.get(field.getKey());
            if (held == null || !held.equals(JSON_VALUES, field.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** Whether every data field the rival dropped from its parent is absent from the winner too. */
    static boolean keepsNothingDropped(ObjectNode winner, ObjectNode parent, ObjectNode rival) {
        for (String field : parent.propertyNames()) {
            if (!IDENTITY.contains(field) && !rival.has(field) && winner.has(field)) {
                return false;
            }
        }
        return true;
    }
}
