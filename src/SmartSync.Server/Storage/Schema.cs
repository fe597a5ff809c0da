namespace SmartSync.Server.Storage;

/// <summary>
/// The tables that do not depend on the data model, written once for every provider: <c>{int}</c>, <c>{key}</c>,
/// <c>{text}</c>, <c>{bytes}</c> and <c>{id}</c> are replaced by the provider's types.
/// </summary>
internal static class Schema
{
    public const string Template = """
        CREATE TABLE IF NOT EXISTS meta (key {key} PRIMARY KEY, value {text} NOT NULL);
        CREATE TABLE IF NOT EXISTS sync_users (id {key} PRIMARY KEY, name {text} NOT NULL, full_sync_demand {int} NOT NULL DEFAULT 0);
        CREATE TABLE IF NOT EXISTS sync_devices (user_id {key} NOT NULL, device_id {key} NOT NULL, full_sync_ack {int} NOT NULL DEFAULT 0,
            full_sync_demand {int} NOT NULL DEFAULT 0, full_sync_seen {int} NOT NULL DEFAULT 0, PRIMARY KEY (user_id, device_id));
        CREATE TABLE IF NOT EXISTS permissions (user_id {key} NOT NULL, entity {key} NOT NULL, can_read {int} NOT NULL, can_create {int} NOT NULL,
            can_update {int} NOT NULL, can_delete {int} NOT NULL, PRIMARY KEY (user_id, entity));
        CREATE TABLE IF NOT EXISTS shares (entity {key} NOT NULL, key {key} NOT NULL, user_id {key} NOT NULL, active {int} NOT NULL,
            __version {int} NOT NULL, PRIMARY KEY (entity, key, user_id));
        CREATE INDEX IF NOT EXISTS ix_shares_user ON shares (user_id, entity, __version);
        CREATE TABLE IF NOT EXISTS lost_visibility (entity {key} NOT NULL, key {key} NOT NULL, user_id {key} NOT NULL, __version {int} NOT NULL);
        CREATE INDEX IF NOT EXISTS ix_lost_user ON lost_visibility (user_id, entity, __version);
        CREATE TABLE IF NOT EXISTS deletelog (__version {int} NOT NULL, entity {key} NOT NULL, key {key} NOT NULL, user_id {key});
        CREATE INDEX IF NOT EXISTS ix_deletelog_version ON deletelog (__version);
        CREATE TABLE IF NOT EXISTS blobs (id {key} PRIMARY KEY, kind {int} NOT NULL, entity {key} NOT NULL, key {key} NOT NULL, owner {key},
            file_name {text} NOT NULL, content_type {text} NOT NULL, content {bytes} NOT NULL, __version {int} NOT NULL);
        CREATE INDEX IF NOT EXISTS ix_blobs_kind ON blobs (kind, __version);
        CREATE INDEX IF NOT EXISTS ix_blobs_record ON blobs (entity, key);
        CREATE TABLE IF NOT EXISTS mail (id {key} PRIMARY KEY, user_id {key} NOT NULL, subject {text} NOT NULL, sender {text} NOT NULL,
            recipients {text} NOT NULL, received_at {text} NOT NULL, body {text} NOT NULL, __version {int} NOT NULL);
        CREATE INDEX IF NOT EXISTS ix_mail_user ON mail (user_id, __version);
        CREATE TABLE IF NOT EXISTS conflicts (id {id}, entity {key} NOT NULL, key {key} NOT NULL, user_id {key} NOT NULL,
            device_id {key} NOT NULL DEFAULT '', device_values {text} NOT NULL, server_etag {text} NOT NULL, status {int} NOT NULL DEFAULT 0,
            choice {int}, acknowledged {int} NOT NULL DEFAULT 0, __version {int} NOT NULL);
        """;

    public static string Render(string integer, string key, string text, string bytes, string id) =>
        Template.Replace("{int}", integer, System.StringComparison.Ordinal)
            .Replace("{key}", key, System.StringComparison.Ordinal)
            .Replace("{text}", text, System.StringComparison.Ordinal)
            .Replace("{bytes}", bytes, System.StringComparison.Ordinal)
            .Replace("{id}", id, System.StringComparison.Ordinal);
}
