-- Users, sessions and API keys (PRODUCT §2-3). Secrets are stored only as SHA-256 digests.
CREATE TABLE app_user (
    id            uuid PRIMARY KEY,
    email         text NOT NULL,
    username      text NOT NULL,
    password_hash text NOT NULL,
    role          text NOT NULL CHECK (role IN ('owner', 'member')),
    status        text NOT NULL CHECK (status IN ('active', 'suspended')),
    created_at    timestamptz NOT NULL,
    last_seen_at  timestamptz,
    CONSTRAINT app_user_email_lower CHECK (email = lower(email)),
    CONSTRAINT app_user_username_shape CHECK (username ~ '^[a-z0-9-]{1,32}$')
);
CREATE UNIQUE INDEX app_user_email_key ON app_user (email);
CREATE UNIQUE INDEX app_user_username_key ON app_user (username);

CREATE TABLE api_key (
    id               text PRIMARY KEY CHECK (id ~ '^[0-9A-Za-z]{10}$'),
    secret_digest    bytea NOT NULL CHECK (length(secret_digest) = 32),
    user_id          uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    login_type       text NOT NULL CHECK (login_type IN ('password', 'token', 'oidc', 'oauth2_provider_app')),
    expires_at       timestamptz NOT NULL,
    lifetime_seconds bigint NOT NULL CHECK (lifetime_seconds > 0),
    last_used        timestamptz,
    token_name       text,
    scopes           text[] NOT NULL,
    allow_list       text[] NOT NULL,
    created_at       timestamptz NOT NULL,
    audience         text
);
CREATE UNIQUE INDEX api_key_user_token_name_key ON api_key (user_id, token_name) WHERE token_name IS NOT NULL;
CREATE INDEX api_key_user_idx ON api_key (user_id, login_type);
