package io.portcullis.application.registry;

import io.portcullis.application.identity.InMemoryUserRepository;

/** Runs the registry store contract on the in-memory adapters. */
class InMemoryRegistryContractTest extends RegistryRepositoriesContract {
    @Override
    protected Stores newStores() {
        InMemoryRegistryStore store = new InMemoryRegistryStore();
        return new Stores(new InMemoryUserRepository(), store.servers, store.tokens, store.states);
    }
}
