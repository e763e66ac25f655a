package io.github.multiprocessstore.cli.support;

import java.util.Iterator;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON the commands print. Objects of the store are printed compact (one line, as stored) or pretty; the
 * summaries the commands make themselves ({@code conflicts}, {@code --json}) are printed on one line with a space
 * after each {@code :} and {@code ,}, the shape the documentation shows.
 */
public final class Json {

    /** Reads and writes JSON; thread-safe. */
    public static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {}

    /** One line, no spaces: how a stored object is printed. */
    public static String compact(JsonNode node) {
        return MAPPER.writeValueAsString(node);
    }

    /** Indented over several lines. */
    public static String pretty(JsonNode node) {
        return MAPPER.writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(node);
    }

    /** One line with {@code ": "} and {@code ", "} between members and elements. */
    public static String spaced(JsonNode node) {
        StringBuilder out = new StringBuilder();
        appendSpaced(node, out);
        return out.toString();
    }

    private static void appendSpaced(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            out.append('{');
            Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                out.append(MAPPER.writeValueAsString(field.getKey())).append(": ");
                appendSpaced(field.getValue(), out);
                if (fields.hasNext()) {
                    out.append(", ");
                }
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                appendSpaced(node.get(i), out);
            }
            out.append(']');
        } else {
            out.append(MAPPER.writeValueAsString(node));
        }
    }
}
