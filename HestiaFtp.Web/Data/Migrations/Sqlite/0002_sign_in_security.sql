-- Sign-in defence, trusted devices and server-side sessions. Times are Unix milliseconds (UTC). Device and session ids
-- are stored only as SHA-256 hashes: the ids themselves live in the browser's protected cookies.

-- One row per throttle key of a reserved sign-in attempt. A row counts against its key from the moment it is reserved
-- (failed = 0, in flight) until it is released (deleted: the sign-in succeeded or HestiaCP could not be asked) or, once
-- failed (failed = 1), until it leaves the window.
CREATE TABLE IF NOT EXISTS sign_in_attempts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    reservation TEXT NOT NULL,
    throttle_key TEXT NOT NULL,
    at_ms INTEGER NOT NULL,
    failed INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS ix_sign_in_attempts_key ON sign_in_attempts (throttle_key, at_ms);
CREATE INDEX IF NOT EXISTS ix_sign_in_attempts_reservation ON sign_in_attempts (reservation);

-- Browsers that signed in to an account (the device cookie); revoked_ms set = no longer trusted.
CREATE TABLE IF NOT EXISTS devices (
    id_hash TEXT PRIMARY KEY,
    server TEXT NOT NULL,
    account TEXT NOT NULL,
    issued_ms INTEGER NOT NULL,
    expires_ms INTEGER NOT NULL,
    revoked_ms INTEGER NULL
);
CREATE INDEX IF NOT EXISTS ix_devices_account ON devices (server, account);

-- Dashboard sessions; ended_ms set = signed out, suspended or ended by support staff.
CREATE TABLE IF NOT EXISTS sessions (
    id_hash TEXT PRIMARY KEY,
    server TEXT NOT NULL,
    account TEXT NOT NULL,
    created_ms INTEGER NOT NULL,
    expires_ms INTEGER NOT NULL,
    ended_ms INTEGER NULL,
    end_reason TEXT NULL
);
CREATE INDEX IF NOT EXISTS ix_sessions_account ON sessions (server, account);
