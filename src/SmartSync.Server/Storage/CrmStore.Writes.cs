using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using System.Data.Common;
using SmartSync.Server.Json;

namespace SmartSync.Server.Storage;

internal sealed partial class CrmStore
{
    /// <summary>Reads an uploaded JSON object into column values; annotations (names with '@') are ignored.</summary>
    public static bool TryParseValues(EntityTable table, JsonElement body, out Dictionary<int, object?> values, out string? error)
    {
        values = new Dictionary<int, object?>();
        error = null;
        if (body.ValueKind != JsonValueKind.Object)
        {
            error = "the body must be a JSON object";
            return false;
        }

        foreach (var property in body.EnumerateObject())
        {
            if (property.Name.Contains('@', StringComparison.Ordinal))
            {
                continue;
            }

            if (!table.TryGetIndex(property.Name, out var index))
            {
                error = $"'{property.Name}' is not an attribute of '{table.Name}'";
                return false;
            }

            if (!ValueConverter.TryConvert(property.Value, table.Kinds[index], out var stored, out var conversionError))
            {
                error = $"'{property.Name}': {conversionError}";
                return false;
            }

            values[index] = stored;
        }

        return true;
    }

    /// <summary>
    /// Creates or updates a record for a user (<c>PATCH /odata/{set}({key})</c>). Idempotent: values equal to the
    /// row's change nothing, and a retried change whose If-Match is stale but whose values are already applied is
    /// a success, not a conflict.
    /// </summary>
    public Task<WriteResult> UpsertAsync(
        EntityTable table, UserVisibility visible, string deviceId, PermissionDto? permission, string key, Dictionary<int, object?> values, string? ifMatch,
        CancellationToken cancellationToken) =>
        WriteAsync(1, (connection, transaction, versions, ct) => UpsertAsync(connection, transaction, versions, table, visible, deviceId, permission, key, new Dictionary<int, object?>(values), ifMatch, ct), cancellationToken);

    private async Task<WriteResult> UpsertAsync(
        DbConnection connection, DbTransaction transaction, VersionSource versions, EntityTable table, UserVisibility visible, string deviceId,
        PermissionDto? permission, string key, Dictionary<int, object?> values, string? ifMatch, CancellationToken cancellationToken)
    {
        var userId = visible.UserId;
        // No permission given: the stored one (the default policy), read on this transaction's connection.
        permission ??= await ReadPermissionAsync(connection, transaction, userId, table.Name, cancellationToken).ConfigureAwait(false);
        if (values.TryGetValue(table.KeyIndex, out var bodyKey) && !ValueConverter.SameValue(bodyKey, key, table.Kinds[table.KeyIndex]))
        {
            return new WriteResult(WriteStatus.Invalid, null, "the body's key differs from the URL's key");
        }

        values[table.KeyIndex] = key;
        var current = await ReadVisibleRowAsync(connection, transaction, table, key, visible, cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            if (ifMatch is not null && ifMatch != "*")
            {
                return new WriteResult(WriteStatus.NotFound, null, "the record no longer exists");
            }

            if (!permission.CanCreate)
            {
                return new WriteResult(WriteStatus.Forbidden, null, $"the user may not create '{table.Name}' records");
            }

            if (table.HasOwner)
            {
                if (values.TryGetValue(table.OwnerIndex, out var owner) && owner is not null && (string)owner != userId)
                {
                    return new WriteResult(WriteStatus.Forbidden, null, "a record can only be created for its own user");
                }

                values[table.OwnerIndex] = userId;
            }

            var version = await versions.NextAsync(cancellationToken).ConfigureAwait(false);
            await InsertAsync(connection, transaction, table, values, version, cancellationToken).ConfigureAwait(false);
            var inserted = new object?[table.Columns.Length];
            foreach (var (index, value) in values)
            {
                inserted[index] = value;
            }

            return new WriteResult(WriteStatus.Created, RecordJsonWriter.ETag(version), Row: inserted, Version: version);
        }

        var (row, rowVersion, visibleRow) = current.Value;
        if (!visibleRow)
        {
            // Same answer as for a key that does not exist: nothing about other users' records leaks.
            return new WriteResult(WriteStatus.NotFound, null, "no such record");
        }

        if (!permission.CanUpdate)
        {
            return new WriteResult(WriteStatus.Forbidden, null, $"the user may not update '{table.Name}' records");
        }

        // Every owned record has an owner: a null owner in an update means "not stated" (a device that never
        // learned the owner the server assigned), never "nobody", which would hide the record from everyone.
        if (table.HasOwner && values.TryGetValue(table.OwnerIndex, out var statedOwner) && statedOwner is null)
        {
            values.Remove(table.OwnerIndex);
        }

        var etag = RecordJsonWriter.ETag(rowVersion);
        var unchanged = values.All(pair => ValueConverter.SameValue(row[pair.Key], pair.Value, table.Kinds[pair.Key]));
        if (unchanged)
        {
            return new WriteResult(WriteStatus.Applied, etag, Row: row, Version: rowVersion);
        }

        if (ifMatch is not null && ifMatch != "*" && ifMatch != etag)
        {
            await RecordConflictAsync(connection, transaction, versions, table, userId, deviceId, key, values, etag, cancellationToken).ConfigureAwait(false);
            return new WriteResult(WriteStatus.Conflict, etag, "the record changed on the server since the device's version", row, rowVersion);
        }

        if (table.HasOwner && values.TryGetValue(table.OwnerIndex, out var newOwner)
            && !ValueConverter.SameValue(row[table.OwnerIndex], newOwner, table.Kinds[table.OwnerIndex])
            && !Equals(row[table.OwnerIndex], userId))
        {
            return new WriteResult(WriteStatus.Forbidden, null, "only the owner may reassign a record");
        }

        var next = await versions.NextAsync(cancellationToken).ConfigureAwait(false);
        await UpdateAsync(connection, transaction, table, key, row, values, next, cancellationToken).ConfigureAwait(false);
        var updated = (object?[])row.Clone();
        foreach (var (index, value) in values)
        {
            updated[index] = value;
        }

        return new WriteResult(WriteStatus.Applied, RecordJsonWriter.ETag(next), Row: updated, Version: next);
    }

