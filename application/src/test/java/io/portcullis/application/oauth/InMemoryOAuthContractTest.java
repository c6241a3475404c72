package io.portcullis.application.oauth;

import io.portcullis.application.identity.InMemoryApiKeyRepository;
import io.portcullis.application.identity.InMemoryUserRepository;

/** Runs the OAuth store contract on the in-memory adapters. */
class InMemoryOAuthContractTest extends OAuthRepositoriesContract {
    @Override
    protected Stores newStores() {
        InMemoryUserRepository users = new InMemoryUserRepository();
        InMemoryApiKeyRepository keys = new InMemoryApiKeyRepository(users);
        InMemoryOAuthStore store = new InMemoryOAuthStore(keys);
        return new Stores(users, keys, store.clients, store.secrets, store.codes, store.grants, store.refreshTokens);
    }
}
