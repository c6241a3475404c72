package io.portcullis.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.portcullis.bootstrap.support.OAuthFlows;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 7 finding 9: the CSRF token of the login and consent forms is signed by the server and bound to the browser's
 * session, so a planted {@code portcullis_csrf} cookie with a matching field is refused; and the POSTs must come from
 * this origin (Sec-Fetch-Site, else Origin). The ordinary browser flow keeps working.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CsrfBindingIT extends OAuthFlows {
    private static final String CB = "http://127.0.0.1:50999/callback";
    private static final String PLANTED = "A".repeat(32);
    private String session;
    private String clientId;

    @BeforeAll
    void setUp() {
        session = ownerSession();
        clientId = field(register("{\"client_name\":\"Csrf\",\"redirect_uris\":[\"" + CB + "\"],\"token_endpoint_auth_method\":\"none\"}"),
                "client_id");
    }

    private record Form(String csrf, String cookie) {
    }

    private Form loginForm() {
        HttpResponse<String> page = get("/login?redirect=%2F");
        Matcher m = Pattern.compile("name=\"csrf_token\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(m.find()).isTrue();
        String cookie = page.headers().allValues("set-cookie").stream().filter(c -> c.startsWith("portcullis_csrf="))
                .findFirst().orElseThrow().split(";")[0];
        return new Form(m.group(1), cookie);
    }

    private HttpResponse<String> login(Form form, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "Cookie";
        all[1] = form.cookie();
        System.arraycopy(headers, 0, all, 2, headers.length);
        return postForm("/login", Map.of("email", OWNER_EMAIL, "password", PASSWORD, "csrf_token", form.csrf(), "redirect", "/"), all);
    }

    private static boolean setsSession(HttpResponse<String> r) {
        return r.headers().allValues("set-cookie").stream().anyMatch(c -> c.startsWith("portcullis_session_token="));
    }

    @Test
    void loginWhenPlantedCookieWithMatchingFieldThenRefused() {
        HttpResponse<String> r = login(new Form(PLANTED, "portcullis_csrf=" + PLANTED));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(setsSession(r)).isFalse();
    }

    @Test
    void loginWhenCrossSiteThenRefusedEvenWithAValidToken() {
        HttpResponse<String> evilOrigin = login(loginForm(), "Origin", "https://evil.example");
        assertThat(evilOrigin.statusCode()).isEqualTo(403);
        assertThat(setsSession(evilOrigin)).isFalse();
        assertThat(login(loginForm(), "Sec-Fetch-Site", "cross-site").statusCode()).isEqualTo(403);
        assertThat(login(loginForm(), "Sec-Fetch-Site", "same-site", "Origin", "http://portcullis.test").statusCode()).isEqualTo(403);
        assertThat(login(loginForm(), "Origin", "null").statusCode()).isEqualTo(403);
    }

    @Test
    void loginWhenSameOriginBrowserThenSignsIn() {
        HttpResponse<String> r = login(loginForm(), "Origin", "http://portcullis.test", "Sec-Fetch-Site", "same-origin");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
        assertThat(setsSession(r)).isTrue();
        assertThat(login(loginForm(), "Origin", "http://portcullis.test").statusCode()).isEqualTo(303);
    }

    @Test
    void loginWhenTokenIsTheCookieValueItselfThenRefused() {
        Form form = loginForm();
        String nonce = form.cookie().substring("portcullis_csrf=".length());
        assertThat(login(new Form(nonce, form.cookie())).statusCode()).isEqualTo(403);
    }

    @Test
    void consentWhenPlantedCookieWithMatchingFieldThenRefused() {
        Consent consent = consent(session, defaults(clientId, CB));
        Map<String, String> form = new LinkedHashMap<>(consent.fields());
        form.put("csrf_token", PLANTED);
        form.put("action", "allow");
        HttpResponse<String> r = postForm("/oauth2/authorize", form, "Cookie", "portcullis_session_token=" + session
                + "; portcullis_csrf=" + PLANTED);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.headers().firstValue("Location")).isEmpty();
    }

    @Test
    void consentWhenTokenFromAnotherSessionThenRefused() {
        Consent consent = consent(session, defaults(clientId, CB));
        String other = login(OWNER_EMAIL, PASSWORD);
        Map<String, String> form = new LinkedHashMap<>(consent.fields());
        form.put("action", "allow");
        HttpResponse<String> r = postForm("/oauth2/authorize", form, "Cookie", "portcullis_session_token=" + other + "; "
                + consent.csrfCookie());
        assertThat(r.statusCode()).isEqualTo(403);
    }

    @Test
    void consentWhenCrossSiteThenRefusedAndSameOriginAllowed() {
        Consent consent = consent(session, defaults(clientId, CB));
        Map<String, String> form = new LinkedHashMap<>(consent.fields());
        form.put("action", "allow");
        String cookies = "portcullis_session_token=" + session + "; " + consent.csrfCookie();
        assertThat(postForm("/oauth2/authorize", form, "Cookie", cookies, "Origin", "https://evil.example").statusCode()).isEqualTo(403);
        assertThat(postForm("/oauth2/authorize", form, "Cookie", cookies, "Sec-Fetch-Site", "cross-site").statusCode()).isEqualTo(403);
        HttpResponse<String> allowed = postForm("/oauth2/authorize", form, "Cookie", cookies, "Origin", "http://portcullis.test",
                "Sec-Fetch-Site", "same-origin");
        assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(302);
        assertThat(query(allowed.headers().firstValue("Location").orElseThrow())).containsKey("code");
    }
}
