package io.portcullis.domain.oauth;

import io.portcullis.domain.shared.Ascii;
import io.portcullis.domain.shared.RandomSource;
import io.portcullis.domain.shared.SecretDigest;
import java.util.Optional;

/**
 * Client secrets, authorization codes and refresh tokens share one shape, {@code pcs_<prefix 10>_<secret 40>}:
 * the prefix finds the row, the secret is stored only as its SHA-256 digest.
 */
public record PrefixedSecret(String prefix, String secret) {
    private static final String SCHEME = "pcs_";
    private static final int PREFIX_END = 14;
    private static final int LENGTH = 55;

    public static PrefixedSecret mint(RandomSource random) {
        return new PrefixedSecret(random.alphanumeric(10), random.alphanumeric(40));
    }

    public static Optional<PrefixedSecret> parse(String presented) {
        // pcs_ [0-9A-Za-z]{10} _ [0-9A-Za-z]{40}
        if (presented == null || presented.length() != LENGTH || !presented.startsWith(SCHEME)
                || presented.charAt(PREFIX_END) != '_' || !Ascii.alphanumeric(presented, SCHEME.length(), PREFIX_END)
                || !Ascii.alphanumeric(presented, PREFIX_END + 1, LENGTH)) {
            return Optional.empty();
        }
        return Optional.of(new PrefixedSecret(presented.substring(SCHEME.length(), PREFIX_END),
                presented.substring(PREFIX_END + 1)));
    }

    public SecretDigest digest() {
        return SecretDigest.of(secret);
    }

    public String presentable() {
        return "pcs_" + prefix + "_" + secret;
    }

    @Override
    public String toString() {
        return "PrefixedSecret[" + prefix + "]";
    }
}
