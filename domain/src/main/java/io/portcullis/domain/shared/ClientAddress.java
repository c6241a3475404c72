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

    /**
     * What limits and throttles count on: the address itself, except that an IPv6 address (written in full, eight
     * groups, as the edge resolves it) counts as its /64 network, since one subscriber usually holds a whole /64
     * and could otherwise step around a limit by changing addresses within it.
     */
    public String limitKey() {
        String[] groups = value.split(":", -1);
        if (groups.length != 8) {
            return value;
        }
        return groups[0] + ":" + groups[1] + ":" + groups[2] + ":" + groups[3] + "::/64";
    }

    @Override
    public String toString() {
        return value;
    }
}
