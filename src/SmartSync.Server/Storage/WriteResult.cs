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

/// <summary>The result of an upsert or delete, with the row's ETag after it.</summary>
internal sealed record WriteResult(WriteStatus Status, string? ETag, string? Error = null);
