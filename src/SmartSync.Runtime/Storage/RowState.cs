namespace SmartSync.Storage;

/// <summary>Values of the <c>__state</c> system column.</summary>
internal static class RowState
{
    public const long Synced = 0;
    public const long Changed = 1;

    /// <summary>Deleted on the device; kept hidden as a tombstone until the delete is uploaded.</summary>
    public const long Deleted = 2;
}
