using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using System.Data.Common;
using SmartSync.Server.Json;

namespace SmartSync.Server.Storage;

internal sealed partial class CrmStore
{
    /// <summary>A user's rights on one entity; entities without a row allow everything.</summary>
    internal static async Task<PermissionDto> ReadPermissionAsync(DbConnection connection, DbTransaction? transaction, string userId, string entity, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT can_read, can_create, can_update, can_delete FROM permissions WHERE user_id = @u AND entity = @e";
        command.AddParameter("@u", userId);
        command.AddParameter("@e", entity);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new PermissionDto(entity, reader.GetInt64(0) != 0, reader.GetInt64(1) != 0, reader.GetInt64(2) != 0, reader.GetInt64(3) != 0)
            : new PermissionDto(entity, true, true, true, true);
    }

    public async Task<PermissionDto> GetPermissionAsync(string userId, string entity, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ReadPermissionAsync(connection, null, userId, entity, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The user's stored rights on every entity of <paramref name="entities"/>: one connection, one query.</summary>
    internal async Task<List<PermissionDto>> GetPermissionsAsync(string userId, IEnumerable<string> entities, CancellationToken cancellationToken)
    {
        var stored = new Dictionary<string, PermissionDto>(StringComparer.Ordinal);
        await using (var connection = await OpenAsync(cancellationToken).ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT entity, can_read, can_create, can_update, can_delete FROM permissions WHERE user_id = @u";
            command.AddParameter("@u", userId);
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var entity = reader.GetString(0);
                stored[entity] = new PermissionDto(entity, reader.GetInt64(1) != 0, reader.GetInt64(2) != 0, reader.GetInt64(3) != 0, reader.GetInt64(4) != 0);
            }
        }

        return entities.Select(e => stored.TryGetValue(e, out var p) ? p : new PermissionDto(e, true, true, true, true)).ToList();
    }

    /// <summary>
    /// The user's rights on an entity as <paramref name="policy"/> decides them; the default policy's stored
    /// rights are read on the request's own connection (no second connection for it).
    /// </summary>
    internal async ValueTask<PermissionDto> GetPermissionAsync(
        DbConnection connection, Access.ISyncAccessPolicy policy, SyncUser user, string entity, CancellationToken cancellationToken) =>
        policy is Access.StoredPermissionPolicy
            ? await ReadPermissionAsync(connection, null, user.UserId, entity, cancellationToken).ConfigureAwait(false)
            : await policy.GetPermissionAsync(user, entity, cancellationToken).ConfigureAwait(false);

    public Task SetPermissionAsync(PermissionRequest request, CancellationToken cancellationToken) => WriteAsync(
        1,
        async (connection, transaction, versions, ct) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO permissions (user_id, entity, can_read, can_create, can_update, can_delete) VALUES (@u, @e, @r, @c, @w, @d)
                ON CONFLICT(user_id, entity) DO UPDATE SET can_read = @r, can_create = @c, can_update = @w, can_delete = @d
                """;
            command.AddParameter("@u", request.UserId);
            command.AddParameter("@e", request.Entity);
            command.AddParameter("@r", request.CanRead ? 1 : 0);
            command.AddParameter("@c", request.CanCreate ? 1 : 0);
            command.AddParameter("@w", request.CanUpdate ? 1 : 0);
            command.AddParameter("@d", request.CanDelete ? 1 : 0);
            var changed = await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);

            // A permission change may hide records: the user's visibility version moves (see VisibilityVersionAsync).
            var version = await versions.NextAsync(ct).ConfigureAwait(false);
            await MetaStore.WriteAsync(connection, transaction, "visibility:" + request.UserId, version.ToString(System.Globalization.CultureInfo.InvariantCulture), ct).ConfigureAwait(false);
            return changed;
        },
        cancellationToken);

    /// <summary>Shares a record with a user (or revokes the share); each change gets a version so shared deltas see it.</summary>
    public Task<bool> SetShareAsync(EntityTable table, string key, string userId, bool active, CancellationToken cancellationToken) => WriteAsync(
        1,
        async (connection, transaction, versions, ct) =>
        {
            if (await ReadRowAsync(connection, transaction, table, key, ct).ConfigureAwait(false) is null)
            {
                return false;
            }

            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO shares (entity, key, user_id, active, __version) VALUES (@e, @k, @u, @a, @v)
                ON CONFLICT(entity, key, user_id) DO UPDATE SET active = @a, __version = @v
                """;
            command.AddParameter("@e", table.Name);
            command.AddParameter("@k", key);
            command.AddParameter("@u", userId);
            command.AddParameter("@a", active ? 1 : 0);
            command.AddParameter("@v", await versions.NextAsync(ct).ConfigureAwait(false));
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return true;
        },
        cancellationToken);

