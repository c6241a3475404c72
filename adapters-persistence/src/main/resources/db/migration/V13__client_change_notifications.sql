-- Replicas cache OAuth clients and client secret digests in memory (the token endpoint reads both on every grant).
-- Every change that can make a cached one wrong is announced on channel portcullis_clients from inside the changing
-- transaction, so PostgreSQL delivers it to every listening replica on commit and never for a rollback; triggers, so
-- that cascades (a client deleted with its secrets) are announced too. Same pattern as V7.
-- Payloads: 'a:<client id>' (the client or one of its secrets changed), '*' (everything, after TRUNCATE).
-- Not announced: inserts (nothing absent is cached) and oauth2_app_secret.last_used_at, which authentication itself
-- writes at most once a minute.
CREATE FUNCTION portcullis_oauth2_app_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('portcullis_clients', 'a:' || OLD.id);
    RETURN NULL;
END $$;

CREATE FUNCTION portcullis_oauth2_app_secret_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' OR (to_jsonb(NEW) - 'last_used_at') IS DISTINCT FROM (to_jsonb(OLD) - 'last_used_at') THEN
        PERFORM pg_notify('portcullis_clients', 'a:' || OLD.app_id);
        IF TG_OP = 'UPDATE' AND NEW.app_id IS DISTINCT FROM OLD.app_id THEN
            PERFORM pg_notify('portcullis_clients', 'a:' || NEW.app_id);
        END IF;
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION portcullis_clients_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('portcullis_clients', '*');
    RETURN NULL;
END $$;

CREATE TRIGGER oauth2_app_changed AFTER UPDATE OR DELETE ON oauth2_app
    FOR EACH ROW EXECUTE FUNCTION portcullis_oauth2_app_changed();
CREATE TRIGGER oauth2_app_secret_changed AFTER UPDATE OR DELETE ON oauth2_app_secret
    FOR EACH ROW EXECUTE FUNCTION portcullis_oauth2_app_secret_changed();
CREATE TRIGGER oauth2_app_truncated AFTER TRUNCATE ON oauth2_app
    FOR EACH STATEMENT EXECUTE FUNCTION portcullis_clients_truncated();
CREATE TRIGGER oauth2_app_secret_truncated AFTER TRUNCATE ON oauth2_app_secret
    FOR EACH STATEMENT EXECUTE FUNCTION portcullis_clients_truncated();
