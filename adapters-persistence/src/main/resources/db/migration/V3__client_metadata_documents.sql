-- Clients identified by the URL of a Client ID Metadata Document (MCP 2026-07-28 client registration).
-- Their id is derived from the URL; the document is re-fetched once the cached copy is older than 5 minutes.
ALTER TABLE oauth2_app ADD COLUMN metadata_document_url text UNIQUE;
ALTER TABLE oauth2_app ADD COLUMN metadata_fetched_at timestamptz;
ALTER TABLE oauth2_app ADD CONSTRAINT oauth2_app_document_fetched
    CHECK ((metadata_document_url IS NULL) = (metadata_fetched_at IS NULL));
