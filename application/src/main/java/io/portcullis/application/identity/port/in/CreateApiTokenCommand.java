package io.portcullis.application.identity.port.in;

import io.portcullis.domain.shared.DomainValidationException;
import java.util.List;

/** Input for a user-created API token (PRODUCT §3). */
public record CreateApiTokenCommand(String tokenName, Long lifetimeSeconds, List<String> scopes, List<String> allowList) {
    public CreateApiTokenCommand {
        DomainValidationException.require(tokenName != null && !tokenName.isBlank(), "token_name", "is required");
        DomainValidationException.require(tokenName.length() <= 64 && tokenName.matches("[A-Za-z0-9_. -]+"), "token_name",
                "must be 1-64 characters of letters, digits, space, _ . -");
        DomainValidationException.require(lifetimeSeconds == null || lifetimeSeconds > 0, "lifetime_seconds",
                "must be positive");
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
        allowList = allowList == null ? List.of() : List.copyOf(allowList);
    }
}
