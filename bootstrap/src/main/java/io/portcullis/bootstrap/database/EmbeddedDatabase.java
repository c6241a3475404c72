package io.portcullis.bootstrap.database;

import io.portcullis.bootstrap.crypto.SecretFiles;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.Properties;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded PostgreSQL server (io.zonky binaries from Maven Central) over a data directory that is
 * kept, so data survives restarts. A server orphaned by a killed JVM is stopped before starting again.
 * It listens on loopback TCP only (no Unix socket) and admits only superuser {@code postgres} with a random
 * password kept in {@code <data directory>.password} (mode 600); a data directory made without one (io.zonky's
 * default: trust, no password) is given one on its next start.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static final String SUPERUSER = "postgres";
    private static final String HBA_MARKER = "# Portcullis: password (SCRAM) authentication on loopback only";
    private static final String SCRAM_HBA = HBA_MARKER + "\n"
            + "host all all 127.0.0.1/32 scram-sha-256\n"
            + "host all all ::1/128 scram-sha-256\n";
    /** Only while a password is being set: the data directory is ours, and it is how io.zonky's initdb leaves it. */
    private static final String SETUP_HBA = "# Portcullis: setting the password\n"
            + "host all postgres 127.0.0.1/32 trust\n"
            + "host all postgres ::1/128 trust\n";
    private final EmbeddedPostgres postgres;
    private final String password;

    private EmbeddedDatabase(EmbeddedPostgres postgres, String password) {
        this.postgres = postgres;
        this.password = password;
    }

    public static EmbeddedDatabase start(Path dataDirectory) {
        try {
            Files.createDirectories(dataDirectory);
            stopOrphan(dataDirectory);
            Path passwordFile = passwordFile(dataDirectory);
            Path hba = dataDirectory.resolve("pg_hba.conf");
            boolean passwordIsNew = !Files.exists(passwordFile);
            String password = passwordIsNew ? createPassword(passwordFile) : Files.readString(passwordFile).trim();
            if (passwordIsNew && secured(hba)) {
                // the password file was lost: let the superuser in once more to set the new one
                SecretFiles.writeOwnerOnly(hba, SETUP_HBA);
            }
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(30))
                    // io.zonky starts PostgreSQL with -F (fsync off) and synchronous_commit off, fine for tests but
                    // not for data users keep: a later -c wins on the command line
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    // loopback TCP only; no Unix socket, whose pg_hba "local" lines io.zonky's initdb makes trusting
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("unix_socket_directories", "")
                    .setServerConfig("password_encryption", "scram-sha-256")
                    .setConnectConfig("password", password)
                    .start();
            EmbeddedDatabase db = new EmbeddedDatabase(pg, password);
            if (!secured(hba)) {
                db.secure(hba);
                LOG.info("Embedded PostgreSQL now requires the password kept in {}", passwordFile);
            }
            return db;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + dataDirectory
                    + " (set DATASOURCES_DEFAULT_URL to use an external server)", e);
        }
    }

    /** Where the superuser's password is kept: beside the data directory, in Portcullis's data dir. */
    public static Path passwordFile(Path dataDirectory) {
        return dataDirectory.resolveSibling(dataDirectory.getFileName() + ".password");
    }

    private static boolean secured(Path hba) throws IOException {
        return Files.exists(hba) && Files.readString(hba, StandardCharsets.UTF_8).startsWith(HBA_MARKER);
    }

    private static String createPassword(Path file) throws IOException {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        SecretFiles.writeOwnerOnly(file, password + "\n");
        return password;
    }

    /**
     * Sets the superuser's password (hashed with SCRAM by the driver: the plain text never reaches the server), then
     * allows nothing but password authentication on loopback and waits until the server has reloaded that rule.
     */
    private void secure(Path hba) throws IOException {
        try (Connection c = DriverManager.getConnection(jdbcUrl(SUPERUSER), SUPERUSER, password)) {
            c.unwrap(PGConnection.class).alterUserPassword(SUPERUSER, password.toCharArray(), "scram-sha-256");
            SecretFiles.writeOwnerOnly(hba, SCRAM_HBA);
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_reload_conf()");
            }
        } catch (SQLException e) {
            throw new IOException("could not set the embedded PostgreSQL's password", e);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (admitsWithoutPassword()) {
            if (System.nanoTime() > deadline) {
                throw new IOException("the embedded PostgreSQL did not take up password authentication");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
    }

    private boolean admitsWithoutPassword() {
        Properties noPassword = new Properties();
        noPassword.setProperty("user", SUPERUSER);
        try (Connection ignored = DriverManager.getConnection(jdbcUrl(SUPERUSER), noPassword)) {
            return true;
        } catch (SQLException refused) {
            return false;
        }
    }

    /** A postmaster.pid left by a JVM that was killed: stop that server so the data directory is free. */
    private static void stopOrphan(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        String first = Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
        long pid;
        try {
            pid = Long.parseLong(first);
        } catch (NumberFormatException e) {
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isPresent() && process.get().info().command().map(c -> c.contains("postgres")).orElse(false)) {
            process.get().destroy();
            try {
                process.get().onExit().get(15, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                process.get().destroyForcibly();
            }
        }
    }

    public String jdbcUrl(String database) {
        return postgres.getJdbcUrl(SUPERUSER, database);
    }

    public int port() {
        return postgres.getPort();
    }

    /** The superuser's password (also in {@link #passwordFile}). */
    public String password() {
        return password;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
