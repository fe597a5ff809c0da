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
        DbConnection connection, Utf8JsonWriter writer, PipeWriter body, EntityTable table, UserVisibility visible, ChangeToken token, int pageSize,
        bool[]? selected, CancellationToken cancellationToken)
    {
        var removed = 0;
        if (token.Since > 0 && token.After == token.Since)
        {
            removed = await WriteRemovedEntriesAsync(writer, connection, table, visible, token, cancellationToken).ConfigureAwait(false);
        }

        using var command = connection.CreateCommand();
        var owner = EntityTable.Quote(EntityTable.OwnerProperty);
        // The owned list: rows of the owners the policy lets the user see (every row when it is organization-wide).
        var owners = UserVisibility.OwnerList(visible.For(table), command);
        if (token.Scope == TokenScope.Owned)
        {
            var visibility = owners is null ? string.Empty : $"AND {owner} IN {owners}";
            command.CommandText = $"""
                SELECT {table.SelectList}, __version FROM {table.QuotedTable}
                WHERE __version > @after AND __version <= @upper {visibility}
                ORDER BY __version LIMIT @n
                """;
        }
        else
        {
            var columns = string.Join(", ", System.Array.ConvertAll(table.Columns, c => "t." + EntityTable.Quote(c)));
            // Shared rows the owned list does not already bring.
            var notOwned = owners is null ? "AND 1 = 0" : $"AND (t.{owner} IS NULL OR t.{owner} NOT IN {owners})";
            command.CommandText = $"""
                SELECT {columns}, {_provider.Greatest("t.__version", "s.__version")} AS v FROM shares s
                JOIN {table.QuotedTable} t ON t.{EntityTable.Quote(table.KeyColumn)} = s.key
                WHERE s.entity = @e AND s.user_id = @u AND s.active = 1 {notOwned}
                  AND {_provider.Greatest("t.__version", "s.__version")} > @after AND {_provider.Greatest("t.__version", "s.__version")} <= @upper
                ORDER BY v LIMIT @n
                """;
            command.AddParameter("@e", table.Name);
        }

        command.AddParameter("@u", visible.UserId);
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

    private static async Task<int> WriteRemovedEntriesAsync(
        Utf8JsonWriter writer, DbConnection connection, EntityTable table, UserVisibility visible, ChangeToken token, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        if (token.Scope == TokenScope.Owned)
        {
            // Records reassigned away from an owner the user sees, to one they do not see (nothing leaves an
            // organization-wide list).
            if (UserVisibility.OwnerList(visible.For(table), command) is not { } owners)
            {
                return 0;
            }

            command.CommandText = $"""
                SELECT DISTINCT l.key FROM lost_visibility l
                WHERE l.user_id IN {owners} AND l.entity = @e AND l.__version > @since AND l.__version <= @upper
                  AND NOT EXISTS (SELECT 1 FROM {table.QuotedTable} t
                                  WHERE t.{EntityTable.Quote(table.KeyColumn)} = l.key AND t.{EntityTable.Quote(EntityTable.OwnerProperty)} IN {owners})
                """;
        }
        else
        {
            command.CommandText = "SELECT key FROM shares WHERE user_id = @u AND entity = @e AND active = 0 AND __version > @since AND __version <= @upper";
        }

        command.AddParameter("@u", visible.UserId);
        command.AddParameter("@e", table.Name);
        command.AddParameter("@since", token.Since);
        command.AddParameter("@upper", token.Upper);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var count = 0;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
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
    public async Task<bool> TryWriteRecordAsync(
        DbConnection connection, Utf8JsonWriter writer, EntityTable table, UserVisibility visible, string key, CancellationToken cancellationToken)
    {
        CountRowLookup();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {table.SelectList}, __version FROM {table.QuotedTable} t
            WHERE {EntityTable.Quote(table.KeyColumn)} = @k AND {VisibleRowCase(table, visible, command)} = 1
            """;
        command.AddParameter("@u", visible.UserId);
        command.AddParameter("@e", table.Name);
        command.AddParameter("@k", key);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        RecordJsonWriter.Write(writer, reader, table, null);
        return true;
    }

    /// <summary>
    /// SQL that is 1 when the user may see row <c>t</c> (bound: <c>@u</c>, <c>@e</c>; the key column is
    /// <c>t</c>'s): organization-wide, of an owner the policy lets them see, or actively shared; 0 otherwise.
    /// </summary>
    internal static string VisibleRowCase(EntityTable table, UserVisibility visible, DbCommand command)
    {
        if (UserVisibility.OwnerList(visible.For(table), command) is not { } owners)
        {
            return "1";
        }

        return $"""
            CASE WHEN t.{EntityTable.Quote(EntityTable.OwnerProperty)} IN {owners} THEN 1
                 WHEN EXISTS (SELECT 1 FROM shares s WHERE s.entity = @e AND s.key = t.{EntityTable.Quote(table.KeyColumn)} AND s.user_id = @u AND s.active = 1) THEN 1
                 ELSE 0 END
            """;
    }

    /// <summary>Whether the user may see the row: organization-wide, of an owner the policy lets them see, or actively shared.</summary>
    internal async Task<bool> IsVisibleAsync(
        DbConnection connection, DbTransaction? transaction, EntityTable table, string key, UserVisibility visible, CancellationToken cancellationToken)
    {
        CountRowLookup();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT {VisibleRowCase(table, visible, command)} FROM {table.QuotedTable} t WHERE t.{EntityTable.Quote(table.KeyColumn)} = @k";
        command.AddParameter("@u", visible.UserId);
        command.AddParameter("@e", table.Name);
        command.AddParameter("@k", key);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is { } answer and not System.DBNull
            && System.Convert.ToInt64(answer, System.Globalization.CultureInfo.InvariantCulture) == 1;
    }
}
