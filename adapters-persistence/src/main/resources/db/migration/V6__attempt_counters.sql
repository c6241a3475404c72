-- Login and registration throttles (PRODUCT §12): shared by every replica and kept across restarts.
-- One row per (bucket, key): the attempts counted in a window that began with the key's first attempt. The key
-- (an e-mail and a client address, or an address) is stored only as its SHA-256 digest.
CREATE TABLE attempt_counter (
    bucket       text        NOT NULL,
    key_digest   bytea       NOT NULL,
    window_start timestamptz NOT NULL,
    window_end   timestamptz NOT NULL,
    hits         integer     NOT NULL CHECK (hits >= 0),
    PRIMARY KEY (bucket, key_digest)
);

-- housekeeping deletes the counters whose window has ended
CREATE INDEX attempt_counter_window_end ON attempt_counter (window_end);
