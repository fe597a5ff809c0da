using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using SmartSync.Server.Storage;

namespace SmartSync.Server;

/// <summary>
/// A bulk import (seeding, migrations): one transaction, prepared commands, a change version per row.
/// Dispose without <see cref="CompleteAsync"/> to roll everything back. On PostgreSQL other writers wait
/// while an import is open (it holds the version counter).
/// </summary>
public sealed class SmartSyncImport : IAsyncDisposable
{
    private readonly CrmStore _store;
    private readonly CrmStore.ImportWriter _writer;

    internal SmartSyncImport(CrmStore store, CrmStore.ImportWriter writer)
    {
        _store = store;
        _writer = writer;
    }

    public Task AddUserAsync(string userId, string name, CancellationToken cancellationToken = default) => _writer.AddUserAsync(userId, name, cancellationToken);

    /// <summary>The attribute names of an entity in the order <see cref="AddRowAsync"/> expects.</summary>
    public IReadOnlyList<string> Columns(string entity) => Table(entity).Columns;

    /// <summary>Adds a record; <paramref name="values"/> in <see cref="Columns"/> order, as CLR values.</summary>
    public Task AddRowAsync(string entity, object?[] values, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var table = Table(entity);
        if (values.Length != table.Columns.Length)
        {
            throw new ArgumentException($"'{entity}' has {table.Columns.Length} attributes; {values.Length} values were given.", nameof(values));
        }

        var stored = new object?[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            if (!ClrValueConverter.TryConvert(values[i], table.Kinds[i], out stored[i], out var error))
            {
                throw new ArgumentException($"'{table.Columns[i]}': {error}", nameof(values));
            }
        }

        if (stored[table.KeyIndex] is not string key || !ValueConverter.TryNormalizeKey(key, table.Kinds[table.KeyIndex], out var normalized))
        {
            throw new ArgumentException($"The key of a '{entity}' row is missing or invalid.", nameof(values));
        }

        stored[table.KeyIndex] = normalized;
        return _writer.AddRowAsync(table, stored, cancellationToken);
    }

    public Task AddShareAsync(string entity, string key, string userId, CancellationToken cancellationToken = default) =>
        _writer.AddShareAsync(Table(entity).Name, key, userId, cancellationToken);

    /// <summary>Attaches a blob to a record added before; false when there is no such record.</summary>
    public Task<bool> AddBlobAsync(SyncBlobKind kind, string id, string entity, string key, string fileName, string contentType, byte[] content, CancellationToken cancellationToken = default) =>
        _writer.AddBlobAsync((int)kind, id, Table(entity), key, fileName, contentType, content, cancellationToken);

    public Task AddMailAsync(string userId, string id, string subject, string from, string to, DateTimeOffset receivedAt, string body, CancellationToken cancellationToken = default) =>
        _writer.AddMailAsync(userId, id, subject, from, to, receivedAt, body, cancellationToken);

    public Task SetPermissionAsync(string userId, string entity, bool canRead, bool canCreate, bool canUpdate, bool canDelete, CancellationToken cancellationToken = default) =>
        _writer.SetPermissionAsync(userId, entity, canRead, canCreate, canUpdate, canDelete, cancellationToken);

    /// <summary>Commits the import; <paramref name="marker"/> records it (see <see cref="SmartSyncBackend.HasImportAsync"/>).</summary>
    public Task CompleteAsync(string? marker = null, CancellationToken cancellationToken = default) => _writer.CompleteAsync(marker, cancellationToken);

    public ValueTask DisposeAsync() => _writer.DisposeAsync();

    private EntityTable Table(string entity) =>
        _store.FindByName(entity) ?? _store.FindBySet(entity) ?? throw new ArgumentException($"Unknown entity '{entity}'.", nameof(entity));
}
