package io.github.multiprocessstore.benchmarks.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * SQLite's side of the query benchmarks: one table {@code docs(id, rev, doc)} of JSON text in WAL mode with
 * {@code synchronous = NORMAL}, filled in one transaction; each benchmark prepares its own queries on the connection.
 */
final class SqliteDocuments {

    private final Connection connection;
    private final JsonMapper mapper;
    private final PreparedStatement insert;

    /**
     * Creates the table, and whatever else a benchmark needs on it (its expression indexes), and starts the fill.
     *
     * @param connection a connection to an empty database
     * @param mapper     writes the documents
     * @param extraDdl   statements run after the table is created
     * @throws SQLException if SQLite refuses
     */
    SqliteDocuments(Connection connection, JsonMapper mapper, String... extraDdl) throws SQLException {
        this.connection = connection;
        this.mapper = mapper;
        try (Statement plain = connection.createStatement()) {
            plain.execute("PRAGMA journal_mode = WAL");
            plain.execute("PRAGMA synchronous = NORMAL");
            plain.execute("CREATE TABLE docs (id TEXT PRIMARY KEY, rev INTEGER, doc TEXT)");
            for (String ddl : extraDdl) {
                plain.execute(ddl);
            }
        }
        connection.setAutoCommit(false);
        insert = connection.prepareStatement("INSERT INTO docs (id, rev, doc) VALUES (?, 0, ?)");
    }

    Connection connection() {
        return connection;
    }

    void insert(ObjectNode document) throws SQLException {
        insert.setString(1, document.get("_id").asString());
        insert.setString(2, mapper.writeValueAsString(document));
        insert.executeUpdate();
    }

    /** Commits the fill; statements run in their own transactions from then on. */
    void commit() throws SQLException {
        connection.commit();
        connection.setAutoCommit(true);
    }
}
