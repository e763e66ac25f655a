package io.github.multiprocessstore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Small helpers to build objects and read revision files in tests, shared by every test package. */
public final class TestJson {

    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private TestJson() {}

    /** An object with an {@code _id} and the given string/number/boolean fields, given as name, value pairs. */
    public static ObjectNode object(String id, Object... fields) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        if (id != null) {
            node.put("_id", id);
        }
        return put(node, fields);
    }

    /** A copy of {@code base} (keeping its {@code _id} and {@code _rev}) with fields changed, as name, value pairs. */
    public static ObjectNode with(ObjectNode base, Object... fields) {
        return put(base.deepCopy(), fields);
    }

    private static ObjectNode put(ObjectNode node, Object... fields) {
        for (int i = 0; i < fields.length; i += 2) {
            String name = (String) fields[i];
            Object value = fields[i + 1];
            if (value instanceof Integer number) {
                node.put(name, number);
            } else if (value instanceof Long number) {
                node.put(name, number);
            } else if (value instanceof Boolean flag) {
                node.put(name, flag);
            } else if (value instanceof JsonNode json) {
                node.set(name, json);
            } else {
                node.put(name, String.valueOf(value));
            }
        }
        return node;
    }

    /** Parses a revision file on disk as JSON (whatever it holds). */
    static JsonNode readFile(Path file) {
        try {
            return MAPPER.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes an object as a revision file by hand, as another process or a person would. */
    static Path writeFile(Path file, String json) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
