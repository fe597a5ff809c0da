using System;
using System.Collections.Generic;

namespace SmartSync;

/// <summary>An unresolved problem that blocks SmartSync (an upload conflict under the Manual strategy, a rejected change).</summary>
/// <param name="Id">The error's id, for <see cref="LocalRecordStore.ResolveSyncErrorAsync"/>.</param>
/// <param name="Entity">The entity.</param>
/// <param name="Key">The record's key.</param>
/// <param name="Kind">A conflict or a rejected change.</param>
/// <param name="Message">What happened.</param>
/// <param name="CreatedAt">When the engine recorded it.</param>
/// <param name="ServerVersion">The server record's version (ETag) when the error was recorded, if the server sent it.</param>
/// <param name="ServerValues">The server record's values when the error was recorded, if the server sent them: with the local
/// record they let an app show what differs before the user picks a side.</param>
public sealed record SyncError(
    long Id,
    string Entity,
    string Key,
    SyncErrorKind Kind,
    string Message,
    DateTimeOffset CreatedAt,
    string? ServerVersion,
    IReadOnlyDictionary<string, object?>? ServerValues);
