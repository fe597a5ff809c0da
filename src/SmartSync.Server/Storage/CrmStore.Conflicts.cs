using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using System.Data.Common;
using SmartSync.Server.Json;

namespace SmartSync.Server.Storage;

internal sealed partial class CrmStore
{
    // conflicts.status: 0 is open (the column's default), 1 is resolved.
    private const int ConflictResolved = 1;

    private static async Task RecordConflictAsync(
        DbConnection connection, DbTransaction transaction, VersionSource versions, EntityTable table, string userId, string deviceId, string key,
        Dictionary<int, object?> values, string serverEtag, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var pair in values.OrderBy(p => p.Key))
            {
                writer.WritePropertyName(table.Columns[pair.Key]);
                RecordJsonWriter.WriteStored(writer, pair.Value, table.Kinds[pair.Key]);
            }

            writer.WriteEndObject();
        }

        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        // A device retrying the same conflicting change keeps one open conflict, refreshed with its latest values.
        command.CommandText = """
            DELETE FROM conflicts WHERE entity = @e AND key = @k AND user_id = @u AND device_id = @device AND status = 0;
            INSERT INTO conflicts (entity, key, user_id, device_id, device_values, server_etag, __version) VALUES (@e, @k, @u, @device, @d, @s, @v);
            """;
        command.AddParameter("@e", table.Name);
        command.AddParameter("@k", key);
        command.AddParameter("@u", userId);
        command.AddParameter("@device", deviceId);
        command.AddParameter("@d", System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
        command.AddParameter("@s", serverEtag);
        command.AddParameter("@v", await versions.NextAsync(cancellationToken).ConfigureAwait(false));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every conflict, newest first (the admin dashboard).</summary>
    public async Task<IReadOnlyList<ConflictDto>> ListConflictsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, entity, key, user_id, status, choice, acknowledged, server_etag, device_values, device_id FROM conflicts ORDER BY id DESC";
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<ConflictDto>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            using var document = JsonDocument.Parse(reader.GetString(8));
            var values = document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), System.StringComparer.Ordinal);
            list.Add(new ConflictDto(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetInt64(4) == ConflictResolved ? "resolved" : "open",
                reader.IsDBNull(5) ? null : ChoiceName(reader.GetInt64(5)),
                reader.GetInt64(6) != 0,
                reader.GetString(7),
                values,
                reader.GetString(9)));
        }

        return list;
    }

    /// <summary>
    /// Resolves an open conflict on the dashboard: keep-server leaves the row as it is; keep-device applies the
    /// device's values. Either way the device later learns the outcome from its resolutions list.
    /// </summary>
    public Task<bool> ResolveConflictAsync(long id, bool keepDevice, CancellationToken cancellationToken) => WriteAsync(
        2,
        async (connection, transaction, versions, ct) =>
        {
            string entity, key, deviceValues;
            using (var find = connection.CreateCommand())
            {
                find.Transaction = transaction;
                find.CommandText = "SELECT entity, key, device_values FROM conflicts WHERE id = @id AND status = 0";
                find.AddParameter("@id", id);
                using var reader = await find.ExecuteReaderAsync(ct).ConfigureAwait(false);
                if (!await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    return false;
                }

                (entity, key, deviceValues) = (reader.GetString(0), reader.GetString(1), reader.GetString(2));
            }

            var table = FindByName(entity);
            if (keepDevice && table is not null)
            {
                using var document = JsonDocument.Parse(deviceValues);
                if (TryParseValues(table, document.RootElement, out var values, out _)
                    && await ReadRowAsync(connection, transaction, table, key, ct).ConfigureAwait(false) is not null)
                {
                    await AdminUpsertAsync(connection, transaction, versions, table, key, values, ct).ConfigureAwait(false);
                }
            }

            using var update = connection.CreateCommand();
            update.Transaction = transaction;
            update.CommandText = "UPDATE conflicts SET status = 1, choice = @c, __version = @v WHERE id = @id";
            update.AddParameter("@c", keepDevice ? 1 : 0);
            update.AddParameter("@v", await versions.NextAsync(ct).ConfigureAwait(false));
            update.AddParameter("@id", id);
            await update.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return true;
        },
        cancellationToken);

    /// <summary>
    /// Writes the user's resolved, unacknowledged conflicts, each with the record's current server values
    /// (what the device should now hold).
    /// </summary>
    public async Task WriteResolutionsAsync(Utf8JsonWriter writer, UserVisibility visible, string deviceId, CancellationToken cancellationToken)
    {
        var userId = visible.UserId;
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, entity, key, choice FROM conflicts WHERE user_id = @u AND device_id = @d AND status = 1 AND acknowledged = 0 ORDER BY id";
        command.AddParameter("@u", userId);
        command.AddParameter("@d", deviceId);
        // Read the list first: one open reader per connection on PostgreSQL.
        var resolutions = new List<(long Id, string Entity, string Key, long Choice)>();
        using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                resolutions.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3)));
            }
        }

        writer.WriteStartObject();
        writer.WriteStartArray("value");
        foreach (var (id, entity, key, choice) in resolutions)
        {
            writer.WriteStartObject();
            writer.WriteString("id", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            writer.WriteString("entity", entity);
            writer.WriteString("key", key);
            writer.WriteString("choice", ChoiceName(choice));
            writer.WritePropertyName("values");
            var table = FindByName(entity);
            if (table is not null && await IsVisibleAsync(connection, null, table, key, visible, cancellationToken).ConfigureAwait(false)
                && await ReadRowAsync(connection, null, table, key, cancellationToken).ConfigureAwait(false) is { } row)
            {
                writer.WriteStartObject();
                writer.WriteString("@odata.etag", RecordJsonWriter.ETag(row.Version));
                for (var i = 0; i < table.Columns.Length; i++)
                {
                    writer.WritePropertyName(table.Columns[i]);
                    RecordJsonWriter.WriteStored(writer, row.Row[i] is double or long or string ? row.Row[i] : row.Row[i]?.ToString(), table.Kinds[i]);
                }

                writer.WriteEndObject();
            }
            else
            {
                writer.WriteNullValue();
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Marks a resolution applied by the user's device; false when it is not theirs or does not exist.</summary>
    public Task<bool> AcknowledgeResolutionAsync(string userId, string deviceId, long id, CancellationToken cancellationToken) => WriteAsync(
        0,
        async (connection, transaction, _, ct) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "UPDATE conflicts SET acknowledged = 1 WHERE id = @id AND user_id = @u AND device_id = @d AND status = 1";
            command.AddParameter("@id", id);
            command.AddParameter("@u", userId);
            command.AddParameter("@d", deviceId);
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false) > 0;
        },
        cancellationToken);

    private static string ChoiceName(long choice) => choice == 1 ? "KeepDevice" : "KeepServer";
}
