package io.portcullis.application.identity;

import io.portcullis.application.identity.port.out.OidcLinkRepository;
import io.portcullis.domain.identity.OidcLink;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Provider links in memory, with the store's rules: one link per (issuer, subject) and per (user, issuer). */
public final class InMemoryOidcLinkRepository implements OidcLinkRepository {
    private final Map<List<String>, OidcLink> links = new LinkedHashMap<>();
    public int lockedReads;

    @Override
    public synchronized void save(OidcLink link) {
        links.values().removeIf(l -> l.userId().equals(link.userId()) && l.issuer().equals(link.issuer())
                && !l.subject().equals(link.subject()));
        links.put(List.of(link.issuer(), link.subject()), link);
    }

    @Override
    public synchronized Optional<OidcLink> find(String issuer, String subject) {
        return Optional.ofNullable(links.get(List.of(issuer, subject)));
    }

    @Override
    public synchronized Optional<OidcLink> findForUpdate(String issuer, String subject) {
        lockedReads++;
        return find(issuer, subject);
    }

    @Override
    public synchronized Optional<OidcLink> latestForUser(UUID userId) {
        return links.values().stream().filter(l -> l.userId().equals(userId))
                .max(Comparator.comparing(OidcLink::signedInAt));
    }
}
