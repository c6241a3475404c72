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

/**
 * The embedded default keeps its data across restarts, recovers from a server left behind by a dead JVM, and admits
 * only the holder of its generated password, on loopback only (PRODUCT §12); data directories made by earlier versions
 * (trust authentication, no password) are upgraded in place.
 */
class EmbeddedDatabaseIT {
    @TempDir
    Path dir;

    /** Where the embedded server's password is kept: next to its data directory, in the Portcullis data dir. */
    private Path passwordFile() {
        return dir.resolve("postgres.password");
    }

    private String password() throws Exception {
        return Files.readString(passwordFile()).trim();
    }

    private void exec(EmbeddedDatabase db, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl("postgres"), "postgres", password());
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private String readOne(EmbeddedDatabase db, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl("postgres"), "postgres", password());
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** The refusal PostgreSQL gives a connection, or null when it was let in. */
    private static String refusal(String url, java.util.Properties credentials) {
        try (Connection ignored = DriverManager.getConnection(url, credentials)) {
            return null;
        } catch (java.sql.SQLException e) {
            return e.getSQLState() + " " + e.getMessage();
        }
    }

    private static java.util.Properties user(String password) {
        java.util.Properties p = new java.util.Properties();
        p.setProperty("user", "postgres");
        if (password != null) {
            p.setProperty("password", password);
        }
        return p;
    }

    private void assertOnlyThePasswordAdmits(EmbeddedDatabase db) throws Exception {
        String url = "jdbc:postgresql://127.0.0.1:" + db.port() + "/postgres";
        // 28P01: password authentication failed; 08004: the server asked for a password the client did not have
        assertThat(refusal(url, user(null))).as("no password").isNotNull().containsAnyOf("28P01", "08004");
        assertThat(refusal(url, user("postgres"))).as("the old fixed password").isNotNull().contains("28P01");
        assertThat(refusal(url, user(password() + "x"))).as("a wrong password").isNotNull().contains("28P01");
        assertThat(refusal(url, user(password()))).as("the generated password").isNull();
        assertThat(readOne(db, "SELECT rolpassword LIKE 'SCRAM-SHA-256$%' FROM pg_authid WHERE rolname = 'postgres'"))
                .isEqualTo("t");
        assertThat(readOne(db, "SELECT count(*) FROM pg_hba_file_rules WHERE auth_method <> 'scram-sha-256'")).isEqualTo("0");
        assertThat(readOne(db, "SHOW listen_addresses")).isEqualTo("localhost");
        assertThat(readOne(db, "SHOW unix_socket_directories")).isEmpty();
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile())))
                .isEqualTo("rw-------");
        assertThat(password()).hasSizeGreaterThanOrEqualTo(32);
    }

    @Test
    void startWhenNewDirectoryThenOnlyTheGeneratedPasswordAdmitsOnLoopback() throws Exception {
        EmbeddedDatabase db = EmbeddedDatabase.start(dir.resolve("postgres"));
        try {
            assertOnlyThePasswordAdmits(db);
            exec(db, "CREATE TABLE works (v text); INSERT INTO works VALUES ('yes')");
            assertThat(readOne(db, "SELECT v FROM works")).isEqualTo("yes");
        } finally {
            db.close();
        }
    }

    @Test
    void startWhenPasswordFileLostThenANewPasswordReplacesTheOld() throws Exception {
        Path data = dir.resolve("postgres");
        EmbeddedDatabase first = EmbeddedDatabase.start(data);
        exec(first, "CREATE TABLE kept (v text); INSERT INTO kept VALUES ('still here')");
        first.close();
        String lost = password();
        Files.delete(passwordFile());
        EmbeddedDatabase again = EmbeddedDatabase.start(data);
        try {
            assertThat(password()).isNotEqualTo(lost);
            assertOnlyThePasswordAdmits(again);
            assertThat(refusal("jdbc:postgresql://127.0.0.1:" + again.port() + "/postgres", user(lost))).contains("28P01");
            assertThat(readOne(again, "SELECT v FROM kept")).isEqualTo("still here");
        } finally {
            again.close();
        }
    }

    @Test
    void startWhenDirectoryMadeByEarlierVersionThenUpgradedInPlaceKeepingData() throws Exception {
        Path data = dir.resolve("postgres");
        // what earlier versions did: io.zonky's defaults (initdb -A trust, no password), data kept
        io.zonky.test.db.postgres.embedded.EmbeddedPostgres old = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                .setDataDirectory(data).setCleanDataDirectory(false).start();
        try (Connection c = DriverManager.getConnection(old.getJdbcUrl("postgres", "postgres"));
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE kept (v text); INSERT INTO kept VALUES ('from before')");
        }
        old.close();
        assertThat(passwordFile()).doesNotExist();
        EmbeddedDatabase upgraded = EmbeddedDatabase.start(data);
        try {
            assertOnlyThePasswordAdmits(upgraded);
            assertThat(readOne(upgraded, "SELECT v FROM kept")).isEqualTo("from before");
        } finally {
            upgraded.close();
        }
        String first = password();
        EmbeddedDatabase again = EmbeddedDatabase.start(data);
        try {
            assertThat(password()).as("the password is kept across restarts").isEqualTo(first);
            assertOnlyThePasswordAdmits(again);
        } finally {
            again.close();
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
