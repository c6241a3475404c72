package io.portcullis.application.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.application.identity.port.out.OidcLinkRepository;
import io.portcullis.application.identity.port.out.UserRepository;
import io.portcullis.application.testing.Fixtures;
import io.portcullis.domain.identity.OidcLink;
import io.portcullis.domain.identity.Role;
import io.portcullis.domain.identity.User;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link OidcLinkRepository} must do; run on the in-memory store and on PostgreSQL. */
public abstract class OidcLinkRepositoryContract {
    protected static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    protected OidcLinkRepository links;
    protected User ann;

    /** A fresh store, with {@code users} holding the users links refer to. */
    protected abstract OidcLinkRepository newRepository(UserRepository users);

    protected abstract UserRepository newUsers();

    @BeforeEach
    void setUpStores() {
        UserRepository users = newUsers();
        ann = Fixtures.user("ann", Role.MEMBER, T0);
        users.insert(ann);
        links = newRepository(users);
    }

    protected OidcLink link(String issuer, String subject, Instant signedIn, Optional<String> refresh) {
        return new OidcLink(ann.id(), "corp", issuer, subject, "ann@corp.example", "access-secret-" + subject, refresh,
                Optional.of(signedIn.plusSeconds(3600)), signedIn, signedIn);
    }

    @Test
    void saveWhenSavedAgainThenFoundByIssuerAndSubjectWithTheNewTokens() {
        links.save(link("https://a.example", "s1", T0, Optional.of("refresh-1")));
        OidcLink next = link("https://a.example", "s1", T0, Optional.of("refresh-1"))
                .refreshed("access-2", Optional.empty(), Optional.empty(), T0.plusSeconds(60));
        links.save(next);

        assertThat(links.find("https://a.example", "s1")).contains(next);
        assertThat(links.findForUpdate("https://a.example", "s1")).contains(next);
        assertThat(next.refreshToken()).contains("refresh-1");
        assertThat(links.find("https://a.example", "s2")).isEmpty();
        assertThat(links.find("https://b.example", "s1")).isEmpty();
    }

    @Test
    void latestForUserWhenTwoProvidersThenTheOneSignedInWithLast() {
        links.save(link("https://a.example", "s1", T0, Optional.empty()));
        links.save(link("https://b.example", "s9", T0.plusSeconds(10), Optional.empty()));

        assertThat(links.latestForUser(ann.id()).map(OidcLink::issuer)).contains("https://b.example");
    }

    @Test
    void saveWhenTheSameIssuerNamesAnotherSubjectForTheUserThenItReplacesTheOldLink() {
        links.save(link("https://a.example", "old", T0, Optional.empty()));
        links.save(link("https://a.example", "new", T0.plusSeconds(5), Optional.empty()));

        assertThat(links.find("https://a.example", "old")).isEmpty();
        assertThat(links.find("https://a.example", "new")).isPresent();
    }
}
