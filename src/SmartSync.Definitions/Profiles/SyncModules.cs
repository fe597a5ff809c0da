using System;

namespace SmartSync;

/// <summary>Optional sync phases a profile skips (SmartSync.xml <c>ExcludedModules</c>).</summary>
[Flags]
public enum SyncModules
{
    None = 0,

    /// <summary>Skip the refresh of the user's permissions per entity.</summary>
    NoPreparation = 1 << 0,

    /// <summary>Skip applying upload-conflict resolutions decided on the server.</summary>
    NoRemoteConflicts = 1 << 1,

    /// <summary>Skip the server's delete log (its cursor stays, so a later run catches up).</summary>
    NoSyncDeletes = 1 << 2,

    /// <summary>Skip downloading entity images.</summary>
    NoEntityImages = 1 << 3,

    /// <summary>Skip downloading records shared with the user.</summary>
    NoSyncShared = 1 << 4,

    /// <summary>Skip downloading cloud documents.</summary>
    NoDocuments = 1 << 5,

    /// <summary>Skip downloading attachments.</summary>
    NoAttachments = 1 << 6,

    /// <summary>Skip the mail sync that follows the main engine.</summary>
    NoExchange = 1 << 7,

    /// <summary>Skip every optional phase: only upload and entity download run.</summary>
    OnlyCoreModules = 1 << 8,

    /// <summary>Skip deleting local records that no longer match the sync filter.</summary>
    NoCleanup = 1 << 9,
}
