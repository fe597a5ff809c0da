using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using SmartSync.Definitions.DataModel;

namespace SmartSync.Storage;

/// <summary>
/// The local table of one entity: quoted names and the SQL texts the engine reuses. Built only
/// from a validated <see cref="EntityTypeDefinition"/>, so no other text reaches SQL.
/// </summary>
internal sealed class LocalTable
{
    public const string ETagColumn = "\"__etag\"";
    public const string StateColumn = "\"__state\"";

    /// <summary>The local row version: bumped whenever the row's content changes, checked by typed updates and deletes.</summary>
    /// <summary>The row version column's name (unquoted); <see cref="VersionColumn"/> is its quoted form.</summary>
    public const string VersionColumnName = "__ver";

    public const string VersionColumn = "\"" + VersionColumnName + "\"";

    private readonly Dictionary<string, int> _ordinals = new(StringComparer.Ordinal);

    public LocalTable(EntityTypeDefinition definition)
    {
        Definition = definition;
        QuotedName = SqlIdentifier.Quote(definition.Name);
        QuotedColumns = new string[definition.Properties.Count];
        KeyOrdinal = -1;
        for (var i = 0; i < definition.Properties.Count; i++)
        {
            var property = definition.Properties[i];
            QuotedColumns[i] = SqlIdentifier.Quote(property.Name);
            _ordinals[property.Name] = i;
            if (property.Name == definition.Key)
            {
                KeyOrdinal = i;
            }
        }

        if (KeyOrdinal < 0)
        {
            throw new InvalidOperationException($"Entity '{definition.Name}' has no key property '{definition.Key}'.");
        }

        QuotedKey = QuotedColumns[KeyOrdinal];
        SelectColumns = string.Join(", ", QuotedColumns) + ", " + ETagColumn + ", " + StateColumn;
    }

    public EntityTypeDefinition Definition { get; }

    public string Name => Definition.Name;

    public string QuotedName { get; }

    public string[] QuotedColumns { get; }

    public int KeyOrdinal { get; }

    public string QuotedKey { get; }

    /// <summary>Every attribute column, then the ETag and state system columns.</summary>
    public string SelectColumns { get; }

    public int ColumnCount => QuotedColumns.Length;

    public bool TryGetOrdinal(string property, out int ordinal) => _ordinals.TryGetValue(property, out ordinal);

    public string CreateTableSql()
    {
        var sql = new StringBuilder();
        sql.Append("CREATE TABLE IF NOT EXISTS ").Append(QuotedName).Append(" (");
        for (var i = 0; i < QuotedColumns.Length; i++)
        {
            sql.Append(QuotedColumns[i]).Append(' ').Append(EdmTypes.SqliteAffinity(Definition.Properties[i].Kind));
            if (i == KeyOrdinal)
            {
                sql.Append(" PRIMARY KEY NOT NULL");
            }

            sql.Append(", ");
        }

        // __state: 0 synced, 1 changed locally (in the outbox), 2 deleted locally (a tombstone until uploaded).
        sql.Append(ETagColumn).Append(" TEXT, ").Append(StateColumn).Append(" INTEGER NOT NULL DEFAULT 0, ")
            .Append(VersionColumn).Append(" INTEGER NOT NULL DEFAULT 0)");
        return sql.ToString();
    }

    /// <summary>Blobs (images, attachments, documents) leave with their record, whatever deletes the row.</summary>
    public string BlobTriggerSql() =>
        "CREATE TRIGGER IF NOT EXISTS " + SqlIdentifier.QuoteEngine("__ss_blob_" + Name) + " AFTER DELETE ON " + QuotedName +
        " BEGIN DELETE FROM __ss_blob WHERE entity = '" + Name + "' AND record_key = OLD." + QuotedKey + "; END";

    /// <summary>Adds the row-version column to a table created before it existed.</summary>
    public string AddVersionColumnSql() =>
        "ALTER TABLE " + QuotedName + " ADD COLUMN " + VersionColumn + " INTEGER NOT NULL DEFAULT 0";

