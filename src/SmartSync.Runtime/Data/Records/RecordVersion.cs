namespace SmartSync.Data;

/// <summary>
/// The version of a local row a record was read from. The store bumps the local version whenever
/// the row's content changes (an app write or a sync applying a server change), so an update or
/// delete made from a stale read fails with <see cref="RecordConflictException"/> instead of
/// silently overwriting what changed since.
/// </summary>
/// <param name="Local">The row's local version; 0 with <see cref="IsStored"/> false for a record never read from the store.</param>
/// <param name="ETag">The server version the device last saw (null for a record never uploaded).</param>
/// <param name="IsStored">Whether the record was read from (or written to) the store.</param>
public readonly record struct RecordVersion(long Local, string? ETag, bool IsStored)
{
    /// <summary>The version of a record created in app code and not stored yet.</summary>
    public static RecordVersion New => default;
}
