namespace SmartSync;

/// <summary>Why a record has an open <see cref="SyncError"/>.</summary>
public enum SyncErrorKind
{
    /// <summary>The server's record changed since the device's version, and the entity's strategy is Manual.</summary>
    Conflict,

    /// <summary>The server refused the change (validation, permissions).</summary>
    Rejected,

    /// <summary>A data-model change could not convert a local value of a pending edit; the value was cleared.</summary>
    Migration,
}
