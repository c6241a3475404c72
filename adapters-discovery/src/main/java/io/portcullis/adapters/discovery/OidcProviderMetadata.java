package io.portcullis.adapters.discovery;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The parts of an OpenID provider's discovery document Portcullis uses; {@code fetchedAt} ages the cache. */
record OidcProviderMetadata(String issuer, String authorizationEndpoint, String tokenEndpoint,
        Optional<String> userinfoEndpoint, String jwksUri, List<String> signingAlgorithms, List<String> tokenAuthMethods,
        Instant fetchedAt) {

    /** The document, if it names the endpoints a code flow needs; {@code issuer} as it says. */
    static Optional<OidcProviderMetadata> from(Map<?, ?> doc, Instant now) {
        String issuer = text(doc, "issuer");
        String authorize = text(doc, "authorization_endpoint");
        String token = text(doc, "token_endpoint");
        String jwks = text(doc, "jwks_uri");
        if (issuer == null || authorize == null || token == null || jwks == null) {
            return Optional.empty();
        }
        List<String> algorithms = strings(doc.get("id_token_signing_alg_values_supported"));
        return Optional.of(new OidcProviderMetadata(issuer, authorize, token, Optional.ofNullable(text(doc, "userinfo_endpoint")),
                jwks, algorithms.isEmpty() ? List.of("RS256") : algorithms,
                strings(doc.get("token_endpoint_auth_methods_supported")), now));
    }

    /** How to authenticate at the token endpoint with a secret: Basic unless the provider offers only the form. */
    boolean secretInForm() {
        return !tokenAuthMethods.isEmpty() && !tokenAuthMethods.contains("client_secret_basic")
                && tokenAuthMethods.contains("client_secret_post");
    }

    static String text(Map<?, ?> map, String key) {
        Object v = map.get(key);
        return v instanceof String s && !s.isBlank() ? s : null;
    }

    private static List<String> strings(Object v) {
        return v instanceof List<?> list ? list.stream().filter(String.class::isInstance).map(String.class::cast).toList()
                : List.of();
    }
}
