namespace SmartSync;

/// <summary>How a profile downloads (SmartSync.xml <c>SyncMethod</c>).</summary>
public enum SyncMethod
{
    /// <summary>Incremental where a valid cursor exists, a full download of the entity where not.</summary>
    Default = 0,

    /// <summary>Incremental only: the run is refused when an entity would need a full download.</summary>
    Incremental = 1,

    /// <summary>Re-download the selected entities from scratch.</summary>
    Full = 2,
}
