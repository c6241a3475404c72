package io.portcullis.bootstrap.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Secrets kept in the data directory (the generated encryption key, the embedded database's password). */
public final class SecretFiles {
    private static final Logger LOG = LoggerFactory.getLogger(SecretFiles.class);

    private SecretFiles() {
    }

    /**
     * Writes {@code content} beside {@code file} in a file created readable by its owner only (mode 0600 from the
     * start, on POSIX file systems), then moves it into place: never seen half-written, never readable by others.
     */
    public static void writeOwnerOnly(Path file, String content) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(temp);
            LOG.warn("could not restrict permissions of {} on this file system", file);
        }
        Files.writeString(temp, content, StandardCharsets.UTF_8);
        try {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
