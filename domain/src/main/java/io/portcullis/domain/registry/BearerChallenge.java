package io.portcullis.domain.registry;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads an upstream's {@code WWW-Authenticate: Bearer …} challenge (RFC 6750 §3, RFC 9728 §5.1). */
public final class BearerChallenge {
    private static final Pattern PARAM = Pattern.compile("(?:^|[\\s,])([A-Za-z_]+)=\"([^\"]*)\"");

    private BearerChallenge() {
    }

    /** The quoted value of auth-param {@code name}, if the challenge carries it. */
    public static Optional<String> param(String challenge, String name) {
        Matcher m = PARAM.matcher(challenge);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return Optional.of(m.group(2));
            }
        }
        return Optional.empty();
    }

    /** The scope a 403 challenge says is missing, when it is {@code error="insufficient_scope"} and names one. */
    public static Optional<String> insufficientScope(String challenge) {
        return param(challenge, "error").filter("insufficient_scope"::equals)
                .flatMap(e -> param(challenge, "scope")).filter(s -> !s.isBlank());
    }
}
