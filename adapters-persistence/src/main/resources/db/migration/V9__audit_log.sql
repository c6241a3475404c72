-- The audit log (PRODUCT §11): who did what, to what, from where, and whether it took effect. Written in the
-- transaction of the change it records. No foreign keys: entries outlive the users, clients and servers they name.
-- Never a secret: detail is short text for people.
CREATE TABLE audit_log (
    id              uuid        PRIMARY KEY,
    time            timestamptz NOT NULL,
    action          text        NOT NULL CHECK (length(action) <= 64),
    actor_user_id   uuid,
    actor_client_id text        CHECK (length(actor_client_id) <= 2048),
    client_address  text        CHECK (length(client_address) <= 64),
    target_type     text        CHECK (length(target_type) <= 40),
    target_id       text        CHECK (length(target_id) <= 300),
    outcome         text        NOT NULL CHECK (outcome IN ('success', 'failure')),
    detail          text        CHECK (length(detail) <= 500)
);

-- newest first, keyset paging on (time, id), since/until ranges and the retention purge
CREATE INDEX audit_log_time ON audit_log (time DESC, id DESC);
-- the filters: one action; one user as actor or as the user acted on
CREATE INDEX audit_log_action_time ON audit_log (action, time DESC, id DESC);
CREATE INDEX audit_log_actor_time ON audit_log (actor_user_id, time DESC, id DESC) WHERE actor_user_id IS NOT NULL;
CREATE INDEX audit_log_target_user_time ON audit_log (target_id, time DESC, id DESC) WHERE target_type = 'user';