    /// <summary>
    /// Deletes a record for a user. Idempotent: deleting a record that is gone (or that the user cannot see)
    /// succeeds without effect. With an If-Match that is not the row's ETag the delete is refused as a conflict:
    /// a device never silently wipes a change it has not seen.
    /// </summary>
    public Task<WriteResult> DeleteAsync(EntityTable table, UserVisibility visible, PermissionDto? permission, string key, string? ifMatch, CancellationToken cancellationToken) => WriteAsync(
        1,
        async (connection, transaction, versions, ct) =>
        {
            var userId = visible.UserId;
            var current = await ReadVisibleRowAsync(connection, transaction, table, key, visible, ct).ConfigureAwait(false);
            if (current is not { Visible: true })
            {
                return new WriteResult(WriteStatus.Applied, null);
            }

            permission ??= await ReadPermissionAsync(connection, transaction, userId, table.Name, ct).ConfigureAwait(false);
            if (!permission.CanDelete || (table.HasOwner && !Equals(current.Value.Row[table.OwnerIndex], userId)))
            {
                return new WriteResult(WriteStatus.Forbidden, null, $"the user may not delete this '{table.Name}' record");
            }

            var etag = RecordJsonWriter.ETag(current.Value.Version);
            if (ifMatch is not null && ifMatch != "*" && ifMatch != etag)
            {
                return new WriteResult(WriteStatus.Conflict, etag, "the record changed on the server since the device's version", current.Value.Row, current.Value.Version);
            }

            await DeleteRowAsync(connection, transaction, versions, table, key, current.Value.Row, ct).ConfigureAwait(false);
            return new WriteResult(WriteStatus.Applied, null);
        },
        cancellationToken);

    /// <summary>An administrator's edit: creates or updates a row as is (owner included), no permission or ETag check.</summary>
    public Task<WriteResult> AdminUpsertAsync(EntityTable table, string key, Dictionary<int, object?> values, CancellationToken cancellationToken) =>
        WriteAsync(1, (connection, transaction, versions, ct) => AdminUpsertAsync(connection, transaction, versions, table, key, new Dictionary<int, object?>(values), ct), cancellationToken);

    private async Task<WriteResult> AdminUpsertAsync(
        DbConnection connection, DbTransaction transaction, VersionSource versions, EntityTable table, string key, Dictionary<int, object?> values, CancellationToken cancellationToken)
    {
        values[table.KeyIndex] = key;
        var version = await versions.NextAsync(cancellationToken).ConfigureAwait(false);
        var current = await ReadRowAsync(connection, transaction, table, key, cancellationToken).ConfigureAwait(false);
        if (current is null)
        {
            await InsertAsync(connection, transaction, table, values, version, cancellationToken).ConfigureAwait(false);
            return new WriteResult(WriteStatus.Created, RecordJsonWriter.ETag(version));
        }

        await UpdateAsync(connection, transaction, table, key, current.Value.Row, values, version, cancellationToken).ConfigureAwait(false);
        return new WriteResult(WriteStatus.Applied, RecordJsonWriter.ETag(version));
    }

    /// <summary>An administrator's delete: logged for the owner and every user the record was shared with.</summary>
    public Task<bool> AdminDeleteAsync(EntityTable table, string key, CancellationToken cancellationToken) => WriteAsync(
        1,
        async (connection, transaction, versions, ct) =>
        {
            var current = await ReadRowAsync(connection, transaction, table, key, ct).ConfigureAwait(false);
            if (current is null)
            {
                return false;
            }

            await DeleteRowAsync(connection, transaction, versions, table, key, current.Value.Row, ct).ConfigureAwait(false);
            return true;
        },
        cancellationToken);

