package io.portcullis.application.oauth;

import io.portcullis.application.identity.InMemoryApiKeyRepository;
import io.portcullis.application.identity.InMemoryUserRepository;

/** Runs the registered-resource store contract on the in-memory adapters. */
class InMemoryResourceContractTest extends ResourceRepositoriesContract {
    @Override
    protected Stores newStores() {
        InMemoryUserRepository users = new InMemoryUserRepository();
        InMemoryOAuthStore oauth = new InMemoryOAuthStore(new InMemoryApiKeyRepository(users));
        InMemoryResourceStore store = new InMemoryResourceStore(oauth);
        return new Stores(users, oauth.clients, oauth.grants, store.resources, store.tokens, store.signingKeys);
    }
}
