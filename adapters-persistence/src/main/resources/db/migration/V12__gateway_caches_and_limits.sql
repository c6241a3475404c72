-- The gateway caches MCP server configurations and users' upstream tokens in memory (PRODUCT §10). Every change that
-- can make a cached value wrong is announced on channel portcullis_registry from inside the changing transaction, so
-- PostgreSQL delivers it to every listening replica on commit and never for a rollback; triggers, so that cascades
-- (a user or a server deleted with its tokens) are announced too. Payloads: 's:<server id>',
-- 't:<server id>:<user id>', '*' (everything, after TRUNCATE).
CREATE FUNCTION portcullis_mcp_server_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('portcullis_registry', 's:' || OLD.id);
    RETURN NULL;
END $$;

CREATE FUNCTION portcullis_upstream_token_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM pg_notify('portcullis_registry', 't:' || NEW.server_id || ':' || NEW.user_id);
    ELSE
        PERFORM pg_notify('portcullis_registry', 't:' || OLD.server_id || ':' || OLD.user_id);
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION portcullis_registry_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('portcullis_registry', '*');
    RETURN NULL;
END $$;

CREATE TRIGGER mcp_server_changed AFTER UPDATE OR DELETE ON mcp_server
    FOR EACH ROW EXECUTE FUNCTION portcullis_mcp_server_changed();
CREATE TRIGGER mcp_server_user_token_changed AFTER INSERT OR UPDATE OR DELETE ON mcp_server_user_token
    FOR EACH ROW EXECUTE FUNCTION portcullis_upstream_token_changed();
CREATE TRIGGER mcp_server_truncated AFTER TRUNCATE ON mcp_server
    FOR EACH STATEMENT EXECUTE FUNCTION portcullis_registry_truncated();
CREATE TRIGGER mcp_server_user_token_truncated AFTER TRUNCATE ON mcp_server_user_token
    FOR EACH STATEMENT EXECUTE FUNCTION portcullis_registry_truncated();

-- The gateway's limits, shared by the replicas (PRODUCT §10, §12). Per-second request budgets: one row per
-- (bucket, key digest) holding the current one-second window (epoch second) and how much of its budget replicas
-- have leased; 'granted' is what the last lease received (returned by the leasing statement).
CREATE TABLE gateway_rate_budget (
    bucket       text    NOT NULL,
    key_digest   bytea   NOT NULL,
    window_start bigint  NOT NULL,
    used         integer NOT NULL CHECK (used >= 0),
    granted      integer NOT NULL CHECK (granted >= 0),
    PRIMARY KEY (bucket, key_digest)
);
CREATE INDEX gateway_rate_budget_window ON gateway_rate_budget (window_start);

-- Replicas alive (a heartbeat about once a second): each admits its share of the concurrency limit per server.
CREATE TABLE gateway_replica (
    id      text        PRIMARY KEY,
    seen_at timestamptz NOT NULL
);
