package io.portcullis.domain.oauth;

import io.portcullis.domain.identity.ScopeSet;
import io.portcullis.domain.shared.DomainValidationException;
import io.portcullis.domain.shared.Result;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a client says about itself (RFC 7591 §2), validated: redirect URIs, authentication method,
 * grant and response types, scope allow list (empty means any scope), and display fields.
 */
public record ClientMetadata(String clientName, List<RedirectUri> redirectUris, String tokenEndpointAuthMethod,
        List<String> grantTypes, List<String> responseTypes, Optional<ScopeSet> scope, String clientUri,
        String logoUri, String tosUri, String policyUri, List<String> contacts, String softwareId,
        String softwareVersion, String icon) {
    public static final Set<String> AUTH_METHODS = Set.of("client_secret_basic", "client_secret_post", "none");
    public static final Set<String> GRANT_TYPES = Set.of("authorization_code", "refresh_token", "client_credentials");

    public ClientType clientType() {
        return ClientType.fromAuthMethod(tokenEndpointAuthMethod);
    }

    /** Raw metadata as received; {@link #validate} turns it into a {@link ClientMetadata} or an RFC 7591 error. */
    public record Raw(String clientName, List<String> redirectUris, String tokenEndpointAuthMethod,
            List<String> grantTypes, List<String> responseTypes, String scope, String clientUri, String logoUri,
            String tosUri, String policyUri, List<String> contacts, String softwareId, String softwareVersion,
            String icon) {
    }

    public static Result<ClientMetadata, OAuthError> validate(Raw raw) {
        List<String> grants = raw.grantTypes() == null || raw.grantTypes().isEmpty() ? List.of("authorization_code", "refresh_token")
                : raw.grantTypes();
        boolean codeFlow = grants.contains("authorization_code");
        List<RedirectUri> redirects = List.of();
        if (codeFlow || (raw.redirectUris() != null && !raw.redirectUris().isEmpty())) {
            Result<List<RedirectUri>, OAuthError> checked = redirects(raw.redirectUris());
            if (!checked.isOk()) {
                return Result.err(checked.error());
            }
            redirects = checked.value();
        }
        String method = raw.tokenEndpointAuthMethod() == null ? "client_secret_basic" : raw.tokenEndpointAuthMethod();
        if (!AUTH_METHODS.contains(method)) {
            return metadataError("token_endpoint_auth_method must be one of client_secret_basic, client_secret_post, none");
        }
        if (grants.stream().anyMatch(g -> g == null || !GRANT_TYPES.contains(g))
                || !(codeFlow || grants.contains("client_credentials"))
                || (grants.contains("refresh_token") && !codeFlow)) {
            return metadataError("grant_types may contain authorization_code, refresh_token (with authorization_code) and"
                    + " client_credentials, and must include authorization_code or client_credentials");
        }
        if (grants.contains("client_credentials") && method.equals("none")) {
            return metadataError("client_credentials is for confidential clients: token_endpoint_auth_method must not be none");
        }
        List<String> responses = raw.responseTypes() == null || raw.responseTypes().isEmpty()
                ? (codeFlow ? List.of("code") : List.of()) : raw.responseTypes();
        if (!responses.equals(codeFlow ? List.of("code") : List.of())) {
            return metadataError("response_types must be [\"code\"]");
        }
        Optional<ScopeSet> scope;
        try {
            scope = raw.scope() == null || raw.scope().isBlank() ? Optional.empty()
                    : Optional.of(ScopeSet.parseSpaceDelimited(raw.scope()));
        } catch (DomainValidationException e) {
            return metadataError("scope: " + e.getMessage());
        }
        String name = raw.clientName() == null || raw.clientName().isBlank() ? null : raw.clientName().trim();
        if (name != null && name.length() > 200) {
            return metadataError("client_name must be at most 200 characters");
        }
        for (String[] field : new String[][] {{"client_uri", raw.clientUri()}, {"logo_uri", raw.logoUri()},
            {"tos_uri", raw.tosUri()}, {"policy_uri", raw.policyUri()}, {"icon", raw.icon()}}) {
            if (field[1] != null && !field[1].isEmpty() && !isWebUrl(field[1])) {
                return metadataError(field[0] + " must be an http(s) URL");
            }
        }
        List<String> contacts = raw.contacts() == null ? List.of() : raw.contacts();
        if (contacts.size() > 10 || contacts.stream().anyMatch(c -> c == null || c.length() > 320)) {
            return metadataError("contacts must be at most 10 strings");
        }
        for (String[] field : new String[][] {{"software_id", raw.softwareId()}, {"software_version", raw.softwareVersion()}}) {
            if (field[1] != null && field[1].length() > 200) {
                return metadataError(field[0] + " must be at most 200 characters");
            }
        }
        return Result.ok(new ClientMetadata(name, redirects, method, List.copyOf(grants), responses, scope,
                blankToNull(raw.clientUri()), blankToNull(raw.logoUri()), blankToNull(raw.tosUri()),
                blankToNull(raw.policyUri()), List.copyOf(contacts), raw.softwareId(), raw.softwareVersion(),
                blankToNull(raw.icon())));
    }

    private static Result<List<RedirectUri>, OAuthError> redirects(List<String> raw) {
        if (raw == null || raw.isEmpty()) {
            return Result.err(new OAuthError.InvalidRedirectUri("redirect_uris is required and must not be empty"));
        }
        if (raw.size() > 20) {
            return Result.err(new OAuthError.InvalidRedirectUri("at most 20 redirect URIs"));
        }
        try {
            return Result.ok(raw.stream().map(u -> {
                if (u == null) {
                    throw new DomainValidationException("redirect_uris", "redirect URIs must be strings");
                }
                return new RedirectUri(u);
            }).distinct().toList());
        } catch (DomainValidationException e) {
            return Result.err(new OAuthError.InvalidRedirectUri(e.getMessage()));
        }
    }

    public boolean allowsGrant(String grantType) {
        return grantTypes.contains(grantType);
    }

    private static boolean isWebUrl(String value) {
        try {
            URI uri = new URI(value);
            return ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme())) && uri.getHost() != null;
        } catch (Exception e) {
            return false;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static Result<ClientMetadata, OAuthError> metadataError(String description) {
        return Result.err(new OAuthError.InvalidClientMetadata(description));
    }

    /** RFC 6749 §3.1.2.3: the registered URI the request names, or the only one when none is named. */
    public Optional<RedirectUri> resolveRedirect(String requested) {
        if (requested == null) {
            return redirectUris.size() == 1 ? Optional.of(redirectUris.get(0)) : Optional.empty();
        }
        return redirectUris.stream().filter(r -> r.matches(requested)).findFirst();
    }

    public String displayName() {
        return clientName == null ? "Unnamed application" : clientName;
    }
}
