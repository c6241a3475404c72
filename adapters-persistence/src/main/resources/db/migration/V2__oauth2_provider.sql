-- OAuth2 authorization server (PRODUCT §4). Every secret (client secrets, codes, refresh tokens,
-- registration access tokens) is stored only as a SHA-256 digest and found by its random prefix.
CREATE TABLE oauth2_app (
    id                         uuid PRIMARY KEY,
    client_name                text,
    icon                       text,
    redirect_uris              text[] NOT NULL CHECK (cardinality(redirect_uris) > 0),
    token_endpoint_auth_method text NOT NULL CHECK (token_endpoint_auth_method IN ('client_secret_basic', 'client_secret_post', 'none')),
    grant_types                text[] NOT NULL,
    response_types             text[] NOT NULL,
    scope                      text[],
    client_uri                 text,
    logo_uri                   text,
    tos_uri                    text,
    policy_uri                 text,
    contacts                   text[] NOT NULL,
    software_id                text,
    software_version           text,
    registration_token_digest  bytea CHECK (registration_token_digest IS NULL OR length(registration_token_digest) = 32),
    dynamically_registered     boolean NOT NULL,
    created_at                 timestamptz NOT NULL,
    updated_at                 timestamptz NOT NULL
);

CREATE TABLE oauth2_app_secret (
    id             uuid PRIMARY KEY,
    app_id         uuid NOT NULL REFERENCES oauth2_app (id) ON DELETE CASCADE,
    prefix         text NOT NULL UNIQUE,
    secret_digest  bytea NOT NULL CHECK (length(secret_digest) = 32),
    display_suffix text NOT NULL,
    created_at     timestamptz NOT NULL,
    last_used_at   timestamptz
);
CREATE INDEX oauth2_app_secret_app_idx ON oauth2_app_secret (app_id);

CREATE TABLE oauth2_code (
    prefix         text PRIMARY KEY,
    code_digest    bytea NOT NULL CHECK (length(code_digest) = 32),
    app_id         uuid NOT NULL REFERENCES oauth2_app (id) ON DELETE CASCADE,
    user_id        uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    redirect_uri   text,
    code_challenge text NOT NULL,
    scope          text[] NOT NULL,
    resource       text NOT NULL,
    resource_sent  boolean NOT NULL,
    created_at     timestamptz NOT NULL,
    expires_at     timestamptz NOT NULL,
    used_at        timestamptz
);

CREATE TABLE oauth2_grant (
    id          uuid PRIMARY KEY,
    app_id      uuid NOT NULL REFERENCES oauth2_app (id) ON DELETE CASCADE,
    user_id     uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    scope       text[] NOT NULL,
    resource    text NOT NULL,
    code_prefix text NOT NULL UNIQUE,
    created_at  timestamptz NOT NULL
);
CREATE INDEX oauth2_grant_user_idx ON oauth2_grant (user_id, app_id);

CREATE TABLE oauth2_refresh_token (
    prefix       text PRIMARY KEY,
    token_digest bytea NOT NULL CHECK (length(token_digest) = 32),
    grant_id     uuid NOT NULL REFERENCES oauth2_grant (id) ON DELETE CASCADE,
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    rotated_at   timestamptz
);
CREATE INDEX oauth2_refresh_token_grant_idx ON oauth2_refresh_token (grant_id);

-- OAuth access tokens are API keys; deleting their grant deletes them.
ALTER TABLE api_key ADD COLUMN oauth2_grant_id uuid REFERENCES oauth2_grant (id) ON DELETE CASCADE;
CREATE INDEX api_key_grant_idx ON api_key (oauth2_grant_id) WHERE oauth2_grant_id IS NOT NULL;
