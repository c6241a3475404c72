package io.portcullis.domain.oauth;

import java.util.Locale;

/** RFC 6749 §2.1: confidential clients authenticate with a secret; public clients cannot. */
public enum ClientType {
    CONFIDENTIAL, PUBLIC;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ClientType fromAuthMethod(String tokenEndpointAuthMethod) {
        return "none".equals(tokenEndpointAuthMethod) ? PUBLIC : CONFIDENTIAL;
    }
}
