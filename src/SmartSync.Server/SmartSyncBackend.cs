using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using SmartSync.Definitions.DataModel;
using SmartSync.Server.Hosting;
using SmartSync.Server.Json;
using SmartSync.Server.Storage;

namespace SmartSync.Server;

/// <summary>
/// The server-side API for the backend's own code: every change made here gets a change version, so it reaches
/// the devices on their next sync like a change uploaded by another device. Resolve it from DI.
/// </summary>
public sealed class SmartSyncBackend
{
    private readonly StoreHolder _stores;

    internal SmartSyncBackend(StoreHolder stores) => _stores = stores;

    private Task<CrmStore> StoreAsync(CancellationToken cancellationToken) => _stores.GetAsync(cancellationToken);

    /// <summary>The data model the server serves.</summary>
    public async Task<EntityDataModel> GetModelAsync(CancellationToken cancellationToken = default) => (await StoreAsync(cancellationToken).ConfigureAwait(false)).Model;

    /// <summary>What the endpoints sent so far (records per entity; requests when the host counts them).</summary>
    public async Task<RequestCounters> GetCountersAsync(CancellationToken cancellationToken = default) => (await StoreAsync(cancellationToken).ConfigureAwait(false)).Counters;

    public async Task<string> GetCustomizationVersionAsync(CancellationToken cancellationToken = default) =>
        await (await StoreAsync(cancellationToken).ConfigureAwait(false)).CustomizationVersionAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Creates or updates a record as is (owner included; no permission or ETag check).
    /// Values are CLR values (string, long, int, bool, double, decimal, Guid, DateTimeOffset) or JSON elements.
    /// </summary>
    /// <returns>The record's new ETag.</returns>
    public async Task<string> UpsertAsync(string entity, string key, IReadOnlyDictionary<string, object?> values, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var store = await StoreAsync(cancellationToken).ConfigureAwait(false);
        var table = Table(store, entity);
        var parsed = new Dictionary<int, object?>();
        foreach (var (name, value) in values)
        {
            if (!table.TryGetIndex(name, out var index))
            {
                throw new ArgumentException($"'{name}' is not an attribute of '{table.Name}'.", nameof(values));
            }

            if (!ClrValueConverter.TryConvert(value, table.Kinds[index], out var stored, out var error))
            {
                throw new ArgumentException($"'{name}': {error}", nameof(values));
            }

            parsed[index] = stored;
        }

        var result = await store.AdminUpsertAsync(table, Normalize(table, key), parsed, cancellationToken).ConfigureAwait(false);
        return result.ETag!;
    }

    /// <summary>Deletes a record (logged for its owner and everyone it was shared with); false when there was none.</summary>
    public async Task<bool> DeleteAsync(string entity, string key, CancellationToken cancellationToken = default)
    {
        var store = await StoreAsync(cancellationToken).ConfigureAwait(false);
        var table = Table(store, entity);
        return await store.AdminDeleteAsync(table, Normalize(table, key), cancellationToken).ConfigureAwait(false);
    }

    public Task<bool> ShareAsync(string entity, string key, string userId, CancellationToken cancellationToken = default) =>
        SetShareAsync(entity, key, userId, active: true, cancellationToken);

    public Task<bool> UnshareAsync(string entity, string key, string userId, CancellationToken cancellationToken = default) =>
        SetShareAsync(entity, key, userId, active: false, cancellationToken);