    /// <summary>One page of the delete log the user may see (their records, records shared with them, organization-wide ones).</summary>
    public async Task<DeleteLogResponse> GetDeleteLogAsync(DbConnection connection, UserVisibility visible, long cursor, long upper, int pageSize, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        // A deletion is logged for its owner and sharees (NULL: organization-wide); a user also sees the deletions
        // logged for owners the policy lets them see. One deletion is one version: DISTINCT drops its other entries.
        command.CommandText = $"""
            SELECT DISTINCT __version, entity, key FROM deletelog
            WHERE __version > @c AND __version <= @upper AND (user_id IS NULL OR {visible.AnyEntityOwnerFilter("entity", "user_id", command)})
            ORDER BY __version LIMIT @n
            """;
        command.AddParameter("@u", visible.UserId);
        var (items, next, hasMore) = await ReadVersionPageAsync(command, cursor, upper, pageSize, reader => new DeletedRecordDto(reader.GetString(1), reader.GetString(2)), versionOrdinal: 0, cancellationToken).ConfigureAwait(false);
        return new DeleteLogResponse(items, next.ToString(System.Globalization.CultureInfo.InvariantCulture), hasMore);
    }

    /// <summary>One page of the keys the user may see (owned, organization-wide, shared) for the client's cleanup.</summary>
    public async Task<VisibleKeysResponse> GetVisibleKeysAsync(
        DbConnection connection, EntityTable table, UserVisibility visible, string? after, int pageSize, CancellationToken cancellationToken)
    {
        Counters.CountVisibleKeysPage();
        var userId = visible.UserId;
        using var command = connection.CreateCommand();
        var key = EntityTable.Quote(table.KeyColumn);
        var owners = UserVisibility.OwnerList(visible.For(table), command);
        var visibility = owners is null
            ? string.Empty
            : $"AND ({EntityTable.Quote(EntityTable.OwnerProperty)} IN {owners} OR EXISTS (SELECT 1 FROM shares s WHERE s.entity = @e AND s.key = t.{key} AND s.user_id = @u AND s.active = 1))";
        command.CommandText = $"SELECT {key} FROM {table.QuotedTable} t WHERE {key} > @after {visibility} ORDER BY {key} LIMIT @n";
        command.AddParameter("@after", after ?? string.Empty);
        command.AddParameter("@u", userId);
        command.AddParameter("@e", table.Name);
        command.AddParameter("@n", pageSize + 1);
        var keys = new List<string>();
        string? next = null;
        using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (keys.Count == pageSize)
                {
                    next = keys[^1];
                    break;
                }

                keys.Add(reader.GetString(0));
            }
        }

        long? count = null;
        if (after is null)
        {
            // The total lets a client whose row count already matches skip the key walk.
            using var total = connection.CreateCommand();
            foreach (DbParameter parameter in command.Parameters)
            {
                if (parameter.ParameterName.StartsWith("@vo", StringComparison.Ordinal))
                {
                    total.AddParameter(parameter.ParameterName, parameter.Value);
                }
            }

            total.CommandText = $"SELECT COUNT(*) FROM {table.QuotedTable} t WHERE 1 = 1 {visibility}";
            total.AddParameter("@u", userId);
            total.AddParameter("@e", table.Name);
            count = System.Convert.ToInt64(await total.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        }

        return new VisibleKeysResponse(keys, next, count);
    }

    // A blob is visible with its record: organization-wide, of an owner the user sees, or shared with them.
    private static string VisibleBlob(UserVisibility visible, DbCommand command) =>
        $"(b.owner IS NULL OR {visible.AnyEntityOwnerFilter("b.entity", "b.owner", command)} OR EXISTS (SELECT 1 FROM shares s WHERE s.entity = b.entity AND s.key = b.key AND s.user_id = @u AND s.active = 1))";

    /// <summary>
    /// One page of images, attachments or documents of records the user may see; without <paramref name="inlineContent"/>
    /// the page carries each blob's length only (its bytes are never loaded) and the client streams them one by one.
    /// </summary>
    public async Task<BlobPageResponse> GetBlobsAsync(
        DbConnection connection, int kind, UserVisibility visible, long cursor, long upper, int pageSize, bool inlineContent, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        // Streamed pages never name the content column, so its bytes are not loaded.
        var content = inlineContent ? "content" : "0";
        command.CommandText = $"""
            SELECT id, entity, key, file_name, content_type, {content}, length(content), __version FROM blobs b
            WHERE kind = @kind AND __version > @c AND __version <= @upper AND {VisibleBlob(visible, command)}
            ORDER BY __version LIMIT @n
            """;
        command.AddParameter("@kind", (long)kind);
        command.AddParameter("@u", visible.UserId);
        var (items, next, hasMore) = await ReadVersionPageAsync(
            command,
            cursor,
            upper,
            pageSize,
            reader => new BlobDto(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                inlineContent ? (byte[])reader.GetValue(5) : null, reader.GetInt64(6)),
            versionOrdinal: 7,
            cancellationToken).ConfigureAwait(false);
        return new BlobPageResponse(items, next.ToString(System.Globalization.CultureInfo.InvariantCulture), hasMore);
    }

    /// <summary>
    /// Streams one blob the user may see to <paramref name="write"/> (its length, then a stream over its bytes read
    /// straight from the database, never buffered whole); false when there is no such blob or the user may not see it.
    /// </summary>
    public async Task<bool> ReadBlobContentAsync(
        DbConnection connection, int kind, string id, UserVisibility visible, Func<long, System.IO.Stream, Task> write, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT length(content), content{_provider.BlobStreamingColumn} FROM blobs b WHERE kind = @kind AND id = @id AND {VisibleBlob(visible, command)}";
        command.AddParameter("@kind", (long)kind);
        command.AddParameter("@id", id);
        command.AddParameter("@u", visible.UserId);
        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        var length = reader.GetInt64(0);
        await using var content = reader.GetStream(1);
        await write(length, content).ConfigureAwait(false);
        return true;
    }

    /// <summary>One page of the user's mailbox.</summary>
    public async Task<MailPageResponse> GetMailAsync(DbConnection connection, string userId, long cursor, long upper, int pageSize, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT id, subject, sender, recipients, received_at, body, __version FROM mail
            WHERE user_id = @u AND __version > @c AND __version <= @upper ORDER BY __version LIMIT @n
            """;
        command.AddParameter("@u", userId);
        var (items, next, hasMore) = await ReadVersionPageAsync(
            command,
            cursor,
            upper,
            pageSize,
            reader => new MailDto(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                System.DateTimeOffset.Parse(reader.GetString(4), System.Globalization.CultureInfo.InvariantCulture), reader.GetString(5)),
            versionOrdinal: 6,
            cancellationToken).ConfigureAwait(false);
        return new MailPageResponse(items, next.ToString(System.Globalization.CultureInfo.InvariantCulture), hasMore);
    }

    /// <summary>
    /// Reads one page of a version-ordered query (it binds <c>@c</c>, <c>@upper</c> and <c>@n</c>). When the page is
    /// the last, the cursor moves to the snapshot taken before the query, never past an uncommitted change.
    /// </summary>
    private static async Task<(List<T> Items, long Next, bool HasMore)> ReadVersionPageAsync<T>(
        DbCommand command, long cursor, long upper, int pageSize, Func<DbDataReader, T> read, int versionOrdinal, CancellationToken cancellationToken)
    {
        command.AddParameter("@c", cursor);
        command.AddParameter("@upper", upper);
        command.AddParameter("@n", pageSize + 1);
        var items = new List<T>();
        var last = cursor;
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (items.Count == pageSize)
            {
                return (items, last, true);
            }

            items.Add(read(reader));
            last = reader.GetInt64(versionOrdinal);
        }

        return (items, upper, false);
    }
}