    /// <summary>One index per lookup column, so filtering by a lookup (and following it back) never scans the table.</summary>
    public IEnumerable<string> LookupIndexSql()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var lookup in Definition.Lookups)
        {
            if (lookup.ForeignKey is { } column && _ordinals.ContainsKey(column) && column != Definition.Key && seen.Add(column))
            {
                yield return IndexSql(column, expression: SqlIdentifier.Quote(column));
            }
        }
    }

    /// <summary>Drops the lookup indexes <see cref="LookupIndexSql"/> creates (a first full download builds them once at its end).</summary>
    public IEnumerable<string> DropLookupIndexSql()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var lookup in Definition.Lookups)
        {
            if (lookup.ForeignKey is { } column && _ordinals.ContainsKey(column) && column != Definition.Key && seen.Add(column))
            {
                yield return "DROP INDEX IF EXISTS " + SqlIdentifier.QuoteIndex(Name, column);
            }
        }
    }

    /// <summary>An index on one column (or an expression of it); its name is derived from table and column, so re-creating is a no-op.</summary>
    public string IndexSql(string column, string expression) =>
        "CREATE INDEX IF NOT EXISTS " + SqlIdentifier.QuoteIndex(Name, column) + " ON " + QuotedName + " (" + expression + ")";

    public string AddColumnSql(int ordinal) => string.Format(
        CultureInfo.InvariantCulture,
        "ALTER TABLE {0} ADD COLUMN {1} {2}",
        QuotedName,
        QuotedColumns[ordinal],
        EdmTypes.SqliteAffinity(Definition.Properties[ordinal].Kind));

    /// <summary>
    /// An upsert of the columns in <paramref name="present"/> (null: all). A row changed or deleted
    /// on the device is left alone (its outbox entry decides), and a row whose ETag did not change
    /// is not rewritten, so the statement's change count says what really changed.
    /// </summary>
    public string DownloadUpsertSql(bool[]? present)
    {
        var sql = new StringBuilder();
        sql.Append("INSERT INTO ").Append(QuotedName).Append(" (");
        var values = new StringBuilder();
        var updates = new StringBuilder();
        for (var i = 0; i < QuotedColumns.Length; i++)
        {
            if (present is not null && !present[i] && i != KeyOrdinal)
            {
                continue;
            }

            sql.Append(QuotedColumns[i]).Append(", ");
            values.Append("$p").Append(i.ToString(CultureInfo.InvariantCulture)).Append(", ");
            if (i != KeyOrdinal)
            {
                updates.Append(QuotedColumns[i]).Append(" = excluded.").Append(QuotedColumns[i]).Append(", ");
            }
        }

        sql.Append(ETagColumn).Append(", ").Append(StateColumn).Append(") VALUES (").Append(values).Append("$etag, 0)");
        sql.Append(" ON CONFLICT(").Append(QuotedKey).Append(") DO UPDATE SET ").Append(updates)
            .Append(ETagColumn).Append(" = excluded.").Append(ETagColumn).Append(", ")
            .Append(VersionColumn).Append(" = ").Append(QuotedName).Append('.').Append(VersionColumn).Append(" + 1")
            .Append(" WHERE ").Append(QuotedName).Append('.').Append(StateColumn).Append(" = 0 AND (")
            .Append(QuotedName).Append('.').Append(ETagColumn).Append(" IS NOT excluded.").Append(ETagColumn)
            .Append(" OR excluded.").Append(ETagColumn).Append(" IS NULL)");
        return sql.ToString();
    }

    public string DownloadRemoveSql() =>
        "DELETE FROM " + QuotedName + " WHERE " + QuotedKey + " = $key AND " + StateColumn + " = 0";

    public string SelectByKeySql() =>
        "SELECT " + SelectColumns + " FROM " + QuotedName + " WHERE " + QuotedKey + " = $key";
}
