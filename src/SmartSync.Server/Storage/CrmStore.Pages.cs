using System.IO.Pipelines;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using System.Data.Common;

namespace SmartSync.Server.Storage;

internal sealed partial class CrmStore
{
    internal const int FlushEvery = 256;

    /// <summary>
    /// Streams the elements of one page's <c>value</c> array: removed entries first (only on the first page of a
    /// delta), then changed records in change-version order (keyset paging, no OFFSET).
    /// </summary>
    public async Task<PageResult> WritePageAsync(
        Utf8JsonWriter writer, PipeWriter body, EntityTable table, string userId, ChangeToken token, int pageSize, bool[]? selected,
        CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var removed = 0;
        if (token.Since > 0 && token.After == token.Since)
        {
            removed = WriteRemovedEntries(writer, connection, table, userId, token);
        }

        using var command = connection.CreateCommand();
        var owner = EntityTable.Quote(EntityTable.OwnerProperty);
        if (token.Scope == TokenScope.Owned)
        {
            var visibility = table.HasOwner ? $"AND {owner} = @u" : string.Empty;
            command.CommandText = $"""
                SELECT {table.SelectList}, __version FROM {table.QuotedTable}
                WHERE __version > @after AND __version <= @upper {visibility}
                ORDER BY __version LIMIT @n
                """;
        }
        else
        {
            var columns = string.Join(", ", System.Array.ConvertAll(table.Columns, c => "t." + EntityTable.Quote(c)));
            var notOwned = table.HasOwner ? $"AND (t.{owner} IS NULL OR t.{owner} <> @u)" : string.Empty;
            command.CommandText = $"""
                SELECT {columns}, {_provider.Greatest("t.__version", "s.__version")} AS v FROM shares s
                JOIN {table.QuotedTable} t ON t.{EntityTable.Quote(table.KeyColumn)} = s.key
                WHERE s.entity = @e AND s.user_id = @u AND s.active = 1 {notOwned}
                  AND {_provider.Greatest("t.__version", "s.__version")} > @after AND {_provider.Greatest("t.__version", "s.__version")} <= @upper
                ORDER BY v LIMIT @n
                """;
            command.AddParameter("@e", table.Name);
        }

        command.AddParameter("@u", userId);
        command.AddParameter("@after", token.After);
        command.AddParameter("@upper", token.Upper);
        command.AddParameter("@n", pageSize + 1);
        var count = 0;
        long last = token.After;
        long? nextAfter = null;
        if (connection is Microsoft.Data.Sqlite.SqliteConnection sqlite)
        {
            // SQLite: UTF-8 from the file straight into the response (see SqlitePageRows).
            (count, nextAfter) = await SqlitePageRows.WriteAsync(sqlite, command, writer, body, table, selected, pageSize, token.After, cancellationToken).ConfigureAwait(false);
            Counters.CountRecords(table.Name, count + removed);
            return new PageResult(count, removed, nextAfter);
        }

        using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (count == pageSize)
                {
                    nextAfter = last;
                    break;
                }

                RecordJsonWriter.Write(writer, reader, table, selected);
                last = reader.GetInt64(table.Columns.Length);
                count++;
                if (count % FlushEvery == 0)
                {
                    // Hand what is written to Kestrel: memory stays flat however large the page.
                    writer.Flush();
                    await body.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }

        Counters.CountRecords(table.Name, count + removed);
        return new PageResult(count, removed, nextAfter);
    }

    private static int WriteRemovedEntries(Utf8JsonWriter writer, DbConnection connection, EntityTable table, string userId, ChangeToken token)
    {
        using var command = connection.CreateCommand();
        command.CommandText = token.Scope == TokenScope.Owned
            ? "SELECT DISTINCT key FROM lost_visibility WHERE user_id = @u AND entity = @e AND __version > @since AND __version <= @upper"
            : "SELECT key FROM shares WHERE user_id = @u AND entity = @e AND active = 0 AND __version > @since AND __version <= @upper";
        command.AddParameter("@u", userId);
        command.AddParameter("@e", table.Name);
        command.AddParameter("@since", token.Since);
        command.AddParameter("@upper", token.Upper);
        using var reader = command.ExecuteReader();
        var count = 0;
        while (reader.Read())
        {
            writer.WriteStartObject();
            writer.WriteStartObject("@removed");
            writer.WriteString("reason", "changed");
            writer.WriteEndObject();
            writer.WriteString(table.KeyColumn, reader.GetString(0));
            writer.WriteEndObject();
            count++;
        }

        return count;
    }

    /// <summary>Writes one record the user may see (owned, organization-wide or shared); false when there is none.</summary>
    public async Task<bool> TryWriteRecordAsync(Utf8JsonWriter writer, EntityTable table, string userId, string key, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        if (!IsVisible(connection, null, table, key, userId))
        {
            return false;
        }

        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {table.SelectList}, __version FROM {table.QuotedTable} WHERE {EntityTable.Quote(table.KeyColumn)} = @k";
        command.AddParameter("@k", key);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return false;
        }

        RecordJsonWriter.Write(writer, reader, table, null);
        return true;
    }

    /// <summary>Whether <paramref name="userId"/> may see the row: organization-wide, owned, or actively shared.</summary>
    internal static bool IsVisible(DbConnection connection, DbTransaction? transaction, EntityTable table, string key, string userId)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var ownerCheck = table.HasOwner ? $"{EntityTable.Quote(EntityTable.OwnerProperty)} = @u" : "1 = 1";
        command.CommandText = $"""
            SELECT CASE WHEN {ownerCheck} THEN 1
                        WHEN EXISTS (SELECT 1 FROM shares WHERE entity = @e AND key = @k AND user_id = @u AND active = 1) THEN 1
                        ELSE 0 END
            FROM {table.QuotedTable} WHERE {EntityTable.Quote(table.KeyColumn)} = @k
            """;
        command.AddParameter("@u", userId);
        command.AddParameter("@e", table.Name);
        command.AddParameter("@k", key);
        return command.ExecuteScalar() is { } visible and not System.DBNull && System.Convert.ToInt64(visible, System.Globalization.CultureInfo.InvariantCulture) == 1;
    }
}
