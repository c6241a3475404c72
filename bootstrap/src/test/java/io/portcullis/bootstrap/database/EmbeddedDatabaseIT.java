package io.portcullis.bootstrap.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded default keeps its data across restarts and recovers from a server left behind by a dead JVM. */
class EmbeddedDatabaseIT {
    @TempDir
    Path dir;

    private static void exec(EmbeddedDatabase db, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl("postgres"), "postgres", "postgres");
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String readOne(EmbeddedDatabase db, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl("postgres"), "postgres", "postgres");
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void startWhenRestartedOnSameDirectoryThenDataSurvives() throws Exception {
        Path data = dir.resolve("postgres");
        EmbeddedDatabase first = EmbeddedDatabase.start(data);
        exec(first, "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('survives')");
        first.close();
        EmbeddedDatabase second = EmbeddedDatabase.start(data);
        try {
            assertThat(readOne(second, "SELECT v FROM kept")).isEqualTo("survives");
            assertThat(readOne(second, "SHOW fsync")).isEqualTo("on");
            assertThat(readOne(second, "SHOW synchronous_commit")).isEqualTo("on");
        } finally {
            second.close();
        }
    }

    @Test
    void startWhenPreviousJvmWasKilledThenItsServerIsStoppedAndDataKept() throws Exception {
        Path data = dir.resolve("postgres");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), OrphanMaker.class.getName(),
                data.toString()).redirectErrorStream(true).start();
        try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream()))) {
            String line;
            while ((line = out.readLine()) != null && !line.equals("ready")) {
                // wait for the child's database to be up
            }
            assertThat(line).as("child JVM started its database").isEqualTo("ready");
            // SIGKILL: no shutdown hooks run, the postmaster is left running with its pid file
            child.destroyForcibly().waitFor();
        }
        long orphanPid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).trim());
        assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive).orElse(false)).isTrue();
        EmbeddedDatabase restarted = EmbeddedDatabase.start(data);
        try {
            assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThat(readOne(restarted, "SELECT v FROM kept")).isEqualTo("after crash");
        } finally {
            restarted.close();
        }
    }
}
