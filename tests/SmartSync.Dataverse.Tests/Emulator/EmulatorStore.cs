using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace SmartSync.Dataverse.Tests.Emulator;

/// <summary>A stored row: typed column values and its version (<c>versionnumber</c>, the ETag's value).</summary>
public sealed class EmulatorRow(string table, Guid key)
{
    public string Table { get; } = table;

    public Guid Key { get; } = key;

    public Dictionary<string, object?> Values { get; } = new(StringComparer.Ordinal);

    public long Version { get; set; }

    public string ETag => "W/\"" + Version.ToString(CultureInfo.InvariantCulture) + "\"";

    public Guid? Owner => Values.TryGetValue("_ownerid_value", out var owner) && owner is Guid id ? id : null;
}

/// <summary>A deletion as change tracking remembers it.</summary>
public sealed record Tombstone(string Table, Guid Key, long Version);

/// <summary>
/// The emulated environment's data: rows per table, one version sequence for every write (change tracking reads
/// rows and deletions newer than a token's version), and the oldest version a delta token may still name.
/// All access happens under the emulator's lock; no I/O is done while holding it.
/// </summary>
public sealed class EmulatorStore
{
    private readonly Dictionary<string, Dictionary<Guid, EmulatorRow>> _rows = new(StringComparer.Ordinal);

    public EmulatorStore()
    {
        foreach (var table in EmulatorSchema.Tables.Where(t => t.RowsOf is null))
        {
            _rows[table.LogicalName] = [];
        }
    }

    public long Version { get; private set; } = 1000;

    /// <summary>Delta tokens older than this are expired (the retention period ran out).</summary>
    public long OldestValidToken { get; set; }

    public List<Tombstone> Tombstones { get; } = [];

    public DateTimeOffset Now { get; set; } = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    /// <summary>The rows a table shows: its own, or those of the table it is the base of (activitypointer shows tasks).</summary>
    public IEnumerable<EmulatorRow> Rows(EmulatorTable table) => _rows[table.RowsOf ?? table.LogicalName].Values;

    public EmulatorRow? Find(EmulatorTable table, Guid key) => _rows[table.RowsOf ?? table.LogicalName].GetValueOrDefault(key);

    /// <summary>Every write takes the next version, even one that changes no value (Dataverse bumps the row version on any update).</summary>
    public void Touch(EmulatorRow row)
    {
        row.Version = ++Version;
        row.Values["versionnumber"] = row.Version;
        row.Values["modifiedon"] = Now.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
    }

    public EmulatorRow Insert(EmulatorTable table, Guid key, Guid? owner)
    {
        var row = new EmulatorRow(table.LogicalName, key);
        foreach (var column in table.Columns)
        {
            row.Values[column.Name] = null;
        }

        row.Values[table.Key] = key;
        row.Values["createdon"] = Now.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        if (table.Owned)
        {
            row.Values["_ownerid_value"] = owner;
        }

        if (table.BaseTable is not null)
        {
            row.Values["activitytypecode"] = table.LogicalName;
        }

        _rows[table.LogicalName][key] = row;
        Touch(row);
        return row;
    }

    public bool Delete(EmulatorTable table, Guid key)
    {
        if (!_rows[table.LogicalName].Remove(key))
        {
            return false;
        }

        Tombstones.Add(new Tombstone(table.LogicalName, key, ++Version));
        return true;
    }
}
