package io.portcullis.application.oauth.port.in;

/**
 * How a client identified itself at the token or revocation endpoint (RFC 6749 §2.3): the adapter has
 * already merged Basic and body credentials and refused conflicts.
 */
public record ClientCredentials(String clientId, String clientSecret, boolean viaBasic) {
    @Override
    public String toString() {
        return "ClientCredentials[" + clientId + ", basic=" + viaBasic + "]";
    }
}
