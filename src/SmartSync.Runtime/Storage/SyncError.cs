using System;

namespace SmartSync;

/// <summary>An unresolved problem that blocks SmartSync (an upload conflict under the Manual strategy, a rejected change).</summary>
/// <param name="Id">The error's id, for <see cref="LocalRecordStore.ResolveSyncErrorAsync"/>.</param>
/// <param name="Entity">The entity.</param>
/// <param name="Key">The record's key.</param>
/// <param name="Kind"><c>conflict</c> or <c>rejected</c>.</param>
/// <param name="Message">What happened.</param>
/// <param name="CreatedAt">When the engine recorded it.</param>
public sealed record SyncError(long Id, string Entity, string Key, string Kind, string Message, DateTimeOffset CreatedAt);
