-- MCP server registry and credential broker (PRODUCT §5). Columns ending in _sealed hold AES-256-GCM
-- ciphertext tagged with the id of the key that sealed it ("v1:<key id>:<base64>"), never plaintext.
CREATE TABLE mcp_server (
    id                          uuid PRIMARY KEY,
    display_name                text NOT NULL,
    slug                        text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    description                 text NOT NULL,
    icon_url                    text NOT NULL,
    transport                   text NOT NULL CHECK (transport IN ('streamable_http', 'sse')),
    url                         text NOT NULL,
    auth_type                   text NOT NULL CHECK (auth_type IN ('none', 'oauth2', 'api_key', 'custom_headers', 'user_oidc')),
    oauth2_client_id            text NOT NULL,
    oauth2_client_secret_sealed text,
    oauth2_auth_url             text NOT NULL,
    oauth2_token_url            text NOT NULL,
    oauth2_scopes               text NOT NULL,
    api_key_header              text NOT NULL,
    api_key_value_sealed        text,
    custom_headers_sealed       text,
    tool_allow_list             text[] NOT NULL,
    tool_deny_list              text[] NOT NULL,
    availability                text NOT NULL CHECK (availability IN ('force_on', 'default_on', 'default_off')),
    enabled                     boolean NOT NULL,
    created_at                  timestamptz NOT NULL,
    updated_at                  timestamptz NOT NULL
);

CREATE TABLE mcp_server_user_token (
    server_id            uuid NOT NULL REFERENCES mcp_server (id) ON DELETE CASCADE,
    user_id              uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    access_token_sealed  text NOT NULL,
    refresh_token_sealed text,
    token_type           text NOT NULL,
    expires_at           timestamptz,
    updated_at           timestamptz NOT NULL,
    PRIMARY KEY (server_id, user_id)
);
CREATE INDEX mcp_server_user_token_user_idx ON mcp_server_user_token (user_id);

CREATE TABLE mcp_oauth_state (
    state_digest         bytea PRIMARY KEY CHECK (length(state_digest) = 32),
    server_id            uuid NOT NULL REFERENCES mcp_server (id) ON DELETE CASCADE,
    user_id              uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    code_verifier_sealed text NOT NULL,
    expires_at           timestamptz NOT NULL
);
