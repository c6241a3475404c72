package io.portcullis.domain.identity;

/** Suspended users cannot authenticate at all. */
public enum UserStatus {
    ACTIVE, SUSPENDED;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static UserStatus fromWire(String value) {
        return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
}
