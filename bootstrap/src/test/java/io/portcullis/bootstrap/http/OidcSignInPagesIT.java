package io.portcullis.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.portcullis.bootstrap.support.ServiceTest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A deployment with an OpenID provider and {@code portcullis.password-login: false} (PRODUCT §8): the sign-in page offers
 * the provider, passwords work only for the break-glass account (page and API), and sign-in failures are pages.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OidcSignInPagesIT extends ServiceTest {
    private String owner;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(super.getProperties());
        p.put("portcullis.oidc.providers.corp.issuer", "https://idp.invalid");
        p.put("portcullis.oidc.providers.corp.client-id", "portcullis");
        p.put("portcullis.oidc.providers.corp.display-name", "Corp SSO");
        p.put("portcullis.password-login", "false");
        p.put("portcullis.break-glass-user", "owner");
        return p;
    }

    @BeforeAll
    void accounts() {
        owner = ownerSession();
    }

    @Test
    void apiLoginWhenPasswordLoginOffThenMembersAreToldToUseTheProvider() {
        postJson("/api/v2/users", "{\"email\":\"carol@example.com\",\"username\":\"carol\",\"password\":\"member-password-1\"}",
                "Authorization", "Bearer " + owner);

        HttpResponse<String> refused = postJson("/api/v2/users/login",
                "{\"email\":\"carol@example.com\",\"password\":\"member-password-1\"}");

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(field(refused.body(), "message") + refused.body()).contains("password sign-in is switched off")
                .contains("Corp SSO");
        assertThat(login(OWNER_EMAIL, PASSWORD)).isNotBlank();
    }

    @Test
    void loginPageWhenProviderConfiguredThenButtonAndPasswordFormOnlyAsBreakGlass() {
        HttpResponse<String> page = get("/login?redirect=%2Fsomewhere");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Sign in with Corp SSO").contains("href=\"/login/oidc/corp?redirect=%2Fsomewhere\"")
                .contains("Break-glass sign-in");
    }

    @Test
    void startWhenProviderUnreachableOrUnknownThenAPageNotAnError() {
        HttpResponse<String> unreachable = get("/login/oidc/corp?redirect=/", "Accept", "text/html");
        HttpResponse<String> unknown = get("/login/oidc/nope", "Accept", "text/html");
        HttpResponse<String> forged = get("/login/oidc/corp/callback?code=x&state=y", "Accept", "text/html");

        assertThat(unreachable.statusCode()).isEqualTo(502);
        assertThat(unreachable.body()).contains("Signing in with Corp SSO failed");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("No identity provider named");
        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(forged.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
    }

    /** OIDC sign-ins are counted beside password ones in portcullis_sign_ins_total, by method and outcome. */
    @Test
    void callbackWhenForgedThenCountedAsAFailedOidcSignIn() {
        double before = signIns("method=\"oidc\",outcome=\"failure\"");
        double passwords = signIns("method=\"password\",outcome=\"success\"");
        assertThat(get("/login/oidc/corp/callback?code=x&state=y", "Accept", "text/html").statusCode()).isEqualTo(400);
        login(OWNER_EMAIL, PASSWORD);
        assertThat(signIns("method=\"oidc\",outcome=\"failure\"")).isEqualTo(before + 1);
        assertThat(signIns("method=\"password\",outcome=\"success\"")).isEqualTo(passwords + 1);
    }

    private double signIns(String labels) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^portcullis_sign_ins_total\\{([^}]*)} (\\S+)$")
                .matcher(get("/metrics").body());
        while (m.find()) {
            if (m.group(1).contains(labels)) {
                return Double.parseDouble(m.group(2));
            }
        }
        return 0;
    }
}
