namespace SmartSync.Server.Storage;

/// <summary>What a written page held: changed records, removed entries, and where the next page starts (null: caught up).</summary>
internal sealed record PageResult(int Records, int Removed, long? NextAfter);
