package io.portcullis.application.shared.port.out;

import java.time.Duration;

/**
 * The product's own counters (PRODUCT §11): what an operator watches besides HTTP traffic. Outcomes are short fixed
 * words or RFC error codes, servers are registered slugs: never a user-supplied value of unbounded variety.
 */
public interface ProductMetricsPort {
    /**
     * A sign-in by {@code method} ({@code password} or {@code oidc}): {@code success}, {@code failure} (wrong password,
     * a forged or failed provider callback), {@code throttled} or {@code refused} (suspended, no account, not allowed).
     */
    void signIn(String method, String outcome);

    /** A token request of grant type {@code grant}: {@code issued} or the RFC 6749 error code. */
    void tokenRequest(String grant, String outcome);

    /** A refresh token was presented a second time (RFC 9700 §4.14.2); its grant was revoked. */
    void refreshReuseDetected();

    /** A dynamic client registration (RFC 7591): {@code registered} or the error code. */
    void clientRegistration(String outcome);

    /** One relayed MCP request to upstream {@code server} (a slug, or {@code unknown}) and how long it took. */
    void gatewayCall(String server, String outcome, Duration elapsed);

    /** Records nothing (tests and tools that need no metrics). */
    ProductMetricsPort NONE = new ProductMetricsPort() {
        @Override
        public void signIn(String method, String outcome) {
        }

        @Override
        public void tokenRequest(String grant, String outcome) {
        }

        @Override
        public void refreshReuseDetected() {
        }

        @Override
        public void clientRegistration(String outcome) {
        }

        @Override
        public void gatewayCall(String server, String outcome, Duration elapsed) {
        }
    };
}
