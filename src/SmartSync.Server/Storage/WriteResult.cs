namespace SmartSync.Server.Storage;

/// <summary>How the server took an upload.</summary>
internal enum WriteStatus
{
    Applied,
    Created,
    Conflict,
    NotFound,
    Forbidden,
    Invalid,
}

/// <summary>
/// The result of an upsert or delete, with the row's ETag after it and, when there is one to show, the record as
/// the server now holds it (<see cref="Row"/> at <see cref="Version"/>): the stored record after an upsert, the
/// server's current record on a conflict. The answer is written from it, without reading the row again.
/// </summary>
internal sealed record WriteResult(WriteStatus Status, string? ETag, string? Error = null, object?[]? Row = null, long Version = 0);
