package io.portcullis.bootstrap.support;

import io.portcullis.domain.oauth.PkceChallenge;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Drives the authorization endpoint like a browser would, for HTTP tests. */
public abstract class OAuthFlows extends ServiceTest {
    public static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    public static final String CHALLENGE = PkceChallenge.s256Of(VERIFIER).value();

    /** Registers a client by RFC 7591 and returns the JSON answer. */
    protected String register(String json) {
        HttpResponse<String> r = postJson("/oauth2/register", json);
        if (r.statusCode() != 201) {
            throw new AssertionError("registration failed: " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    protected static String authorizeQuery(Map<String, String> params) {
        StringBuilder q = new StringBuilder();
        params.forEach((k, v) -> q.append(q.length() == 0 ? "?" : "&").append(enc(k)).append('=').append(enc(v)));
        return "/oauth2/authorize" + q;
    }

    protected static Map<String, String> defaults(String clientId, String redirectUri) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("response_type", "code");
        p.put("client_id", clientId);
        if (redirectUri != null) {
            p.put("redirect_uri", redirectUri);
        }
        p.put("state", "xyz-state");
        p.put("code_challenge", CHALLENGE);
        p.put("code_challenge_method", "S256");
        return p;
    }

    /** The consent page's hidden fields and the CSRF cookie that goes with them. */
    public record Consent(HttpResponse<String> page, Map<String, String> fields, String csrfCookie) {
    }

    protected Consent consent(String sessionToken, Map<String, String> params) {
        HttpResponse<String> page = get(authorizeQuery(params), "Cookie", "portcullis_session_token=" + sessionToken);
        if (page.statusCode() != 200) {
            throw new AssertionError("no consent page: " + page.statusCode() + " " + page.headers().firstValue("Location") + " " + page.body());
        }
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher m = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">").matcher(page.body());
        while (m.find()) {
            fields.put(m.group(1), m.group(2).replace("&amp;", "&").replace("&quot;", "\"").replace("&#39;", "'")
                    .replace("&lt;", "<").replace("&gt;", ">"));
        }
        String csrf = page.headers().allValues("set-cookie").stream().filter(c -> c.startsWith("portcullis_csrf="))
                .findFirst().orElseThrow().split(";")[0];
        return new Consent(page, fields, csrf);
    }

    protected HttpResponse<String> decide(String sessionToken, Consent consent, String action) {
        Map<String, String> form = new LinkedHashMap<>(consent.fields());
        form.put("action", action);
        return postForm("/oauth2/authorize", form, "Cookie", "portcullis_session_token=" + sessionToken + "; " + consent.csrfCookie());
    }

    /** Full browser leg: consent, allow, and the code from the redirect. */
    protected String code(String sessionToken, Map<String, String> params) {
        HttpResponse<String> r = decide(sessionToken, consent(sessionToken, params), "allow");
        if (r.statusCode() != 302) {
            throw new AssertionError("allow failed: " + r.statusCode() + " " + r.body());
        }
        return query(r.headers().firstValue("Location").orElseThrow()).get("code");
    }

    public static Map<String, String> query(String location) {
        Map<String, String> out = new LinkedHashMap<>();
        String q = URI.create(location).getRawQuery();
        if (q == null) {
            return out;
        }
        for (String pair : q.split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    protected HttpResponse<String> token(Map<String, String> form, String... headers) {
        return postForm("/oauth2/token", form, headers);
    }
}
