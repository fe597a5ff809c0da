namespace SmartSync.Storage;

/// <summary>The engine's own tables. Their names start with <c>__ss_</c>, which model names cannot use.</summary>
internal static class StoreSchema
{
    /// <summary>Version of the engine's table layout. A database written by a newer layout needs an app update.</summary>
    public const int Version = 2; // 2: entity tables carry __ver (row version) and index their lookup columns

    public const string Ddl = """
        CREATE TABLE IF NOT EXISTS __ss_settings (name TEXT PRIMARY KEY NOT NULL, value TEXT);
        CREATE TABLE IF NOT EXISTS __ss_outbox (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            entity TEXT NOT NULL,
            record_key TEXT NOT NULL,
            operation INTEGER NOT NULL,
            if_match TEXT,
            force INTEGER NOT NULL DEFAULT 0);
        CREATE INDEX IF NOT EXISTS __ss_outbox_record ON __ss_outbox (entity, record_key);
        CREATE TABLE IF NOT EXISTS __ss_cursor (
            module TEXT NOT NULL,
            entity TEXT NOT NULL,
            cursor TEXT NOT NULL,
            complete INTEGER NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (module, entity));
        CREATE TABLE IF NOT EXISTS __ss_entity_state (
            entity TEXT PRIMARY KEY NOT NULL,
            last_download TEXT,
            last_full_download TEXT);
        CREATE TABLE IF NOT EXISTS __ss_history (
            run_id INTEGER PRIMARY KEY AUTOINCREMENT,
            profile TEXT,
            is_full INTEGER NOT NULL,
            started_at TEXT NOT NULL,
            duration_ms REAL NOT NULL,
            outcome TEXT NOT NULL,
            message TEXT);
        CREATE TABLE IF NOT EXISTS __ss_download_history (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            run_id INTEGER NOT NULL,
            entity TEXT NOT NULL,
            changes INTEGER NOT NULL,
            at TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS __ss_download_history_entity ON __ss_download_history (entity, id);
        CREATE TABLE IF NOT EXISTS __ss_log (
            run_id INTEGER NOT NULL,
            line_no INTEGER NOT NULL,
            text TEXT NOT NULL,
            PRIMARY KEY (run_id, line_no));
        CREATE TABLE IF NOT EXISTS __ss_error (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            entity TEXT NOT NULL,
            record_key TEXT NOT NULL,
            kind TEXT NOT NULL,
            message TEXT NOT NULL,
            server_etag TEXT,
            server_values TEXT,
            created_at TEXT NOT NULL,
            resolved INTEGER NOT NULL DEFAULT 0);
        CREATE TABLE IF NOT EXISTS __ss_refetch (
            entity TEXT NOT NULL,
            record_key TEXT NOT NULL,
            PRIMARY KEY (entity, record_key));
        CREATE TABLE IF NOT EXISTS __ss_blob (
            kind INTEGER NOT NULL,
            id TEXT NOT NULL,
            entity TEXT NOT NULL,
            record_key TEXT NOT NULL,
            file_name TEXT NOT NULL,
            content_type TEXT NOT NULL,
            content BLOB NOT NULL,
            PRIMARY KEY (kind, id));
        CREATE TABLE IF NOT EXISTS __ss_mail (
            id TEXT PRIMARY KEY NOT NULL,
            subject TEXT NOT NULL,
            sender TEXT NOT NULL,
            recipient TEXT NOT NULL,
            received_at TEXT NOT NULL,
            body TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS __ss_auto_exclusion (
            entity TEXT PRIMARY KEY NOT NULL,
            reason TEXT NOT NULL,
            since TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS __ss_permission (
            entity TEXT PRIMARY KEY NOT NULL,
            can_read INTEGER NOT NULL,
            can_create INTEGER NOT NULL,
            can_update INTEGER NOT NULL,
            can_delete INTEGER NOT NULL);
        """;
}
