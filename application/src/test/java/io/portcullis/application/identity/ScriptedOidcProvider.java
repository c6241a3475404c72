package io.portcullis.application.identity;

import io.portcullis.application.identity.port.out.OidcProviderPort;
import io.portcullis.domain.identity.OidcIdentity;
import io.portcullis.domain.identity.OidcProvider;
import io.portcullis.domain.identity.OidcSignInError.ProviderFailed;
import io.portcullis.domain.oauth.PkceChallenge;
import io.portcullis.domain.shared.Result;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An OpenID provider as the application sees it, played by the test: it remembers what each authorization request
 * carried and, like a real provider, gives a code only for it, checks PKCE at the exchange and puts the request's nonce
 * in the ID token (refused by the port's contract when it differs). Who signs in is {@link #person}.
 */
public class ScriptedOidcProvider implements OidcProviderPort {
    public OidcIdentity person;
    public Tokens tokens = new Tokens("provider-access-1", Optional.of("provider-refresh-1"), Optional.of(3600L));
    public Result<Tokens, RefreshFailure> nextRefresh;
    public final List<String> refreshesWith = new ArrayList<>();
    private final Map<String, String[]> codes = new HashMap<>();

    @Override
    public Result<String, ProviderFailed> authorizationUrl(OidcProvider provider, String redirectUri, String state,
            String nonce, String codeChallenge) {
        return Result.ok("https://idp.example/authorize?state=" + state + "&nonce=" + nonce + "&code_challenge=" + codeChallenge);
    }

    /** The person approves: the provider redirects back with a code and the state it was given. */
    public Map<String, String> approve(String authorizationUrl) {
        Map<String, String> q = new HashMap<>();
        for (String pair : URI.create(authorizationUrl).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            q.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        String code = "code-" + codes.size();
        codes.put(code, new String[] {q.get("code_challenge"), q.get("nonce")});
        return Map.of("code", code, "state", q.get("state"));
    }

    @Override
    public Result<SignIn, ProviderFailed> exchange(OidcProvider provider, String code, String codeVerifier,
            String redirectUri, String nonce) {
        String[] issued = codes.remove(code);
        if (issued == null || !PkceChallenge.s256Of(codeVerifier).value().equals(issued[0])) {
            return Result.err(new ProviderFailed(provider.displayName(), "invalid_grant"));
        }
        if (!issued[1].equals(nonce)) {
            return Result.err(new ProviderFailed(provider.displayName(), "the ID token's nonce does not match"));
        }
        return Result.ok(new SignIn(person, tokens));
    }

    @Override
    public Result<Tokens, RefreshFailure> refresh(OidcProvider provider, String refreshToken) {
        refreshesWith.add(refreshToken);
        return nextRefresh;
    }
}
