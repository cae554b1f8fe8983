-- Per-user choices of the dashboard, parallel to Sqlite/0003_user_preferences.sql.
CREATE TABLE IF NOT EXISTS user_preferences (
    server TEXT NOT NULL,
    account TEXT NOT NULL,
    name TEXT NOT NULL,
    value TEXT NOT NULL,
    updated_ms BIGINT NOT NULL,
    PRIMARY KEY (server, account, name)
);
