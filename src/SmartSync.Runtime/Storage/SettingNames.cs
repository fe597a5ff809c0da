namespace SmartSync.Storage;

/// <summary>Keys of the <c>__ss_settings</c> table.</summary>
internal static class SettingNames
{
    public const string StoreSchemaVersion = "store_schema_version";
    public const string CustomizationVersion = "customization_version";
    public const string ModelCsdl = "model_csdl";
    public const string LastFullSync = "last_full_sync";
    public const string CleanupDebt = "cleanup_debt";
    public const string AuthorizationRequired = "authorization_required";

    /// <summary>Set once a full sync ran while the server demanded one; cleared when the server stops demanding.</summary>
    public const string ForcedFullSyncHonoured = "forced_full_sync_honoured";

    /// <summary>
    /// Prefix of one setting per entity: <c>user id + ' ' + the server's visibility version</c> at the entity's last
    /// cleanup. While WhoAmI reports the same, a SmartSync cleanup of that entity has nothing to do.
    /// </summary>
    public const string CleanupVisibilityPrefix = "cleanup_visibility:";

    /// <summary>Prefix of one setting per entity whose lookup indexes a first full download dropped and has not rebuilt yet.</summary>
    public const string DeferredIndexesPrefix = "deferred_lookup_indexes:";
}
