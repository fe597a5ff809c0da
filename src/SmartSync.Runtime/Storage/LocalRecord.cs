using System.Collections.Generic;

namespace SmartSync;

/// <summary>A record as the device holds it.</summary>
/// <param name="Entity">The entity's logical name.</param>
/// <param name="Key">The record's key.</param>
/// <param name="Values">Attribute values (string, long, double, bool, byte[] or null) by attribute name.</param>
/// <param name="ETag">The server version the device last saw; null for a record never uploaded.</param>
/// <param name="HasPendingChanges">Whether a local change waits in the outbox.</param>
public sealed record LocalRecord(string Entity, string Key, IReadOnlyDictionary<string, object?> Values, string? ETag, bool HasPendingChanges);
