-- First-run setup code shared by every replica on one database (PRODUCT §11): only its SHA-256 digest is stored,
-- inserted if absent, so the first replica to start generates it and every other accepts the same code.
CREATE TABLE setup_code (
    singleton    boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    code_digest  bytea NOT NULL CHECK (length(code_digest) = 32),
    created_at   timestamptz NOT NULL
);

-- OAuth access tokens name the client they were issued to (introspection by that client, PRODUCT §7), and
-- client_credentials tokens for the API belong to a client and no user.
ALTER TABLE api_key ADD COLUMN oauth2_app_id uuid REFERENCES oauth2_app (id) ON DELETE CASCADE;
UPDATE api_key k SET oauth2_app_id = g.app_id FROM oauth2_grant g WHERE k.oauth2_grant_id = g.id;
ALTER TABLE api_key ALTER COLUMN user_id DROP NOT NULL;
ALTER TABLE api_key ADD CONSTRAINT api_key_owner_check
    CHECK (user_id IS NOT NULL OR (oauth2_app_id IS NOT NULL AND login_type = 'oauth2_provider_app'));
CREATE INDEX api_key_app_idx ON api_key (oauth2_app_id) WHERE oauth2_app_id IS NOT NULL;
