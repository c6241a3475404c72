package io.portcullis.bootstrap.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The quick start runs on Linux and macOS, amd64 and arm64 (PRODUCT §11): the jar carries the PostgreSQL server
 * binaries of each, and the resolver the embedded database uses picks the platform's own archive — not the x86_64
 * one it falls back to (under emulation) when an ARM archive is missing.
 */
class EmbeddedBinariesTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "Linux, x86_64, postgres-linux-x86_64.txz",
            "Linux, aarch64, postgres-linux-arm_64.txz",
            "Darwin, x86_64, postgres-darwin-x86_64.txz",
            "Darwin, arm64, postgres-darwin-arm_64.txz"})
    void eachPlatformGetsItsOwnServerBinaries(String system, String machine, String archive) throws IOException {
        String expected;
        try (InputStream resource = getClass().getClassLoader().getResourceAsStream(archive)) {
            assertThat(resource).as("%s on the class path", archive).isNotNull();
            expected = digestOfStart(resource);
        }
        try (InputStream resolved = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, machine)) {
            assertThat(digestOfStart(resolved)).as("archive resolved for %s %s", system, machine).isEqualTo(expected);
        }
    }

    private static String digestOfStart(InputStream in) throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(in.readNBytes(1 << 20));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
