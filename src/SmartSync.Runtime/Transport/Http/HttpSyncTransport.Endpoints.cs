using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SmartSync.Definitions.DataModel;

namespace SmartSync.Transport.Http;

// The small, non-OData endpoints: WhoAmI, metadata, permissions, logs with their own cursors, blobs, mail,
// visible keys and remote conflict resolutions.
public sealed partial class HttpSyncTransport
{
    private const string WhoAmIScope = "$whoami";
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, EntityPropertyMap> _knownEntities = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public async Task<ServerSession> WhoAmIAsync(CancellationToken cancellationToken)
    {
        var wire = await GetJsonAsync("api/whoami", WhoAmIScope, TransportJsonContext.Default.WhoAmIWire, cancellationToken).ConfigureAwait(false);
        return new ServerSession(
            Require(wire.UserId, WhoAmIScope, "userId"),
            Require(wire.UserName, WhoAmIScope, "userName"),
            wire.OrganizationName ?? string.Empty,
            wire.ServerVersion ?? string.Empty,
            Require(wire.CustomizationVersion, WhoAmIScope, "customizationVersion"),
            wire.FullSyncRequired,
            wire.MinimumClientVersion)
        {
            VisibilityVersion = wire.VisibilityVersion,
        };
    }

    /// <inheritdoc />
    public async Task<string> GetMetadataAsync(CancellationToken cancellationToken)
    {
        using var response = await SendAsync(
            HttpMethod.Get, new Uri(_base, "odata/$metadata"), "$metadata",
            message => message.Headers.Accept.ParseAdd("application/xml"), null, cancellationToken).ConfigureAwait(false);
        var bytes = await ReadBoundedAsync(response, _options.MaxDocumentBytes, "$metadata", cancellationToken).ConfigureAwait(false);
        return System.Text.Encoding.UTF8.GetString(bytes);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<EntityPermission>> GetPermissionsAsync(CancellationToken cancellationToken)
    {
        const string scope = "$permissions";
        var wire = await GetJsonAsync("api/permissions", scope, TransportJsonContext.Default.PermissionsWire, cancellationToken).ConfigureAwait(false);
        var list = new List<EntityPermission>();
        foreach (var item in wire.Value ?? [])
        {
            list.Add(new EntityPermission(Require(item?.Entity, scope, "entity"), item!.CanRead, item.CanCreate, item.CanUpdate, item.CanDelete));
        }

        return list;
    }

    /// <inheritdoc />
    public async Task<DeleteLogPage> GetDeleteLogAsync(string? cursor, int pageSize, CancellationToken cancellationToken)
    {
        const string scope = "$deletelog";
        var wire = await GetJsonAsync(PagedPath("api/deletelog", cursor, pageSize), scope, TransportJsonContext.Default.DeleteLogWire, cancellationToken).ConfigureAwait(false);
        var items = new List<DeletedRecord>();
        foreach (var item in wire.Value ?? [])
        {
            items.Add(new DeletedRecord(Require(item?.Entity, scope, "entity"), Require(item!.Key, scope, "key")));
        }

        return new DeleteLogPage(items, Require(wire.Cursor, scope, "cursor"), wire.HasMore);
    }

    /// <inheritdoc />
    public async Task<MailPage> GetMailAsync(string? cursor, int pageSize, CancellationToken cancellationToken)
    {
        const string scope = "$mail";
        var wire = await GetJsonAsync(PagedPath("api/mail", cursor, pageSize), scope, TransportJsonContext.Default.MailPageWire, cancellationToken).ConfigureAwait(false);
        var items = new List<MailItem>();
        foreach (var item in wire.Value ?? [])
        {
            items.Add(new MailItem(
                Require(item?.Id, scope, "id"), item!.Subject ?? string.Empty, item.From ?? string.Empty, item.To ?? string.Empty, item.ReceivedAt, item.Body ?? string.Empty));
        }

        return new MailPage(items, Require(wire.Cursor, scope, "cursor"), wire.HasMore);
    }

    /// <inheritdoc />
    public async Task<VisibleKeysPage> GetVisibleKeysAsync(EntityTypeDefinition entity, string? cursor, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var path = PagedPath("api/visiblekeys/" + Uri.EscapeDataString(entity.EntitySetName ?? entity.Name), cursor, pageSize);
        var wire = await GetJsonAsync(path, entity.Name, TransportJsonContext.Default.VisibleKeysWire, cancellationToken).ConfigureAwait(false);
        var keys = new List<string>(wire.Value?.Count ?? 0);
        foreach (var key in wire.Value ?? [])
        {
            keys.Add(Require(key, entity.Name, "key"));
        }

        return new VisibleKeysPage(keys, string.IsNullOrEmpty(wire.NextCursor) ? null : wire.NextCursor) { TotalCount = wire.Count is >= 0 ? wire.Count : null };
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ConflictResolution>> GetConflictResolutionsAsync(CancellationToken cancellationToken)
    {
        const string scope = "$conflicts";
        using var response = await SendAsync(HttpMethod.Get, new Uri(_base, "api/conflicts/resolutions"), scope, null, null, cancellationToken).ConfigureAwait(false);
        var bytes = await ReadBoundedAsync(response, _options.MaxDocumentBytes, scope, cancellationToken).ConfigureAwait(false);
        try
        {
            using var document = JsonDocument.Parse(bytes);
            if (!document.RootElement.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Array)
            {
                throw new SyncPayloadException(scope, "value", "the answer has no 'value' array");
            }

            var list = new List<ConflictResolution>();
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                var position = "resolution " + index.ToString(CultureInfo.InvariantCulture);
                var entity = Text(item, "entity", scope, position);
                var choice = Text(item, "choice", scope, position) switch
                {
                    "KeepServer" => ConflictChoice.KeepServer,
                    "KeepDevice" => ConflictChoice.KeepDevice,
                    var other => throw new SyncPayloadException(scope, position, $"unknown choice '{other}'"),
                };
                IReadOnlyDictionary<string, object?>? values = null;
                if (item.TryGetProperty("values", out var record) && record.ValueKind == JsonValueKind.Object)
                {
                    _knownEntities.TryGetValue(entity, out var map);
                    values = JsonRecordValues.Read(record, map, entity, keepETag: true);
                }

                list.Add(new ConflictResolution(Text(item, "id", scope, position), entity, Text(item, "key", scope, position), choice, values));
                index++;
            }

            return list;
        }
        catch (JsonException ex)
        {
            throw new SyncPayloadException(scope, "body", "malformed JSON: " + ex.Message);
        }
    }

    /// <inheritdoc />
    public async Task AcknowledgeConflictResolutionAsync(string resolutionId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(resolutionId);
        var uri = new Uri(_base, "api/conflicts/resolutions/" + Uri.EscapeDataString(resolutionId) + "/ack");
        using var response = await SendAsync(HttpMethod.Post, uri, "$conflicts", null, null, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task AcknowledgeFullSyncAsync(CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Post, new Uri(_base, "api/fullsync/complete"), WhoAmIScope, null, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Lets conflict resolutions of this entity carry typed values (decimals as text, like downloads).</summary>
    internal void Remember(EntityTypeDefinition entity) => _knownEntities[entity.Name] = EntityPropertyMap.For(entity);

    internal static string PagedPath(string path, string? cursor, int pageSize)
    {
        var query = "?top=" + Math.Max(1, pageSize).ToString(CultureInfo.InvariantCulture);
        return string.IsNullOrEmpty(cursor) ? path + query : path + query + "&cursor=" + Uri.EscapeDataString(cursor);
    }

    private static string Text(JsonElement item, string name, string scope, string position) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new SyncPayloadException(scope, position, $"'{name}' is missing or not a string");
}
