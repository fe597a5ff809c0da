using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;

namespace SmartSync.Server.Storage;

// Reads for the backend's own code (SmartSyncBackend).
internal sealed partial class CrmStore
{
    public async Task<IReadOnlyList<string>> ListKeysAsync(EntityTable table, string? ownerId, int max, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = table.HasOwner && ownerId is not null
            ? $"SELECT {EntityTable.Quote(table.KeyColumn)} FROM {table.QuotedTable} WHERE {EntityTable.Quote(EntityTable.OwnerProperty)} = @u ORDER BY __version LIMIT @n"
            : $"SELECT {EntityTable.Quote(table.KeyColumn)} FROM {table.QuotedTable} ORDER BY __version LIMIT @n";
        command.AddParameter("@u", ownerId);
        command.AddParameter("@n", (long)max);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var keys = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    public async Task<long> CountAsync(EntityTable table, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {table.QuotedTable}";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    public async Task<IReadOnlyDictionary<string, object?>?> FindAsync(EntityTable table, string key, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        if (await ReadRowAsync(connection, null, table, key, cancellationToken).ConfigureAwait(false) is not { } row)
        {
            return null;
        }

        var values = new Dictionary<string, object?>(StringComparer.Ordinal) { ["@odata.etag"] = RecordJsonWriter.ETag(row.Version) };
        for (var i = 0; i < table.Columns.Length; i++)
        {
            values[table.Columns[i]] = row.Row[i] is long number && table.Kinds[i] == Definitions.DataModel.EdmValueKind.Boolean ? number != 0 : row.Row[i];
        }

        return values;
    }
}
