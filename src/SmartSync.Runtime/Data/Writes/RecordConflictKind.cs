namespace SmartSync.Data;

/// <summary>Why a typed write was refused.</summary>
public enum RecordConflictKind
{
    /// <summary>A create found a record with that key already on the device.</summary>
    AlreadyExists,

    /// <summary>The row changed (an app write or a sync) since the record was read: re-read, re-apply, retry.</summary>
    ChangedSinceRead,

    /// <summary>The row was deleted (on the device or by a sync) since the record was read.</summary>
    DeletedSinceRead,
}
