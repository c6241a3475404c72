package io.portcullis.adapters.http.identity;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.portcullis.domain.identity.ApiKey;
import io.portcullis.domain.identity.User;
import java.time.Instant;
import java.util.List;

/** JSON shapes of the identity API; field names follow the contract (snake_case). */
final class IdentityWire {
    private IdentityWire() {
    }

    @Serdeable
    record CreateUserRequest(String email, String username, String password) {
    }

    /** {@code POST /users/first}: the owner, and the setup code printed at first start (PRODUCT §11). */
    @Serdeable
    record CreateFirstUserRequest(String email, String username, String password,
            @com.fasterxml.jackson.annotation.JsonProperty("setup_code") @io.micronaut.core.annotation.Nullable String setupCode) {
    }

    @Serdeable
    record LoginRequest(String email, String password) {
    }

    @Serdeable
    record LoginResponse(String session_token) {
    }

    @Serdeable
    record CreateTokenRequest(String token_name, Long lifetime_seconds, List<String> scopes, List<String> allow_list) {
    }

    @Serdeable
    record CreatedKey(String key) {
    }

    @Serdeable
    record ChangePasswordRequest(String old_password, String password) {
        @Override
        public String toString() {
            return "ChangePasswordRequest[***]";
        }
    }

    @Serdeable
    record UpdateProfileRequest(String username, String email) {
    }

    @Serdeable
    record ChangeRolesRequest(List<String> roles) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record UserResponse(String id, String email, String username, List<String> roles, String status,
            Instant created_at, Instant last_seen_at) {
        static UserResponse of(User u) {
            return new UserResponse(u.id().toString(), u.email().value(), u.username().value(),
                    u.isOwner() ? List.of("owner") : List.of(), u.status().wire(), u.createdAt(), u.lastSeenAt());
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record TokenResponse(String id, String user_id, String login_type, String token_name, List<String> scopes,
            List<String> allow_list, Instant expires_at, long lifetime_seconds, Instant last_used, Instant created_at) {
        static TokenResponse of(ApiKey k) {
            return new TokenResponse(k.id(), k.userId().toString(), k.loginType().wire(), k.tokenName(), k.scopes().values(),
                    k.allowList().entries(), k.expiresAt(), k.lifetimeSeconds(), k.lastUsed(), k.createdAt());
        }
    }
}
