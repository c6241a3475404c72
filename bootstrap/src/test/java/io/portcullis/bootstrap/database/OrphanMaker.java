package io.portcullis.bootstrap.database;

import java.nio.file.Path;

/** Test helper run in a child JVM: starts the embedded database on a directory and waits to be killed. */
public final class OrphanMaker {
    private OrphanMaker() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedDatabase db = EmbeddedDatabase.start(Path.of(args[0]));
        try (var c = java.sql.DriverManager.getConnection(db.jdbcUrl("postgres"), "postgres", db.password());
                var s = c.createStatement()) {
            s.execute("CREATE TABLE kept (v text); INSERT INTO kept VALUES ('after crash')");
        }
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(120_000);
    }
}
