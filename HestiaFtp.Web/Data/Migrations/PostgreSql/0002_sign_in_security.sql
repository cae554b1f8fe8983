-- Sign-in defence, trusted devices and server-side sessions, parallel to Sqlite/0002_sign_in_security.sql.
CREATE TABLE IF NOT EXISTS sign_in_attempts (
    id BIGSERIAL PRIMARY KEY,
    reservation TEXT NOT NULL,
    throttle_key TEXT NOT NULL,
    at_ms BIGINT NOT NULL,
    failed INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS ix_sign_in_attempts_key ON sign_in_attempts (throttle_key, at_ms);
CREATE INDEX IF NOT EXISTS ix_sign_in_attempts_reservation ON sign_in_attempts (reservation);

CREATE TABLE IF NOT EXISTS devices (
    id_hash TEXT PRIMARY KEY,
    server TEXT NOT NULL,
    account TEXT NOT NULL,
    issued_ms BIGINT NOT NULL,
    expires_ms BIGINT NOT NULL,
    revoked_ms BIGINT NULL
);
CREATE INDEX IF NOT EXISTS ix_devices_account ON devices (server, account);

CREATE TABLE IF NOT EXISTS sessions (
    id_hash TEXT PRIMARY KEY,
    server TEXT NOT NULL,
    account TEXT NOT NULL,
    created_ms BIGINT NOT NULL,
    expires_ms BIGINT NOT NULL,
    ended_ms BIGINT NULL,
    end_reason TEXT NULL
);
CREATE INDEX IF NOT EXISTS ix_sessions_account ON sessions (server, account);
