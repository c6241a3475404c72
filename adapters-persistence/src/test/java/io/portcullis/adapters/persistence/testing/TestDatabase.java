package io.portcullis.adapters.persistence.testing;

import io.micronaut.context.ApplicationContext;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * A small Micronaut context (data repositories, transaction manager, Flyway) on one migrated database of
 * {@link TestPostgres}, shared by the persistence tests of a JVM; {@link #fresh()} empties every table first.
 */
public final class TestDatabase {
    private static ApplicationContext context;

    private TestDatabase() {
    }

    /** The shared context, every table emptied: the same as a new database for the test that asks. */
    public static synchronized ApplicationContext fresh() {
        if (context == null) {
            context = ApplicationContext.run(Map.of("datasources.default.url", TestPostgres.newDatabaseUrl(),
                    "datasources.default.username", "postgres", "datasources.default.password", "postgres",
                    "datasources.default.dialect", "POSTGRES", "datasources.default.maximum-pool-size", 20,
                    "flyway.datasources.default.enabled", true));
            Runtime.getRuntime().addShutdownHook(new Thread(context::close));
        }
        List<String> tables = strings("SELECT quote_ident(tablename) FROM pg_tables WHERE schemaname = 'public'"
                + " AND tablename <> 'flyway_schema_history'");
        execute("TRUNCATE " + String.join(", ", tables) + " CASCADE");
        return context;
    }

    /** The first column of every row of {@code sql}, read outside any transaction. */
    public static List<String> strings(String sql) {
        try (Connection c = pool().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void execute(String sql) {
        try (Connection c = pool().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DataSource pool() {
        return DelegatingDataSource.unwrapDataSource(context.getBean(DataSource.class));
    }
}
