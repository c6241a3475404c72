package io.portcullis.domain.oauth;

import io.portcullis.domain.shared.DomainValidationException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Pattern;

/** An S256 code challenge (RFC 7636 §4.2): BASE64URL(SHA-256(verifier)), 43–128 unreserved characters. */
public record PkceChallenge(String value) {
    private static final Pattern UNRESERVED_43_128 = Pattern.compile("^[A-Za-z0-9\\-._~]{43,128}$");

    public PkceChallenge {
        DomainValidationException.require(value != null && UNRESERVED_43_128.matcher(value).matches(), "code_challenge",
                "code_challenge must be 43-128 characters of [A-Za-z0-9-._~]");
    }

    public static boolean isValidVerifier(String verifier) {
        return verifier != null && UNRESERVED_43_128.matcher(verifier).matches();
    }

    public static PkceChallenge s256Of(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return new PkceChallenge(Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RFC 7636 §4.6, compared in constant time; a malformed verifier never verifies. */
    public boolean verifies(String verifier) {
        if (!isValidVerifier(verifier)) {
            return false;
        }
        return MessageDigest.isEqual(value.getBytes(StandardCharsets.US_ASCII),
                s256Of(verifier).value().getBytes(StandardCharsets.US_ASCII));
    }
}
