package io.portcullis.application.oauth.port.in;

import io.portcullis.application.identity.port.in.Principal;
import io.portcullis.domain.oauth.OAuthManagementError;
import io.portcullis.domain.oauth.RegisteredResource;
import io.portcullis.domain.shared.Result;
import java.util.List;

/** The registered resources API (PRODUCT §7): owners create, change and delete; members read. */
public interface ManageResourcesUseCase {
    /** Registers a resource with its introspection client; the client's secret is returned once. */
    Result<CreatedResource, OAuthManagementError> create(Principal actor, RegisteredResource.Draft draft);

    Result<List<RegisteredResource>, OAuthManagementError> list(Principal actor);

    Result<RegisteredResource, OAuthManagementError> get(Principal actor, String id);

    /** Changes the fields {@code change} names; absent fields stay as they are. */
    Result<RegisteredResource, OAuthManagementError> update(Principal actor, String id, RegisteredResource.Draft change);

    /** Deletes the resource, its introspection client and every token issued for it. */
    Result<Void, OAuthManagementError> delete(Principal actor, String id);

    /** A new resource and its introspection client's secret in plaintext. */
    record CreatedResource(RegisteredResource resource, String introspectionClientSecret) {
        @Override
        public String toString() {
            return "CreatedResource[" + resource + "]";
        }
    }
}
