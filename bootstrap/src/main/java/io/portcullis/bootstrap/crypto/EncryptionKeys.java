package io.portcullis.bootstrap.crypto;

import io.portcullis.bootstrap.wiring.InvalidConfigurationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys that seal stored secrets: {@code portcullis.encryption-keys} (comma-separated base64 of 32 bytes,
 * first one seals), or — when unset and the database is the embedded one — one generated once into
 * {@code <data-dir>/encryption.key} (mode 600). An external database may be shared by replicas, which must all seal
 * with the same keys, so there the setting is required.
 */
public final class EncryptionKeys {
    private static final Logger LOG = LoggerFactory.getLogger(EncryptionKeys.class);

    private EncryptionKeys() {
    }

    public static List<byte[]> load(String configured, Path dataDir, boolean embeddedDatabase) {
        if ((configured == null || configured.isBlank()) && !embeddedDatabase) {
            throw new InvalidConfigurationException("portcullis.encryption-keys (PORTCULLIS_ENCRYPTION_KEYS) must be set with an"
                    + " external database (datasources.default.url): every replica must seal with the same keys"
                    + " (generate one with: openssl rand -base64 32)");
        }
        return load(configured, dataDir);
    }

    private static List<byte[]> load(String configured, Path dataDir) {
        if (configured != null && !configured.isBlank()) {
            List<byte[]> keys = new ArrayList<>();
            for (String part : configured.split(",")) {
                byte[] key;
                try {
                    key = Base64.getDecoder().decode(part.trim());
                } catch (IllegalArgumentException e) {
                    throw new InvalidConfigurationException("portcullis.encryption-keys (PORTCULLIS_ENCRYPTION_KEYS): an entry is not base64");
                }
                if (key.length != 32) {
                    throw new InvalidConfigurationException("portcullis.encryption-keys (PORTCULLIS_ENCRYPTION_KEYS): each key must"
                            + " be 32 bytes of base64 (openssl rand -base64 32), got " + key.length + " bytes");
                }
                keys.add(key);
            }
            return keys;
        }
        Path file = dataDir.resolve("encryption.key");
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(dataDir);
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                SecretFiles.writeOwnerOnly(file, Base64.getEncoder().encodeToString(key) + "\n");
                LOG.warn("portcullis.encryption-keys is not set: generated a key in {}; back it up, or set the setting "
                        + "so stored secrets can be read elsewhere", file);
            }
            return load(Files.readString(file, StandardCharsets.US_ASCII).trim(), dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }
}
