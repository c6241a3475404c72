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
     * What limits and throttles count on: the address itself, except that an IPv6 address counts as its /64 network
     * (written {@code a:b:c:d::/64}, whichever way the address was written), since one subscriber usually holds a whole
     * /64 and could otherwise step around a limit by changing addresses within it.
     */
    public String limitKey() {
        if (value.indexOf(':') < 0) {
            return value;
        }
        String[] groups = fullGroups(value);
        if (groups == null) {
            return value;
        }
        return groups[0] + ":" + groups[1] + ":" + groups[2] + ":" + groups[3] + "::/64";
    }

    /** The eight groups of an IPv6 address written in full or with one {@code ::}; null when it is neither. */
    private static String[] fullGroups(String text) {
        int gap = text.indexOf("::");
        if (gap < 0) {
            String[] groups = text.split(":", -1);
            return groups.length == 8 ? groups : null;
        }
        String head = text.substring(0, gap);
        String tail = text.substring(gap + 2);
        String[] left = head.isEmpty() ? new String[0] : head.split(":", -1);
        String[] right = tail.isEmpty() ? new String[0] : tail.split(":", -1);
        if (left.length + right.length > 7) {
            return null;
        }
        String[] groups = new String[8];
        java.util.Arrays.fill(groups, "0");
        System.arraycopy(left, 0, groups, 0, left.length);
        System.arraycopy(right, 0, groups, 8 - right.length, right.length);
        return groups;
    }

    @Override
    public String toString() {
        return value;
    }
}
