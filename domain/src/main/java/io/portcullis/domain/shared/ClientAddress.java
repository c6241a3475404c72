package io.portcullis.domain.shared;

/**
 * The network address a request came from, as resolved once per request at the edge: the socket address, or the
 * client named by a trusted reverse proxy's forwarding header. Every limit, throttle and audit entry keys on it.
 */
public record ClientAddress(String value) {
    public ClientAddress {
        DomainValidationException.require(value != null && !value.isBlank() && value.length() <= 64, "client_address",
                "must be a printable address of at most 64 characters");
    }

    @Override
    public String toString() {
        return value;
    }
}