    private async Task<bool> SetShareAsync(string entity, string key, string userId, bool active, CancellationToken cancellationToken)
    {
        var store = await StoreAsync(cancellationToken).ConfigureAwait(false);
        var table = Table(store, entity);
        return await store.SetShareAsync(table, Normalize(table, key), userId, active, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The conflict dashboard: every conflict, newest first.</summary>
    public async Task<IReadOnlyList<ConflictDto>> ListConflictsAsync(CancellationToken cancellationToken = default) =>
        await (await StoreAsync(cancellationToken).ConfigureAwait(false)).ListConflictsAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Resolves an open conflict (keep the server's row, or apply the device's values); the device learns the outcome.</summary>
    public async Task<bool> ResolveConflictAsync(long id, bool keepDevice, CancellationToken cancellationToken = default) =>
        await (await StoreAsync(cancellationToken).ConfigureAwait(false)).ResolveConflictAsync(id, keepDevice, cancellationToken).ConfigureAwait(false);

    /// <summary>Demands a full sync of every device of the user, or of one device; each device clears only its own demand.</summary>
    public async Task<bool> RequireFullSyncAsync(string userId, string? deviceId = null, CancellationToken cancellationToken = default) =>
        await (await StoreAsync(cancellationToken).ConfigureAwait(false)).RequireFullSyncAsync(userId, deviceId, cancellationToken).ConfigureAwait(false);

    /// <summary>Expires every outstanding delta and paging token (next use: 410, the client downloads in full).</summary>
    public async Task ExpireTokensAsync(CancellationToken cancellationToken = default) =>
        await (await StoreAsync(cancellationToken).ConfigureAwait(false)).ExpireTokensAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Moves the customization version, as a data model change would.</summary>
    public async Task<string> BumpCustomizationAsync(CancellationToken cancellationToken = default) =>
        await (await StoreAsync(cancellationToken).ConfigureAwait(false)).BumpCustomizationAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Stores a per-entity restriction the default access policy applies.</summary>
    public async Task SetPermissionAsync(string userId, string entity, bool canRead, bool canCreate, bool canUpdate, bool canDelete, CancellationToken cancellationToken = default) =>
        await (await StoreAsync(cancellationToken).ConfigureAwait(false)).SetPermissionAsync(new PermissionRequest(userId, entity, canRead, canCreate, canUpdate, canDelete), cancellationToken).ConfigureAwait(false);

    /// <summary>Adds (or renames) a user; users are also recorded on their first request.</summary>
    public async Task AddUserAsync(string userId, string name, CancellationToken cancellationToken = default) =>
        await (await StoreAsync(cancellationToken).ConfigureAwait(false)).AddUserAsync(userId, name, cancellationToken).ConfigureAwait(false);

    public async Task<IReadOnlyList<(string Id, string Name)>> ListUsersAsync(CancellationToken cancellationToken = default) =>
        await (await StoreAsync(cancellationToken).ConfigureAwait(false)).ListUsersAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Attaches a blob to a record (its visibility follows the record's); false when the record does not exist.</summary>
    public async Task<bool> AddBlobAsync(SyncBlobKind kind, string id, string entity, string key, string fileName, string contentType, byte[] content, CancellationToken cancellationToken = default)
    {
        var store = await StoreAsync(cancellationToken).ConfigureAwait(false);
        var table = Table(store, entity);
        return await store.AddBlobAsync((int)kind, id, table, Normalize(table, key), fileName, contentType, content, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Delivers a mail to a user's mailbox feed.</summary>
    public async Task AddMailAsync(string userId, string id, string subject, string from, string to, DateTimeOffset receivedAt, string body, CancellationToken cancellationToken = default) =>
        await (await StoreAsync(cancellationToken).ConfigureAwait(false)).AddMailAsync(userId, id, subject, from, to, receivedAt, body, cancellationToken).ConfigureAwait(false);

    /// <summary>Whether an import completed with this marker (seed once).</summary>
    public async Task<bool> HasImportAsync(string marker, CancellationToken cancellationToken = default) =>
        await (await StoreAsync(cancellationToken).ConfigureAwait(false)).HasMarkerAsync(marker, cancellationToken).ConfigureAwait(false);

    /// <summary>Starts a bulk import: one transaction, commit with <see cref="SmartSyncImport.CompleteAsync"/>.</summary>
    public async Task<SmartSyncImport> BeginImportAsync(CancellationToken cancellationToken = default)
    {
        var store = await StoreAsync(cancellationToken).ConfigureAwait(false);
        return new SmartSyncImport(store, await store.BeginImportAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The keys of an entity's records, owned by <paramref name="ownerId"/> when given, oldest change first.</summary>
    public async Task<IReadOnlyList<string>> ListKeysAsync(string entity, string? ownerId, int max = 1000, CancellationToken cancellationToken = default)
    {
        var store = await StoreAsync(cancellationToken).ConfigureAwait(false);
        return await store.ListKeysAsync(Table(store, entity), ownerId, max, cancellationToken).ConfigureAwait(false);
    }

    public async Task<long> CountAsync(string entity, CancellationToken cancellationToken = default)
    {
        var store = await StoreAsync(cancellationToken).ConfigureAwait(false);
        return await store.CountAsync(Table(store, entity), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A record's values by attribute name (with <c>@odata.etag</c>), or null.</summary>
    public async Task<IReadOnlyDictionary<string, object?>?> FindAsync(string entity, string key, CancellationToken cancellationToken = default)
    {
        var store = await StoreAsync(cancellationToken).ConfigureAwait(false);
        var table = Table(store, entity);
        return await store.FindAsync(table, Normalize(table, key), cancellationToken).ConfigureAwait(false);
    }

    private static EntityTable Table(CrmStore store, string entity) =>
        store.FindByName(entity) ?? store.FindBySet(entity) ?? throw new ArgumentException($"Unknown entity '{entity}'.", nameof(entity));

    private static string Normalize(EntityTable table, string key) =>
        ValueConverter.TryNormalizeKey(key, table.Kinds[table.KeyIndex], out var normalized)
            ? normalized
            : throw new ArgumentException($"'{key}' is not a valid key of '{table.Name}'.", nameof(key));
}
