package io.portcullis.bootstrap.crypto;

import io.portcullis.application.shared.AuditTrail;
import io.portcullis.application.shared.InMemoryAuditLog;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.portcullis.application.identity.InMemoryApiKeyRepository;
import io.portcullis.application.identity.InMemoryUserRepository;
import io.portcullis.application.oauth.InMemoryOAuthStore;
import io.portcullis.application.oauth.InMemoryResourceStore;
import io.portcullis.application.oauth.port.in.ClientCredentials;
import io.portcullis.application.oauth.port.in.RegisteredClient;
import io.portcullis.application.oauth.port.in.RotateSigningKeyUseCase;
import io.portcullis.application.oauth.service.AuthenticateClientService;
import io.portcullis.application.oauth.service.ClientCredentialsGrantService;
import io.portcullis.application.oauth.service.ClientDirectory;
import io.portcullis.application.oauth.service.ClientSecretIssuer;
import io.portcullis.application.oauth.service.IntrospectTokenService;
import io.portcullis.application.oauth.service.RegisterClientService;
import io.portcullis.application.oauth.service.ResourceTokenFinder;
import io.portcullis.application.oauth.service.ResourceTokenMinter;
import io.portcullis.application.oauth.service.SigningKeyService;
import io.portcullis.application.shared.UnitOfWork;
import io.portcullis.application.testing.MutableClock;
import io.portcullis.application.testing.SeededRandom;
import io.portcullis.domain.oauth.AccessTokenFormat;
import io.portcullis.domain.oauth.ClientMetadata;
import io.portcullis.domain.oauth.OAuthClient;
import io.portcullis.domain.oauth.RegisteredResource;
import io.portcullis.domain.shared.Result;
import io.portcullis.domain.shared.ResourceUri;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Key rotation with real RS256 keys (micronaut-security-jwt through MicronautAccessTokenJwt) on the in-memory stores: a
 * rotated key is published at once and signs only after the delay, also when another replica rotated it; tokens signed
 * before stay valid until they expire; a token under an unknown {@code kid} is refused.
 */
class SigningKeyRotationTest {
    private static final String FILES = "https://files.example/mcp";
    private final MutableClock clock = MutableClock.startingAt("2026-05-01T12:00:00Z");
    private final SeededRandom random = new SeededRandom(3);
    private final InMemoryAuditLog auditLog = new InMemoryAuditLog();
    private final AuditTrail audit = new AuditTrail(auditLog, clock, new SeededRandom(77));
    private final InMemoryUserRepository users = new InMemoryUserRepository();
    private final InMemoryOAuthStore oauth = new InMemoryOAuthStore(new InMemoryApiKeyRepository(users));
    private final InMemoryResourceStore store = new InMemoryResourceStore(oauth);
    private final MicronautAccessTokenJwt jwt = new MicronautAccessTokenJwt();
    private final SigningKeyService keys = new SigningKeyService(store.signingKeys, jwt, Duration.ofMinutes(10), random, clock, audit);
    private final ResourceTokenFinder finder = new ResourceTokenFinder(store.tokens, keys, jwt);
    private final ClientCredentialsGrantService grant = new ClientCredentialsGrantService(store.resources,
            new ResourceTokenMinter(store.tokens, keys, jwt, "https://auth.example", random), command -> {
                throw new AssertionError("no token for the API expected");
            }, new io.portcullis.domain.oauth.OAuthPolicy("https://auth.example",
                    io.portcullis.domain.shared.ResourceUri.parse("https://auth.example"), Duration.ofMinutes(10),
                    Duration.ofHours(1), Duration.ofDays(30), true),
            io.portcullis.domain.shared.ResourceUri.parse("https://auth.example"), UnitOfWork.NONE, clock, audit);
    private final IntrospectTokenService introspection = new IntrospectTokenService(finder, store.resources, oauth.clients,
            id -> java.util.Optional.empty(), (token, client) -> java.util.Optional.empty(), clock);
    private OAuthClient job;

    @BeforeEach
    void setUp() {
        RegisteredClient registered = new RegisterClientService(oauth.clients, new ClientSecretIssuer(oauth.secrets, random,
                clock), UnitOfWork.NONE, random, clock, io.portcullis.application.identity.port.in.InvalidateCredentialsUseCase.NONE, audit)
                .register(new ClientMetadata.Raw("job", null, "client_secret_basic",
                List.of("client_credentials"), null, null, null, null, null, null, null, null, null, null)).value();
        job = new AuthenticateClientService(new ClientDirectory(oauth.clients, url -> Result.err(null), false, clock),
                oauth.secrets, clock).authenticate(new ClientCredentials(registered.client().id().toString(),
                registered.clientSecret().orElseThrow(), true)).value();
        store.resources.insert(new RegisteredResource(UUID.randomUUID(), ResourceUri.parse(FILES), "Files", List.of("files:read"),
                Map.of(), AccessTokenFormat.JWT, Duration.ofHours(1), UUID.randomUUID(), clock.instant(), clock.instant()));
    }

