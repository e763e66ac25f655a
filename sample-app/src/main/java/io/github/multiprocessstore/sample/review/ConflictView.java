package io.github.multiprocessstore.sample.review;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the review page of one object shows: its conflicting revisions side by side (the winner first), and one row
 * per field with each revision's value, marked when the values differ.
 *
 * @param id        the profile id
 * @param winner    the winning revision's name
 * @param revisions the revisions shown, winner first
 * @param rows      one row per field, in order of first appearance
 * @param merged    the winner as pretty JSON, the starting point of a merged version
 */
record ConflictView(String id, String winner, List<Column> revisions, List<Row> rows, String merged) {

    /**
     * One revision.
     *
     * @param revision  its name
     * @param writtenAt when its file was written
     * @param winner    whether readers elect it now
     */
    record Column(String revision, Instant writtenAt, boolean winner) {}

    /**
     * One field across the revisions.
     *
     * @param field   the field name
     * @param values  its value in each revision, as text ({@code —} when absent)
     * @param differs whether the revisions disagree on it
     */
    record Row(String field, List<String> values, boolean differs) {}

    /** The text shown when a revision lacks a field. */
    static final String ABSENT = "—";

    static List<Row> rows(List<ObjectNode> contents) {
        Set<String> fields = new LinkedHashSet<>();
        for (ObjectNode content : contents) {
            for (Map.Entry<String, JsonNode> field : content.properties()) {
                if (!field.getKey().equals("_id") && !field.getKey().equals("_rev")) {
                    fields.add(field.getKey());
                }
            }
        }
        List<Row> rows = new ArrayList<>();
        for (String field : fields) {
            List<String> values = new ArrayList<>();
            Set<JsonNode> distinct = new LinkedHashSet<>();
            for (ObjectNode content : contents) {
                JsonNode value = content.get(field);
                distinct.add(value == null ? missing() : value);
                values.add(value == null ? ABSENT : value.isString() ? value.asString() : value.toString());
            }
            rows.add(new Row(field, values, distinct.size() > 1));
        }
        return rows;
    }

    private static JsonNode missing() {
        return tools.jackson.databind.node.MissingNode.getInstance();
    }
}
