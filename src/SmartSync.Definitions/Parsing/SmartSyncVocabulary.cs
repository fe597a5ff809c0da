using System.Collections.Generic;

namespace SmartSync.Definitions.Parsing;

/// <summary>The element and attribute names SmartSync.xml allows (docs/smartsync-xml.md), in one place.</summary>
internal static class SmartSyncVocabulary
{
    public const string Root = "SmartSyncSetup";
    public const string Profile = "SmartSync";
    public const string Trigger = "Trigger";
    public const string GlobalExclusions = "GlobalExclusions";
    public const string AppEntities = "AppEntities";
    public const string Description = "Description";
    public const string Entities = "Entities";
    public const string Entity = "Entity";

    public static readonly string[] RootChildren = [Profile, Trigger, GlobalExclusions, AppEntities];
    public static readonly string[] ProfileChildren = [Description, Entities];
    public static readonly string[] ProfileAttributes = ["Name", "SyncAction", "SyncMethod", "GlobalExclusions", "AutoExclusions", "ExcludedModules"];
    public static readonly string[] EntitiesAttributes = ["Mode"];
    public static readonly string[] EntityAttributes = ["Name", "WithRelated", "Deep"];
    public static readonly string[] ExcludedEntityAttributes = ["Name"];
    public static readonly string[] TriggerAttributes = ["Launch", "Action", "Delay", "Entity"];
    public static readonly string[] Booleans = ["true", "false"];

    public static readonly IReadOnlyDictionary<string, SyncModules> ModuleFlags = new Dictionary<string, SyncModules>
    {
        ["NoPreparation"] = SyncModules.NoPreparation,
        ["NoRemoteConflicts"] = SyncModules.NoRemoteConflicts,
        ["NoSyncDeletes"] = SyncModules.NoSyncDeletes,
        ["NoEntityImages"] = SyncModules.NoEntityImages,
        ["NoSyncShared"] = SyncModules.NoSyncShared,
        ["NoDocuments"] = SyncModules.NoDocuments,
        ["NoAttachments"] = SyncModules.NoAttachments,
        ["NoExchange"] = SyncModules.NoExchange,
        ["OnlyCoreModules"] = SyncModules.OnlyCoreModules,
        ["NoCleanup"] = SyncModules.NoCleanup,
    };
}
