package io.portcullis.application.oauth.port.in;

import io.portcullis.domain.oauth.OAuthClient;
import java.util.List;

/** RFC 7662 token introspection under PRODUCT §7's access rules. */
public interface IntrospectTokenUseCase {
    /** What {@code caller} may learn about {@code token}; inactive for anything it may not see. */
    Introspection introspect(OAuthClient caller, String token);

    /** RFC 7662 §2.2; when {@code active} is false every other field is null. */
    record Introspection(boolean active, String scope, String clientId, String subject, String username,
            List<String> audience, Long issuedAt, Long expiresAt, String tokenType) {
        public static final Introspection INACTIVE = new Introspection(false, null, null, null, null, null, null, null, null);
    }
}
