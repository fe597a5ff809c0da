namespace SmartSync.Data;

/// <summary>
/// A generated record type: one sealed class per table of the app, with typed properties,
/// typed columns and a <see cref="RecordTable{TRecord}"/> that reads and writes it without reflection.
/// </summary>
/// <typeparam name="TSelf">The record type itself.</typeparam>
public interface IRecord<TSelf>
    where TSelf : class, IRecord<TSelf>
{
    /// <summary>The table of these records: its columns, and how rows become records and back.</summary>
    static abstract RecordTable<TSelf> Table { get; }

    /// <summary>The version of the row this record was read from (set by the store); updates and deletes are checked against it.</summary>
    RecordVersion Version { get; set; }
}
