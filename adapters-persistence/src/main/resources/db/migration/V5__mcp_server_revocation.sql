-- The upstream revocation endpoint found by discovery (RFC 8414), used when a user disconnects (RFC 7009).
ALTER TABLE mcp_server ADD COLUMN oauth2_revocation_url text NOT NULL DEFAULT '';
