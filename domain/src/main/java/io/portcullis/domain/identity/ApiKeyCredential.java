package io.portcullis.domain.identity;

import java.util.Optional;
import java.util.regex.Pattern;

/** A presented key {@code <id>-<secret>}: id of 10 and secret of 22 characters of {@code [0-9A-Za-z]}. */
public record ApiKeyCredential(String id, String secret) {
    public static final int ID_LENGTH = 10;
    public static final int SECRET_LENGTH = 22;
    private static final Pattern SHAPE = Pattern.compile("^[0-9A-Za-z]{10}-[0-9A-Za-z]{22}$");

    /** Empty when the text does not have the key shape (a malformed credential). */
    public static Optional<ApiKeyCredential> parse(String presented) {
        if (presented == null || presented.length() != ID_LENGTH + 1 + SECRET_LENGTH || !SHAPE.matcher(presented).matches()) {
            return Optional.empty();
        }
        return Optional.of(new ApiKeyCredential(presented.substring(0, ID_LENGTH), presented.substring(ID_LENGTH + 1)));
    }

    public String presentable() {
        return id + "-" + secret;
    }

    @Override
    public String toString() {
        return "ApiKeyCredential[" + id + "-***]";
    }
}
