-- Users' links to accounts at OpenID providers (PRODUCT §8): found by (issuer, subject); one per user and issuer.
-- The provider's tokens are sealed (AES-256-GCM, tagged with the key id) like every other secret read back.
CREATE TABLE user_oidc_link (
    issuer               text NOT NULL,
    subject              text NOT NULL,
    user_id              uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    provider             text NOT NULL,
    email                text NOT NULL,
    access_token_sealed  text NOT NULL,
    refresh_token_sealed text,
    expires_at           timestamptz,
    signed_in_at         timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL,
    PRIMARY KEY (issuer, subject),
    UNIQUE (user_id, issuer)
);
CREATE INDEX user_oidc_link_user_idx ON user_oidc_link (user_id, signed_in_at DESC);
