-- FTP accounts that end by themselves, parallel to Sqlite/0004_ftp_expiries.sql.
CREATE TABLE IF NOT EXISTS ftp_expiries (
    server TEXT NOT NULL,
    account TEXT NOT NULL,
    domain TEXT NOT NULL,
    login TEXT NOT NULL,
    folder TEXT NOT NULL,
    ends_ms BIGINT NOT NULL,
    zone TEXT NOT NULL,
    set_by TEXT NOT NULL,
    updated_ms BIGINT NOT NULL,
    claimed_by TEXT NULL,
    claimed_until_ms BIGINT NULL,
    last_problem TEXT NULL,
    PRIMARY KEY (server, account, domain, login)
);
CREATE INDEX IF NOT EXISTS ix_ftp_expiries_ends ON ftp_expiries (ends_ms);
-- Who acted: a signed-in user, or the dashboard itself on the customer's behalf (the expiry job).
ALTER TABLE audit_entries ADD COLUMN actor_kind TEXT NOT NULL DEFAULT 'user';
