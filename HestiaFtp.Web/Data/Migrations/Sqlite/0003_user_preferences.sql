-- Small per-user choices of the dashboard (e.g. the accounts page's view), one row per server, account and name.
CREATE TABLE IF NOT EXISTS user_preferences (
    server TEXT NOT NULL,
    account TEXT NOT NULL,
    name TEXT NOT NULL,
    value TEXT NOT NULL,
    updated_ms INTEGER NOT NULL,
    PRIMARY KEY (server, account, name)
);
