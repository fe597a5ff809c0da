namespace SmartSync;

/// <summary>What a local write did.</summary>
public enum RecordChangeKind
{
    Upserted = 0,
    Deleted = 1,
}

/// <summary>A committed app write, raised by <see cref="LocalRecordStore.RecordChanged"/> (RecordChange triggers listen to it).</summary>
/// <param name="Entity">The entity's logical name.</param>
/// <param name="Key">The record's key.</param>
/// <param name="Kind">Upsert or delete.</param>
/// <param name="Sequence">The outbox sequence number: monotonic per database, never a clock.</param>
public sealed record RecordChange(string Entity, string Key, RecordChangeKind Kind, long Sequence);
