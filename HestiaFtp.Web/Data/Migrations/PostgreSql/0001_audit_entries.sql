-- The activity log, parallel to Sqlite/0001_audit_entries.sql (same tables, columns and indexes; times as the same
-- ISO-8601 text so the stores' SQL stays the same).
CREATE TABLE IF NOT EXISTS audit_entries (
    id BIGSERIAL PRIMARY KEY,
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
