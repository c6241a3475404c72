package io.portcullis.application.identity.service;

import io.portcullis.application.identity.port.in.InvalidateCredentialsUseCase;
import io.portcullis.application.identity.port.in.Principal;
import io.portcullis.application.identity.port.out.CredentialChangesPort;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * This replica's memory of credentials it validated, keyed by the SHA-256 digest of the presented token (the
 * plaintext is never kept). It is trusted only while the store's change reports are being received: until
 * {@link #listening()}, and from {@link #interrupted()} on, nothing is served from it or added to it. Every change
 * report and every local revocation removes the entries it concerns; a validation that read the store before such a
 * change is not cached ({@link #stamp()}). At most {@code maxEntries} entries are held. Whether an entry may still
 * be served (expiry, bookkeeping due) is decided by {@link RequestAuthenticationService}.
 */
public final class CredentialCache implements InvalidateCredentialsUseCase, CredentialChangesPort.Listener {
    private static final MessageDigest SHA_256;
    private final Map<ByteBuffer, Principal> entries = new ConcurrentHashMap<>();
    private final AtomicLong changes = new AtomicLong();
    private final int maxEntries;
    private volatile boolean listening;

    static {
        try {
            SHA_256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** {@code maxEntries} 0 turns caching off. */
    public CredentialCache(int maxEntries) {
        if (maxEntries < 0) {
            throw new IllegalArgumentException("maxEntries must not be negative");
        }
        this.maxEntries = maxEntries;
    }

    /** The principal cached for {@code presented}, if the cache is trusted now. */
    Optional<Principal> find(String presented) {
        if (!listening) {
            return Optional.empty();
        }
        return Optional.ofNullable(entries.get(digest(presented)));
    }

    /** Taken before reading the store; {@link #put} refuses a result read before a change since then. */
    long stamp() {
        return changes.get();
    }

    void put(String presented, Principal principal, long stamp) {
        if (!listening || maxEntries == 0 || changes.get() != stamp) {
            return;
        }
        if (entries.size() >= maxEntries) {
            makeRoom();
        }
        ByteBuffer key = digest(presented);
        entries.put(key, principal);
        if (changes.get() != stamp || !listening) {
            entries.remove(key, principal); // a change arrived while this was added: it may concern this entry
        }
    }

    public int size() {
        return entries.size();
    }

    @Override
    public void keyRevoked(String keyId) {
        keyChanged(keyId);
    }

    @Override
    public void keyChanged(String keyId) {
        forget(p -> p.key().id().equals(keyId));
    }

    @Override
    public void grantRevoked(UUID grantId) {
        forget(p -> p.key().grantId().filter(grantId::equals).isPresent());
    }

    @Override
    public void userChanged(UUID userId) {
        forget(p -> p.user() != null && p.user().id().equals(userId));
    }

    @Override
    public void clientRevoked(UUID clientId) {
        everythingChanged(); // entries do not know the client a grant belongs to
    }

    @Override
    public void everythingChanged() {
        forget(p -> true);
    }

    @Override
    public void listening() {
        forget(p -> true); // whatever was missed before is not in here
        listening = true;
    }

    @Override
    public void interrupted() {
        listening = false;
        forget(p -> true);
    }

    private void forget(Predicate<Principal> concerned) {
        changes.incrementAndGet();
        entries.values().removeIf(concerned);
    }

    /** Drops an eighth of the entries, whichever come first; they are read from the store again when used. */
    private void makeRoom() {
        int drop = Math.max(1, maxEntries / 8);
        Iterator<ByteBuffer> it = entries.keySet().iterator();
        while (drop-- > 0 && it.hasNext()) {
            it.next();
            it.remove();
        }
    }

    private static ByteBuffer digest(String presented) {
        MessageDigest sha;
        try {
            sha = (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
        return ByteBuffer.wrap(sha.digest(presented.getBytes(StandardCharsets.UTF_8)));
    }
}
