-- Replicas cache validated credentials in memory (PRODUCT §3, §12). Every change that can make a cached credential
-- wrong is announced on channel portcullis_credentials from inside the changing transaction, so PostgreSQL delivers
-- it to every listening replica on commit and never for a rollback. Triggers rather than calls in the code, so that
-- cascades (a grant, an app or a user deleted with its keys) are announced too.
-- Payloads: 'k:<api key id>', 'u:<user id>', '*' (everything, after TRUNCATE).
-- Not announced: what authentication itself writes at most hourly (api_key.last_used, a later api_key.expires_at
-- when a session slides, app_user.last_seen_at); a replica re-reads the key before it would write those.
CREATE FUNCTION portcullis_api_key_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE'
            OR NEW.expires_at < OLD.expires_at
            OR (to_jsonb(NEW) - 'last_used' - 'expires_at') IS DISTINCT FROM (to_jsonb(OLD) - 'last_used' - 'expires_at') THEN
        PERFORM pg_notify('portcullis_credentials', 'k:' || OLD.id);
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION portcullis_app_user_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE'
            OR (to_jsonb(NEW) - 'last_seen_at') IS DISTINCT FROM (to_jsonb(OLD) - 'last_seen_at') THEN
        PERFORM pg_notify('portcullis_credentials', 'u:' || OLD.id);
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION portcullis_credentials_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('portcullis_credentials', '*');
    RETURN NULL;
END $$;

CREATE TRIGGER api_key_changed AFTER UPDATE OR DELETE ON api_key
    FOR EACH ROW EXECUTE FUNCTION portcullis_api_key_changed();
CREATE TRIGGER app_user_changed AFTER UPDATE OR DELETE ON app_user
    FOR EACH ROW EXECUTE FUNCTION portcullis_app_user_changed();
CREATE TRIGGER api_key_truncated AFTER TRUNCATE ON api_key
    FOR EACH STATEMENT EXECUTE FUNCTION portcullis_credentials_truncated();
CREATE TRIGGER app_user_truncated AFTER TRUNCATE ON app_user
    FOR EACH STATEMENT EXECUTE FUNCTION portcullis_credentials_truncated();
