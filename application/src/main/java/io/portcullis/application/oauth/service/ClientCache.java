package io.portcullis.application.oauth.service;

import io.portcullis.application.oauth.port.out.ClientChangesPort;
import io.portcullis.application.oauth.port.out.ClientSecretRepository;
import io.portcullis.application.oauth.port.out.OAuthClientRepository;
import io.portcullis.domain.oauth.ClientSecret;
import io.portcullis.domain.oauth.OAuthClient;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Clients and client secrets as last read, so a grant at the token endpoint does not read the client row and the
 * secret row again each time. Trusted only while the store reports every change ({@link ClientChangesPort}: all
 * replicas learn of a change on commit); emptied when a report may have been missed. Writes through
 * {@link #clients}/{@link #secrets} also forget the entry at once on this replica. A read is kept only if no change
 * arrived while it was made. Absent clients and secrets are not remembered.
 */
public final class ClientCache implements ClientChangesPort.Listener {
    private final Map<Object, Object> entries = new ConcurrentHashMap<>();
    private final AtomicLong changes = new AtomicLong();
    private final int maxEntries;
    private volatile boolean listening;

    /** {@code maxEntries} 0 turns caching off. */
    public ClientCache(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    /** {@code store} read through this cache. */
    public OAuthClientRepository clients(OAuthClientRepository store) {
        return new CachedClients(store, this);
    }

    /** {@code store} read through this cache. */
    public ClientSecretRepository secrets(ClientSecretRepository store) {
        return new CachedClientSecrets(store, this);
    }

    public int size() {
        return entries.size();
    }

    /** The cached value under {@code key}, else what {@code read} finds (kept if nothing changed meanwhile). */
    <T> Optional<T> find(Object key, Class<T> type, Supplier<Optional<T>> read) {
        if (!listening) {
            return read.get();
        }
        Object cached = entries.get(key);
        if (type.isInstance(cached)) {
            return Optional.of(type.cast(cached));
        }
        long stamp = changes.get();
        Optional<T> found = read.get();
        if (found.isPresent() && maxEntries > 0 && entries.size() < maxEntries && changes.get() == stamp) {
            entries.put(key, found.get());
            if (changes.get() != stamp || !listening) {
                entries.remove(key, found.get()); // a change arrived while this was added: it may concern this entry
            }
        }
        return found;
    }

    /** Forgets {@code key} (a write on this replica); the store's report of the change follows. */
    void forget(Object key) {
        changes.incrementAndGet();
        entries.remove(key);
    }

    /** Forgets the secret {@code secretId} (its {@code last_used_at} was written on this replica). */
    void forgetSecret(UUID secretId) {
        changes.incrementAndGet();
        entries.values().removeIf(v -> v instanceof ClientSecret s && s.id().equals(secretId));
    }

    @Override
    public void clientChanged(UUID clientId) {
        changes.incrementAndGet();
        entries.values().removeIf(v -> v instanceof OAuthClient c ? c.id().equals(clientId)
                : v instanceof ClientSecret s && s.clientId().equals(clientId));
    }

    @Override
    public void everythingChanged() {
        changes.incrementAndGet();
        entries.clear();
    }

    @Override
    public void listening() {
        everythingChanged(); // what was cached before may have changed unreported
        listening = true;
    }

    @Override
    public void interrupted() {
        listening = false;
        everythingChanged();
    }
}
