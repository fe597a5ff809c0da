namespace SmartSync.Server.Storage;

/// <summary>The tables that do not depend on the data model.</summary>
internal static class Schema
{
    public const string Fixed = """
        CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS users (id TEXT PRIMARY KEY, name TEXT NOT NULL, token TEXT NOT NULL UNIQUE, full_sync_required INTEGER NOT NULL DEFAULT 0);
        CREATE TABLE IF NOT EXISTS permissions (user_id TEXT NOT NULL, entity TEXT NOT NULL, can_read INTEGER NOT NULL, can_create INTEGER NOT NULL,
            can_update INTEGER NOT NULL, can_delete INTEGER NOT NULL, PRIMARY KEY (user_id, entity));
        CREATE TABLE IF NOT EXISTS shares (entity TEXT NOT NULL, key TEXT NOT NULL, user_id TEXT NOT NULL, active INTEGER NOT NULL,
            __version INTEGER NOT NULL, PRIMARY KEY (entity, key, user_id));
        CREATE INDEX IF NOT EXISTS ix_shares_user ON shares (user_id, entity, __version);
        CREATE TABLE IF NOT EXISTS lost_visibility (entity TEXT NOT NULL, key TEXT NOT NULL, user_id TEXT NOT NULL, __version INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS ix_lost_user ON lost_visibility (user_id, entity, __version);
        CREATE TABLE IF NOT EXISTS deletelog (__version INTEGER NOT NULL, entity TEXT NOT NULL, key TEXT NOT NULL, user_id TEXT);
        CREATE INDEX IF NOT EXISTS ix_deletelog_version ON deletelog (__version);
        CREATE TABLE IF NOT EXISTS blobs (id TEXT PRIMARY KEY, kind INTEGER NOT NULL, entity TEXT NOT NULL, key TEXT NOT NULL, owner TEXT,
            file_name TEXT NOT NULL, content_type TEXT NOT NULL, content BLOB NOT NULL, __version INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS ix_blobs_kind ON blobs (kind, __version);
        CREATE INDEX IF NOT EXISTS ix_blobs_record ON blobs (entity, key);
        CREATE TABLE IF NOT EXISTS mail (id TEXT PRIMARY KEY, user_id TEXT NOT NULL, subject TEXT NOT NULL, sender TEXT NOT NULL,
            recipients TEXT NOT NULL, received_at TEXT NOT NULL, body TEXT NOT NULL, __version INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS ix_mail_user ON mail (user_id, __version);
        CREATE TABLE IF NOT EXISTS conflicts (id INTEGER PRIMARY KEY AUTOINCREMENT, entity TEXT NOT NULL, key TEXT NOT NULL, user_id TEXT NOT NULL,
            device_values TEXT NOT NULL, server_etag TEXT NOT NULL, status INTEGER NOT NULL DEFAULT 0, choice INTEGER, acknowledged INTEGER NOT NULL DEFAULT 0,
            __version INTEGER NOT NULL);
        """;
}
