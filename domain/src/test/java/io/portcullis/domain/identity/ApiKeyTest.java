package io.portcullis.domain.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.domain.shared.RandomSource;
import io.portcullis.domain.shared.ResourceUri;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ApiKeyTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final Random seeded = new Random(7);
    private final RandomSource random = n -> {
        byte[] b = new byte[n];
        seeded.nextBytes(b);
        return b;
    };
    private final ApiKeyFactory factory = new ApiKeyFactory(random);

    private IssuedApiKey mint(LoginType type, Duration lifetime) {
        return factory.mint(UUID.randomUUID(), type, T0, lifetime, null, ScopeSet.ALL, AllowList.ANY, Optional.empty());
    }

    @Test
    void mintWhenIssuedThenFormatIsIdDashSecretAndOnlyDigestKept() {
        IssuedApiKey issued = mint(LoginType.TOKEN, Duration.ofDays(7));
        assertThat(issued.plaintext()).matches("^[0-9A-Za-z]{10}-[0-9A-Za-z]{22}$");
        ApiKeyCredential credential = ApiKeyCredential.parse(issued.plaintext()).orElseThrow();
        assertThat(issued.key().verifies(credential)).isTrue();
        assertThat(issued.key().toString()).doesNotContain(credential.secret());
        assertThat(issued.key().expiresAt()).isEqualTo(T0.plus(Duration.ofDays(7)));
    }

    @Test
    void verifiesWhenSecretDiffersByOneCharThenFalse() {
        IssuedApiKey issued = mint(LoginType.TOKEN, Duration.ofDays(7));
        String p = issued.plaintext();
        char last = p.charAt(p.length() - 1);
        String tampered = p.substring(0, p.length() - 1) + (last == 'a' ? 'b' : 'a');
        assertThat(issued.key().verifies(ApiKeyCredential.parse(tampered).orElseThrow())).isFalse();
    }

    @Test
    void parseWhenMalformedThenEmpty() {
        assertThat(ApiKeyCredential.parse("abc")).isEmpty();
        assertThat(ApiKeyCredential.parse("0123456789_0123456789012345678901")).isEmpty();
        assertThat(ApiKeyCredential.parse("0123456789-012345678901234567890!")).isEmpty();
        assertThat(ApiKeyCredential.parse(null)).isEmpty();
    }

    @Test
    void slidExpiryWhenSessionUsedLateThenSlidesButTokensNever() {
        ApiKey session = mint(LoginType.PASSWORD, Duration.ofHours(24)).key();
        assertThat(session.slidExpiry(T0.plus(Duration.ofMinutes(30)), true)).isEmpty();
        Instant later = T0.plus(Duration.ofHours(2));
        assertThat(session.slidExpiry(later, true)).contains(later.plus(Duration.ofHours(24)));
        assertThat(session.slidExpiry(later, false)).isEmpty();
        ApiKey token = mint(LoginType.TOKEN, Duration.ofHours(24)).key();
        assertThat(token.slidExpiry(later, true)).isEmpty();
        ApiKey oauth = mint(LoginType.OAUTH2_PROVIDER_APP, Duration.ofHours(1)).key();
        assertThat(oauth.slidExpiry(T0.plus(Duration.ofMinutes(59)), true)).isEmpty();
    }

    @Test
    void isExpiredAndLastUsedDueWhenTimePassesThenHourlyGranularity() {
        ApiKey key = mint(LoginType.TOKEN, Duration.ofHours(2)).key();
        assertThat(key.isExpired(T0.plus(Duration.ofHours(2)))).isTrue();
        assertThat(key.isExpired(T0.plus(Duration.ofMinutes(119)))).isFalse();
        assertThat(key.lastUsedDue(T0)).isTrue();
        ApiKey used = new ApiKey(key.id(), key.secretDigest(), key.userId(), key.loginType(), key.expiresAt(),
                key.lifetimeSeconds(), T0, null, key.scopes(), key.allowList(), key.createdAt(),
                Optional.of(ResourceUri.parse("https://x.example")), Optional.empty());
        assertThat(used.lastUsedDue(T0.plus(Duration.ofMinutes(59)))).isFalse();
        assertThat(used.lastUsedDue(T0.plus(Duration.ofMinutes(60)))).isTrue();
    }

    @Test
    void alphanumericWhenDrawnThenOnlyAlphabetAndUnbiasedLength() {
        String s = random.alphanumeric(5000);
        assertThat(s).hasSize(5000).matches("^[0-9A-Za-z]+$");
        assertThat(s.chars().distinct().count()).isEqualTo(62);
    }

    @Test
    void valuesWhenInvalidThenRejectedWithField() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Username("Bad Name"))
                .hasFieldOrPropertyWithValue("field", "username");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Password("short"))
                .hasFieldOrPropertyWithValue("field", "password");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Email("no-at-sign"))
                .hasFieldOrPropertyWithValue("field", "email");
        assertThat(new Email(" Bob@Example.COM ").value()).isEqualTo("bob@example.com");
        assertThat(new Password("longenough").toString()).doesNotContain("longenough");
    }
}
