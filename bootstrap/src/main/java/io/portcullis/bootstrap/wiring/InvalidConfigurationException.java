package io.portcullis.bootstrap.wiring;

/** Start-up refused because a setting is invalid; the message names the setting. */
public final class InvalidConfigurationException extends RuntimeException {
    public InvalidConfigurationException(String message) {
        super(message);
    }
}
