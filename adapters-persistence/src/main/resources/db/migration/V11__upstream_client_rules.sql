-- Portcullis as a client of upstream MCP servers, the MCP 2026-07-28 rules (PRODUCT §9).
-- A discovered registration is bound to the issuer it was made with; a different issuer means a new registration.
-- Registrations made before this have no recorded issuer and are treated like hand-configured clients until
-- discovery runs again for them (a new url, or the client fields cleared).
ALTER TABLE mcp_server ADD COLUMN oauth2_issuer text NOT NULL DEFAULT '';
ALTER TABLE mcp_server ADD COLUMN oauth2_iss_parameter_supported boolean NOT NULL DEFAULT false;

-- RFC 9207: the issuer recorded with the PKCE verifier, whether iss is required, and the scope asked for.
ALTER TABLE mcp_oauth_state ADD COLUMN expected_issuer text NOT NULL DEFAULT '';
ALTER TABLE mcp_oauth_state ADD COLUMN iss_required boolean NOT NULL DEFAULT false;
ALTER TABLE mcp_oauth_state ADD COLUMN scope text NOT NULL DEFAULT '';

-- The scope a connection was asked with, and what an upstream insufficient_scope later said it needs (step-up).
ALTER TABLE mcp_server_user_token ADD COLUMN scope text NOT NULL DEFAULT '';
ALTER TABLE mcp_server_user_token ADD COLUMN step_up_scope text;
