-- Tokens any resource server can verify (PRODUCT §7): registered resources, the access tokens issued for them,
-- and the RS256 keys that sign JWT access tokens (private halves sealed like every other read-back secret).

-- introspection clients have no redirect URI (and client_credentials clients need none)
ALTER TABLE oauth2_app DROP CONSTRAINT oauth2_app_redirect_uris_check;

CREATE TABLE oauth2_resource (
    id                            uuid PRIMARY KEY,
    resource                      text NOT NULL UNIQUE,
    display_name                  text NOT NULL,
    scopes                        text[] NOT NULL CHECK (cardinality(scopes) > 0),
    -- parallel to scopes: the consent page's words for each scope, '' when none was given
    scope_descriptions            text[] NOT NULL CHECK (cardinality(scope_descriptions) = cardinality(scopes)),
    access_token_format           text NOT NULL CHECK (access_token_format IN ('jwt', 'opaque')),
    access_token_lifetime_seconds integer NOT NULL CHECK (access_token_lifetime_seconds BETWEEN 60 AND 86400),
    introspection_app_id          uuid NOT NULL UNIQUE REFERENCES oauth2_app (id),
    created_at                    timestamptz NOT NULL,
    updated_at                    timestamptz NOT NULL
);

-- live access tokens for registered resources: JWTs by jti (revocation deletes the row), opaque ones by prefix
CREATE TABLE oauth2_resource_token (
    id            uuid PRIMARY KEY,
    format        text NOT NULL CHECK (format IN ('jwt', 'opaque')),
    prefix        text UNIQUE,
    token_digest  bytea CHECK (token_digest IS NULL OR length(token_digest) = 32),
    app_id        uuid NOT NULL REFERENCES oauth2_app (id) ON DELETE CASCADE,
    user_id       uuid REFERENCES app_user (id) ON DELETE CASCADE,
    grant_id      uuid REFERENCES oauth2_grant (id) ON DELETE CASCADE,
    audience      text NOT NULL,
    scope         text[] NOT NULL,
    issued_at     timestamptz NOT NULL,
    expires_at    timestamptz NOT NULL,
    CHECK ((format = 'opaque') = (prefix IS NOT NULL AND token_digest IS NOT NULL))
);
CREATE INDEX oauth2_resource_token_audience_idx ON oauth2_resource_token (audience);
CREATE INDEX oauth2_resource_token_expiry_idx ON oauth2_resource_token (expires_at);

CREATE TABLE oauth2_signing_key (
    kid                text PRIMARY KEY,
    public_jwk         text NOT NULL,
    private_jwk_sealed text NOT NULL,
    created_at         timestamptz NOT NULL,
    activates_at       timestamptz NOT NULL,
    retires_at         timestamptz
);
