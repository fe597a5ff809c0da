using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SmartSync.Server.Storage.Providers;

namespace SmartSync.Server.Storage;

// Bulk writes for seeding and imports: one transaction, one prepared command per table.
internal sealed partial class CrmStore
{
    public async Task<ImportWriter> BeginImportAsync(CancellationToken cancellationToken) =>
        new(this, await _provider.BeginWriteAsync(1024, cancellationToken).ConfigureAwait(false));

    public async Task<bool> HasMarkerAsync(string marker, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        return await MetaStore.ReadAsync(connection, null, "import:" + marker, cancellationToken).ConfigureAwait(false) is not null;
    }

    /// <summary>Adds a blob (image, attachment, document) to a record; its owner follows the record's.</summary>
    public Task<bool> AddBlobAsync(int kind, string id, EntityTable table, string key, string fileName, string contentType, byte[] content, CancellationToken cancellationToken) =>
        WriteAsync(
            1,
            async (connection, transaction, versions, ct) => await ImportWriter.InsertBlobAsync(
                this, connection, transaction, versions, kind, id, table, key, fileName, contentType, content, ct).ConfigureAwait(false),
            cancellationToken);

    public Task<bool> AddMailAsync(string userId, string id, string subject, string from, string to, DateTimeOffset receivedAt, string body, CancellationToken cancellationToken) =>
        WriteAsync(
            1,
            async (connection, transaction, versions, ct) => await ImportWriter.InsertMailAsync(
                connection, transaction, await versions.NextAsync(ct).ConfigureAwait(false), userId, id, subject, from, to, receivedAt, body, ct).ConfigureAwait(false),
            cancellationToken);

    /// <summary>An open bulk write; <see cref="CompleteAsync"/> commits it, disposing without completing rolls it back.</summary>
    internal sealed class ImportWriter(CrmStore store, WriteSession session) : IAsyncDisposable
    {
        private readonly Dictionary<string, (DbCommand Command, DbParameter[] Values, DbParameter Version)> _rowCommands = new(StringComparer.Ordinal);

