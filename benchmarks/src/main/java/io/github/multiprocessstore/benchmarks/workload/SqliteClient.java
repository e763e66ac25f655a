package io.github.multiprocessstore.benchmarks.workload;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * SQLite through sqlite-jdbc, as a Java application would use it as a document store: one table
 * {@code docs(id TEXT PRIMARY KEY, rev INTEGER, doc TEXT)} in WAL mode, one transaction per operation, documents
 * parsed and written with the same Jackson mapper the engine uses (every contender hands the application a parsed
 * object).
 *
 * <p>A read-modify-write is {@code BEGIN IMMEDIATE; SELECT; UPDATE; COMMIT}, which serializes writers and loses
 * nothing. With {@code readThenUpdate} it is the typical application code that loses updates under concurrency: a
 * {@code SELECT}, then an {@code UPDATE} in its own transaction.
 */
final class SqliteClient implements Client {

    /** The database file inside the contender's fresh directory. */
    static final String DATABASE_FILE = "store.db";

    private static final int BUSY_TIMEOUT_MILLIS = 120_000;

    private final JsonMapper mapper;
    private final boolean readThenUpdate;
    private final Connection connection;
    private final Statement plain;
    private final PreparedStatement insert;
    private final PreparedStatement select;
    private final PreparedStatement update;
    private final PreparedStatement incrementRevision;

    SqliteClient(Path directory, boolean durable, boolean readThenUpdate, JsonMapper mapper) {
        this.mapper = mapper;
        this.readThenUpdate = readThenUpdate;
        try {
            connection = DriverManager.getConnection("jdbc:sqlite:" + directory.resolve(DATABASE_FILE));
            plain = connection.createStatement();
            plain.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MILLIS);
            plain.execute("PRAGMA journal_mode = WAL");
            plain.execute("PRAGMA synchronous = " + (durable ? "FULL" : "NORMAL"));
            plain.execute("CREATE TABLE IF NOT EXISTS docs (id TEXT PRIMARY KEY, rev INTEGER, doc TEXT)");
            insert = connection.prepareStatement("INSERT INTO docs (id, rev, doc) VALUES (?, 0, ?)");
            select = connection.prepareStatement("SELECT rev, doc FROM docs WHERE id = ?");
            update = connection.prepareStatement("UPDATE docs SET rev = ?, doc = ? WHERE id = ?");
            incrementRevision = connection.prepareStatement("UPDATE docs SET rev = rev + 1, doc = ? WHERE id = ?");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open SQLite in " + directory + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void create(ObjectNode document) {
        try {
            insert.setString(1, document.get("_id").asString());
            insert.setString(2, mapper.writeValueAsString(document));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("insert failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void populate(int count) {
        try {
            plain.execute("BEGIN IMMEDIATE");
            for (int i = 0; i < count; i++) {
                create(Documents.document(mapper, i));
            }
            plain.execute("COMMIT");
        } catch (SQLException e) {
            throw new IllegalStateException("populate failed: " + e.getMessage(), e);
        }
    }

    @Override
    public ObjectNode get(String id) {
        try {
            return read(id);
        } catch (SQLException e) {
            throw new IllegalStateException("select failed: " + e.getMessage(), e);
        }
    }

    @Override
    public int increment(String id) {
        try {
            if (readThenUpdate) {
                ObjectNode document = read(id);
                document.put(Documents.COUNTER, document.get(Documents.COUNTER).asInt() + 1);
                document.remove("_rev");
                incrementRevision.setString(1, mapper.writeValueAsString(document));
                incrementRevision.setString(2, id);
                incrementRevision.executeUpdate();
                return 0;
            }
            plain.execute("BEGIN IMMEDIATE");
            try {
                ObjectNode document = read(id);
                int revision = document.get("_rev").asInt();
                document.put(Documents.COUNTER, document.get(Documents.COUNTER).asInt() + 1);
                document.remove("_rev");
                update.setInt(1, revision + 1);
                update.setString(2, mapper.writeValueAsString(document));
                update.setString(3, id);
                update.executeUpdate();
                plain.execute("COMMIT");
            } catch (SQLException | RuntimeException e) {
                plain.execute("ROLLBACK");
                throw e;
            }
            return 0;
        } catch (SQLException e) {
            throw new IllegalStateException("update failed: " + e.getMessage(), e);
        }
    }

    @Override
    public int readAll() {
        int count = 0;
        try (ResultSet rows = plain.executeQuery("SELECT id, rev, doc FROM docs")) {
            while (rows.next()) {
                ObjectNode document = (ObjectNode) mapper.readTree(rows.getString(3));
                document.put("_rev", rows.getInt(2));
                count++;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("select all failed: " + e.getMessage(), e);
        }
        return count;
    }

    @Override
    public long iterateAll() {
        return readAll();
    }

    @Override
    public long count() {
        try (ResultSet row = plain.executeQuery("SELECT COUNT(*) FROM docs")) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("count failed: " + e.getMessage(), e);
        }
    }

    @Override
    public ObjectNode verify(String id) {
        ObjectNode document = get(id);
        ObjectNode result = mapper.createObjectNode();
        result.put("counter", document.get(Documents.COUNTER).asInt());
        result.put("updatesStored", document.get("_rev").asInt());
        result.put("conflictGroups", 0);
        result.put("conflictLosers", 0);
        return result;
    }

    private ObjectNode read(String id) throws SQLException {
        select.setString(1, id);
        try (ResultSet row = select.executeQuery()) {
            if (!row.next()) {
                throw new IllegalStateException("no document " + id);
            }
            int revision = row.getInt(1);
            ObjectNode document = (ObjectNode) mapper.readTree(row.getString(2));
            document.put("_rev", revision);
            return document;
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException("close failed: " + e.getMessage(), e);
        }
    }
}