    /// <summary>
    /// Reads a row and whether the user may see it, in one statement; inside a write transaction the row stays
    /// locked until commit (another node waits).
    /// </summary>
    private async Task<(object?[] Row, long Version, bool Visible)?> ReadVisibleRowAsync(
        DbConnection connection, DbTransaction transaction, EntityTable table, string key, UserVisibility visible, CancellationToken cancellationToken)
    {
        CountRowLookup();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"""
            SELECT {table.SelectList}, __version, {VisibleRowCase(table, visible, command)}
            FROM {table.QuotedTable} t WHERE {EntityTable.Quote(table.KeyColumn)} = @k{_provider.LockForUpdate}
            """;
        command.AddParameter("@u", visible.UserId);
        command.AddParameter("@e", table.Name);
        command.AddParameter("@k", key);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var row = ColumnValues(reader, table);
        return (row, reader.GetInt64(table.Columns.Length), reader.GetInt64(table.Columns.Length + 1) == 1);
    }

    /// <summary>Reads a row; inside a write transaction the row stays locked until commit (another node waits).</summary>
    internal async Task<(object?[] Row, long Version)?> ReadRowAsync(DbConnection connection, DbTransaction? transaction, EntityTable table, string key, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        CountRowLookup();
        var lockRow = transaction is null ? string.Empty : _provider.LockForUpdate;
        command.CommandText = $"SELECT {table.SelectList}, __version FROM {table.QuotedTable} WHERE {EntityTable.Quote(table.KeyColumn)} = @k{lockRow}";
        command.AddParameter("@k", key);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var row = ColumnValues(reader, table);
        return (row, reader.GetInt64(table.Columns.Length));
    }

    /// <summary>The table's columns of the reader's current row, in column order (the reader starts with them).</summary>
    private static object?[] ColumnValues(DbDataReader reader, EntityTable table)
    {
        var row = new object?[table.Columns.Length];
        for (var i = 0; i < row.Length; i++)
        {
            row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
        }

        return row;
    }

    private static async Task InsertAsync(DbConnection connection, DbTransaction transaction, EntityTable table, Dictionary<int, object?> values, long version, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var indexes = values.Keys.OrderBy(i => i).ToArray();
        var columns = string.Join(", ", indexes.Select(i => EntityTable.Quote(table.Columns[i])));
        var parameters = string.Join(", ", indexes.Select(i => "@p" + i));
        command.CommandText = $"INSERT INTO {table.QuotedTable} ({columns}, __version) VALUES ({parameters}, @v)";
        foreach (var index in indexes)
        {
            command.AddParameter("@p" + index, values[index] ?? DBNull.Value);
        }

        command.AddParameter("@v", version);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task UpdateAsync(
        DbConnection connection, DbTransaction transaction, EntityTable table, string key, object?[] row, Dictionary<int, object?> values, long version, CancellationToken cancellationToken)
    {
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            var indexes = values.Keys.Where(i => i != table.KeyIndex).OrderBy(i => i).ToArray();
            var assignments = string.Join(string.Empty, indexes.Select(i => EntityTable.Quote(table.Columns[i]) + " = @p" + i + ", "));
            command.CommandText = $"UPDATE {table.QuotedTable} SET {assignments}__version = @v WHERE {EntityTable.Quote(table.KeyColumn)} = @k";
            foreach (var index in indexes)
            {
                command.AddParameter("@p" + index, values[index] ?? DBNull.Value);
            }

            command.AddParameter("@v", version);
            command.AddParameter("@k", key);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        if (table.HasOwner && values.TryGetValue(table.OwnerIndex, out var owner) && row[table.OwnerIndex] is string previous
            && !Equals(previous, owner))
        {
            // The previous owner no longer sees the record: their next delta carries an @removed entry.
            using var lost = connection.CreateCommand();
            lost.Transaction = transaction;
            lost.CommandText = """
                INSERT INTO lost_visibility (entity, key, user_id, __version) VALUES (@e, @k, @u, @v);
                UPDATE blobs SET owner = @o, __version = @v WHERE entity = @e AND key = @k;
                """;
            lost.AddParameter("@e", table.Name);
            lost.AddParameter("@k", key);
            lost.AddParameter("@u", previous);
            lost.AddParameter("@o", owner ?? DBNull.Value);
            lost.AddParameter("@v", version);
            await lost.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task DeleteRowAsync(
        DbConnection connection, DbTransaction transaction, VersionSource versions, EntityTable table, string key, object?[] row, CancellationToken cancellationToken)
    {
        var version = await versions.NextAsync(cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"""
            INSERT INTO deletelog (__version, entity, key, user_id) VALUES (@v, @e, @k, @owner);
            INSERT INTO deletelog (__version, entity, key, user_id) SELECT @v, @e, @k, user_id FROM shares WHERE entity = @e AND key = @k AND active = 1;
            DELETE FROM shares WHERE entity = @e AND key = @k;
            DELETE FROM blobs WHERE entity = @e AND key = @k;
            DELETE FROM {table.QuotedTable} WHERE {EntityTable.Quote(table.KeyColumn)} = @k;
            """;
        command.AddParameter("@v", version);
        command.AddParameter("@e", table.Name);
        command.AddParameter("@k", key);
        // Organization-wide records (no owner) are logged for everyone (user_id NULL).
        command.AddParameter("@owner", table.HasOwner ? row[table.OwnerIndex] ?? DBNull.Value : DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
