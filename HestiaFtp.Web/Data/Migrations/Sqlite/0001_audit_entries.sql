-- The activity log exactly as HestiaFtp created it before versioned migrations. IF NOT EXISTS: a database that code
-- created has no journal yet, so this script runs against it once and changes nothing.
CREATE TABLE IF NOT EXISTS audit_entries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at_utc TEXT NOT NULL,
    actor TEXT NOT NULL,
    server TEXT NOT NULL,
    account TEXT NOT NULL,
    domain TEXT NULL,
    login TEXT NULL,
    action TEXT NOT NULL,
    detail TEXT NOT NULL,
    outcome TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_audit_entries_account ON audit_entries (server, account, id);
