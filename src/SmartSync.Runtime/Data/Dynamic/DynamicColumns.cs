using System;
using System.Collections.Generic;

namespace SmartSync.Data;

/// <summary>
/// The columns of a table known only at run time (the untyped API, for tables the app was not
/// built against), looked up by attribute name: <c>t =&gt; t.Text("subject").StartsWith("Call")</c>.
/// Unknown names and mismatched types throw at once, before any SQL runs.
/// </summary>
public sealed class DynamicColumns
{
    private readonly string _entity;
    private readonly Dictionary<string, Column<LocalRecord>> _byName;

    internal DynamicColumns(string entity, IReadOnlyList<Column<LocalRecord>> columns)
    {
        _entity = entity;
        _byName = new Dictionary<string, Column<LocalRecord>>(StringComparer.Ordinal);
        foreach (var column in columns)
        {
            _byName[column.Name] = column;
        }
    }

    /// <summary>Any column, for ordering and null tests.</summary>
    public Column<LocalRecord> this[string name] =>
        _byName.TryGetValue(name ?? throw new ArgumentNullException(nameof(name)), out var column)
            ? column
            : throw new ArgumentException($"'{_entity}' has no attribute '{name}'.", nameof(name));

    public TextColumn<LocalRecord> Text(string name) => As<TextColumn<LocalRecord>>(name);

    public ValueColumn<LocalRecord, long> Integer(string name) => As<ValueColumn<LocalRecord, long>>(name);

    public ValueColumn<LocalRecord, double> Double(string name) => As<ValueColumn<LocalRecord, double>>(name);

    public ValueColumn<LocalRecord, decimal> Decimal(string name) => As<ValueColumn<LocalRecord, decimal>>(name);

    public ValueColumn<LocalRecord, bool> Boolean(string name) => As<ValueColumn<LocalRecord, bool>>(name);

    public ValueColumn<LocalRecord, Guid> Guid(string name) => As<ValueColumn<LocalRecord, Guid>>(name);

    public ValueColumn<LocalRecord, DateTimeOffset> DateTimeOffset(string name) => As<ValueColumn<LocalRecord, DateTimeOffset>>(name);

    public ValueColumn<LocalRecord, DateOnly> Date(string name) => As<ValueColumn<LocalRecord, DateOnly>>(name);

    private T As<T>(string name)
        where T : Column<LocalRecord> =>
        this[name] as T ?? throw new ArgumentException($"'{_entity}.{name}' is a {this[name].Kind} column.", nameof(name));
}
