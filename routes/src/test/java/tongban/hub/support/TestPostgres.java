package tongban.hub.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The PostgreSQL server the prod-profile tests use: Debian's {@code postgresql} package, started by {@code .ci/run}
 * (and {@code ./tongban test}) with a role {@code tongban} that may create databases. Each test gets a database of
 * its own. {@code TONGBAN_TEST_POSTGRES} (host:port) points elsewhere.
 */
public final class TestPostgres {

    public static final String USER = "tongban";
    public static final String PASSWORD = "tongban-test-only";
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private TestPostgres() {
    }

    public static String hostPort() {
        String configured = System.getenv("TONGBAN_TEST_POSTGRES");
        return configured == null || configured.isBlank() ? "127.0.0.1:5432" : configured;
    }

    /** Creates an empty database and returns its JDBC URL. */
    public static String freshDatabase(String purpose) throws SQLException {
        String name = "tongban_" + purpose + "_" + System.currentTimeMillis() + "_" + COUNTER.incrementAndGet();
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://" + hostPort() + "/postgres", USER,
                PASSWORD); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new SQLException("PostgreSQL at " + hostPort() + " (user " + USER + ") is needed by the prod-profile "
                    + "tests; .ci/run and ./tongban test start Debian's postgresql: " + e.getMessage(), e);
        }
        return "jdbc:postgresql://" + hostPort() + "/" + name;
    }

    /** Drops a database made by {@link #freshDatabase} (called when its test passed; a failed one keeps it to read). */
    public static void drop(String jdbcUrl) throws SQLException {
        String name = jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1);
        if (!name.matches("tongban_[a-z]+_\\d+_\\d+")) {
            throw new IllegalArgumentException("not a test database: " + jdbcUrl);
        }
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://" + hostPort() + "/postgres", USER,
                PASSWORD); Statement statement = admin.createStatement()) {
            try {
                statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (SQLException notAllowed) {
                if (!"42501".equals(notAllowed.getSQLState())) {
                    throw notAllowed;
                }
                // an autovacuum worker was in it and the role may not end it (./tongban test grants pg_signal_backend;
                // a cluster set up otherwise may not): a plain drop asks autovacuum to leave, and waits for it
                statement.execute("DROP DATABASE IF EXISTS " + name);
            }
        }
    }
}
