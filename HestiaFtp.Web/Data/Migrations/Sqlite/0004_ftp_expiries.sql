-- FTP accounts that end by themselves (issue 12), one row per server, HestiaCP user, domain and login. The end is a UTC
-- instant in milliseconds plus the IANA zone it was chosen in (for showing it); folder is the account's folder when the
-- end was set, so the job deletes only the account that was recorded. claimed_by/claimed_until_ms: the instance working
-- on the row (a conditional update claims it); last_problem: why the last attempt waited (a code, never words).
CREATE TABLE IF NOT EXISTS ftp_expiries (
    server TEXT NOT NULL,
    account TEXT NOT NULL,
    domain TEXT NOT NULL,
    login TEXT NOT NULL,
    folder TEXT NOT NULL,
    ends_ms INTEGER NOT NULL,
    zone TEXT NOT NULL,
    set_by TEXT NOT NULL,
    updated_ms INTEGER NOT NULL,
    claimed_by TEXT NULL,
    claimed_until_ms INTEGER NULL,
    last_problem TEXT NULL,
    PRIMARY KEY (server, account, domain, login)
);
CREATE INDEX IF NOT EXISTS ix_ftp_expiries_ends ON ftp_expiries (ends_ms);
-- Who acted: a signed-in user, or the dashboard itself on the customer's behalf (the expiry job).
ALTER TABLE audit_entries ADD COLUMN actor_kind TEXT NOT NULL DEFAULT 'user';
