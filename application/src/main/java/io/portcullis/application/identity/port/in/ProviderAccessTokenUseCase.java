package io.portcullis.application.identity.port.in;

import io.portcullis.domain.shared.Result;
import java.util.UUID;

/**
 * A user's current OpenID provider access token, refreshed when it expires within ten minutes (for {@code user_oidc}
 * MCP servers). A refusal names the provider to sign in with.
 */
public interface ProviderAccessTokenUseCase {
    Result<String, NoProviderToken> currentAccessToken(UUID userId);

    /** Why there is no token to forward. */
    sealed interface NoProviderToken {
        String message();

        /** The user never signed in with a provider; {@code providers} are the configured ones' display names. */
        record NotLinked(String providers) implements NoProviderToken {
            @Override
            public String message() {
                return providers.isEmpty() ? "this MCP server forwards an identity provider's token, and no identity"
                        + " provider is configured" : "sign in with " + providers + " to use this MCP server";
            }
        }

        /** The link's token expired and the provider would not refresh it. */
        record Unrefreshable(String provider) implements NoProviderToken {
            @Override
            public String message() {
                return "your sign-in with " + provider + " has ended; sign in with " + provider + " again";
            }
        }
    }
}
