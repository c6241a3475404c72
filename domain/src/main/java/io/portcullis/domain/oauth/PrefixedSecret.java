package io.portcullis.domain.oauth;

import io.portcullis.domain.shared.RandomSource;
import io.portcullis.domain.shared.SecretDigest;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Client secrets, authorization codes and refresh tokens share one shape, {@code pcs_<prefix 10>_<secret 40>}:
 * the prefix finds the row, the secret is stored only as its SHA-256 digest.
 */
public record PrefixedSecret(String prefix, String secret) {
    private static final Pattern SHAPE = Pattern.compile("^pcs_[0-9A-Za-z]{10}_[0-9A-Za-z]{40}$");

    public static PrefixedSecret mint(RandomSource random) {
        return new PrefixedSecret(random.alphanumeric(10), random.alphanumeric(40));
    }

    public static Optional<PrefixedSecret> parse(String presented) {
        if (presented == null || presented.length() != 55 || !SHAPE.matcher(presented).matches()) {
            return Optional.empty();
        }
        return Optional.of(new PrefixedSecret(presented.substring(4, 14), presented.substring(15)));
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