    private String token() {
        return grant.grant(job, null, FILES).value().accessToken();
    }

    private static String kid(String token) throws Exception {
        return SignedJWT.parse(token).getHeader().getKeyID();
    }

    @Test
    void tokenWhenIssuedThenRs256AtJwtWithKidPublishedInJwks() throws Exception {
        SignedJWT parsed = SignedJWT.parse(token());
        assertThat(parsed.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(parsed.getHeader().getType()).isEqualTo(new JOSEObjectType("at+jwt"));
        assertThat(keys.publishedKeys()).singleElement().asString().contains(parsed.getHeader().getKeyID())
                .doesNotContain("\"d\"");
        JWTClaimsSet c = parsed.getJWTClaimsSet();
        assertThat(c.getSubject()).isEqualTo(job.clientId());
        assertThat(c.getStringClaim("client_id")).isEqualTo(job.clientId());
        assertThat(c.getAudience()).containsExactly(FILES);
        assertThat(c.getIssuer()).isEqualTo("https://auth.example");
        assertThat(c.getStringClaim("scope")).isEqualTo("files:read");
        assertThat(c.getJWTID()).isNotBlank();
    }

    @Test
    void rotateThenNewKeyPublishedAtOnceAndSignsOnlyAfterTheDelay() throws Exception {
        String before = token();
        RotateSigningKeyUseCase.Rotation rotation = keys.rotate();
        assertThat(keys.publishedKeys()).hasSize(2);
        assertThat(kid(token())).isEqualTo(kid(before));
        clock.advance(Duration.ofMinutes(10).plusSeconds(31));
        assertThat(kid(token())).isEqualTo(rotation.kid());
    }

    @Test
    void rotateThenTokensSignedBeforeStayValidUntilTheyExpire() {
        String before = token();
        keys.rotate();
        clock.advance(Duration.ofMinutes(59));
        assertThat(introspection.introspect(job, before).active()).isTrue();
        clock.advance(Duration.ofMinutes(1));
        assertThat(introspection.introspect(job, before).active()).isFalse();
        // the old key leaves the JWKS once its last possible token (a day, the longest lifetime) has expired
        clock.advance(Duration.ofDays(1).plusMinutes(11));
        assertThat(keys.publishedKeys()).hasSize(1);
    }

    @Test
    void introspectWhenUnknownKidOrForeignSignatureThenInactive() throws Exception {
        String genuine = token();
        JWTClaimsSet claims = SignedJWT.parse(genuine).getJWTClaimsSet();
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("unknown-kid").generate();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(new JOSEObjectType("at+jwt"))
                .keyID("unknown-kid").build(), claims);
        forged.sign(new RSASSASigner(stranger));
        assertThat(introspection.introspect(job, forged.serialize()).active()).isFalse();
        SignedJWT sameKidWrongKey = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(new JOSEObjectType("at+jwt"))
                .keyID(kid(genuine)).build(), new JWTClaimsSet.Builder(claims).expirationTime(Date.from(clock.instant()
                .plusSeconds(9999))).build());
        sameKidWrongKey.sign(new RSASSASigner(stranger));
        assertThat(introspection.introspect(job, sameKidWrongKey.serialize()).active()).isFalse();
        SignedJWT plainJwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid(genuine)).build(), claims);
        plainJwt.sign(new RSASSASigner(stranger));
        assertThat(introspection.introspect(job, plainJwt.serialize()).active()).isFalse();
        assertThat(introspection.introspect(job, genuine).active()).isTrue();
    }

    @Test
    void rotateOnAnotherReplicaThenThisOneSignsWithTheNewKeyOnceItIsActive() throws Exception {
        String before = token();
        // another replica: its own key service and signer over the same stored keys
        SigningKeyService other = new SigningKeyService(store.signingKeys, new MicronautAccessTokenJwt(), Duration.ofMinutes(10),
                new SeededRandom(5), clock, audit);
        RotateSigningKeyUseCase.Rotation rotation = other.rotate();
        assertThat(kid(token())).isEqualTo(kid(before));
        clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        assertThat(kid(token())).as("kept for up to the refresh interval").isIn(kid(before), rotation.kid());
        clock.advance(Duration.ofSeconds(30));
        String after = token();
        assertThat(kid(after)).isEqualTo(rotation.kid());
        assertThat(introspection.introspect(job, after).active()).isTrue();
        assertThat(introspection.introspect(job, before).active()).isTrue();
    }
}