        public async Task AddUserAsync(string id, string name, CancellationToken cancellationToken)
        {
            using var command = Command("INSERT INTO sync_users (id, name) VALUES (@u, @n) ON CONFLICT (id) DO UPDATE SET name = excluded.name");
            command.AddParameter("@u", id);
            command.AddParameter("@n", name);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        public async Task AddRowAsync(EntityTable table, object?[] storedValues, CancellationToken cancellationToken)
        {
            if (!_rowCommands.TryGetValue(table.Name, out var prepared))
            {
                var command = Command(string.Empty);
                var values = new DbParameter[table.Columns.Length];
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = command.AddParameter("@p" + i.ToString(CultureInfo.InvariantCulture), null);
                }

                var version = command.AddParameter("@v", 0L);
                command.CommandText = $"INSERT INTO {table.QuotedTable} ({table.SelectList}, __version) VALUES ({string.Join(", ", values.Select(p => p.ParameterName))}, @v)";
                prepared = (command, values, version);
                _rowCommands[table.Name] = prepared;
            }

            for (var i = 0; i < prepared.Values.Length; i++)
            {
                prepared.Values[i].Value = storedValues[i] ?? DBNull.Value;
            }

            prepared.Version.Value = await session.Versions.NextAsync(cancellationToken).ConfigureAwait(false);
            await prepared.Command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        public async Task AddShareAsync(string entity, string key, string userId, CancellationToken cancellationToken)
        {
            using var command = Command("""
                INSERT INTO shares (entity, key, user_id, active, __version) VALUES (@e, @k, @u, 1, @v)
                ON CONFLICT (entity, key, user_id) DO UPDATE SET active = 1, __version = excluded.__version
                """);
            command.AddParameter("@e", entity);
            command.AddParameter("@k", key);
            command.AddParameter("@u", userId);
            command.AddParameter("@v", await session.Versions.NextAsync(cancellationToken).ConfigureAwait(false));
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        public Task<bool> AddBlobAsync(int kind, string id, EntityTable table, string key, string fileName, string contentType, byte[] content, CancellationToken cancellationToken) =>
            InsertBlobAsync(store, session.Connection, session.Transaction, session.Versions, kind, id, table, key, fileName, contentType, content, cancellationToken);

        public async Task AddMailAsync(string userId, string id, string subject, string from, string to, DateTimeOffset receivedAt, string body, CancellationToken cancellationToken) =>
            await InsertMailAsync(
                session.Connection, session.Transaction, await session.Versions.NextAsync(cancellationToken).ConfigureAwait(false), userId, id, subject, from, to, receivedAt, body, cancellationToken).ConfigureAwait(false);

        public async Task SetPermissionAsync(string userId, string entity, bool canRead, bool canCreate, bool canUpdate, bool canDelete, CancellationToken cancellationToken)
        {
            using var command = Command("""
                INSERT INTO permissions (user_id, entity, can_read, can_create, can_update, can_delete) VALUES (@u, @e, @r, @c, @w, @d)
                ON CONFLICT(user_id, entity) DO UPDATE SET can_read = @r, can_create = @c, can_update = @w, can_delete = @d
                """);
            command.AddParameter("@u", userId);
            command.AddParameter("@e", entity);
            command.AddParameter("@r", canRead ? 1L : 0L);
            command.AddParameter("@c", canCreate ? 1L : 0L);
            command.AddParameter("@w", canUpdate ? 1L : 0L);
            command.AddParameter("@d", canDelete ? 1L : 0L);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        public async Task CompleteAsync(string? marker, CancellationToken cancellationToken)
        {
            if (marker is not null)
            {
                await MetaStore.WriteAsync(session.Connection, session.Transaction, "import:" + marker, DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
            }

            await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var (command, _, _) in _rowCommands.Values)
            {
                await command.DisposeAsync().ConfigureAwait(false);
            }

            await session.DisposeAsync().ConfigureAwait(false);
        }

        private DbCommand Command(string sql)
        {
            var command = session.Connection.CreateCommand();
            command.Transaction = session.Transaction;
            command.CommandText = sql;
            return command;
        }

        internal static async Task<bool> InsertBlobAsync(
            CrmStore store, DbConnection connection, DbTransaction transaction, VersionSource versions, int kind, string id, EntityTable table, string key,
            string fileName, string contentType, byte[] content, CancellationToken cancellationToken)
        {
            var row = await store.ReadRowAsync(connection, transaction, table, key, cancellationToken).ConfigureAwait(false);
            if (row is null)
            {
                return false;
            }

            var version = await versions.NextAsync(cancellationToken).ConfigureAwait(false);

            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO blobs (id, kind, entity, key, owner, file_name, content_type, content, __version)
                VALUES (@id, @kind, @e, @k, @o, @f, @t, @c, @v)
                ON CONFLICT (id) DO UPDATE SET file_name = excluded.file_name, content_type = excluded.content_type, content = excluded.content, __version = excluded.__version
                """;
            command.AddParameter("@id", id);
            command.AddParameter("@kind", (long)kind);
            command.AddParameter("@e", table.Name);
            command.AddParameter("@k", key);
            command.AddParameter("@o", table.HasOwner ? row.Value.Row[table.OwnerIndex] : null);
            command.AddParameter("@f", fileName);
            command.AddParameter("@t", contentType);
            command.AddParameter("@c", content);
            command.AddParameter("@v", version);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }

        internal static async Task<bool> InsertMailAsync(
            DbConnection connection, DbTransaction transaction, long version, string userId, string id, string subject, string from, string to,
            DateTimeOffset receivedAt, string body, CancellationToken cancellationToken)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO mail (id, user_id, subject, sender, recipients, received_at, body, __version)
                VALUES (@id, @u, @s, @f, @t, @r, @b, @v)
                """;
            command.AddParameter("@id", id);
            command.AddParameter("@u", userId);
            command.AddParameter("@s", subject);
            command.AddParameter("@f", from);
            command.AddParameter("@t", to);
            command.AddParameter("@r", receivedAt.ToString("O", CultureInfo.InvariantCulture));
            command.AddParameter("@b", body);
            command.AddParameter("@v", version);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
    }
}
