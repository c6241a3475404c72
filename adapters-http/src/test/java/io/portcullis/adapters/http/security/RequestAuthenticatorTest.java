package io.portcullis.adapters.http.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The Authorization header's bearer token, read without a regular expression. */
class RequestAuthenticatorTest {
    @Test
    void bearerTokenWhenSchemeIsBearerInAnyCaseThenReturnsTheTrimmedToken() {
        assertThat(RequestAuthenticator.bearerToken("Bearer abc.def")).isEqualTo("abc.def");
        assertThat(RequestAuthenticator.bearerToken("bEaReR abc")).isEqualTo("abc");
        assertThat(RequestAuthenticator.bearerToken("  Bearer    abc  ")).isEqualTo("abc");
        assertThat(RequestAuthenticator.bearerToken("Bearer \tabc")).isEqualTo("abc");
        assertThat(RequestAuthenticator.bearerToken("Bearer a b")).isEqualTo("a b");
    }

    @Test
    void bearerTokenWhenAnotherSchemeOrNoTokenThenReturnsEmpty() {
        assertThat(RequestAuthenticator.bearerToken("Basic dXNlcjpwYXNz")).isEmpty();
        assertThat(RequestAuthenticator.bearerToken("Bearer")).isEmpty();
        assertThat(RequestAuthenticator.bearerToken("Bearer   ")).isEmpty();
        assertThat(RequestAuthenticator.bearerToken("Bearer\tabc")).isEmpty();
        assertThat(RequestAuthenticator.bearerToken("Bearerx abc")).isEmpty();
        assertThat(RequestAuthenticator.bearerToken("Beare abc")).isEmpty();
        assertThat(RequestAuthenticator.bearerToken("")).isEmpty();
        assertThat(RequestAuthenticator.bearerToken("   ")).isEmpty();
        // no Unicode case folding onto the scheme name (toLowerCase(Locale.ROOT) would not fold these either)
        assertThat(RequestAuthenticator.bearerToken("BEARER\u212A abc")).isEmpty();
        assertThat(RequestAuthenticator.bearerToken("Be\u0391rer abc")).isEmpty();
    }
}
