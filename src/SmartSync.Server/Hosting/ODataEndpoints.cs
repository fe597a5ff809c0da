using System;
using System.Buffers;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SmartSync.Server.Access;
using SmartSync.Server.Json;
using SmartSync.Server.Storage;

namespace SmartSync.Server.Hosting;

/// <summary>
/// The OData part of the protocol: <c>$metadata</c>, entity sets with change tracking and server-driven paging,
/// single records, and upserts/deletes by client-generated key. The shared-records endpoint reuses the paging.
/// </summary>
internal static class ODataEndpoints
{

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/odata/$metadata", SyncRequest.Handle(async (context, store, _) =>
        {
            context.Response.ContentType = "application/xml; charset=utf-8";
            await context.Response.WriteAsync(store.CsdlText, context.RequestAborted).ConfigureAwait(false);
        }));

        app.MapGet("/odata/{segment}", SyncRequest.Handle((context, store, user) =>
        {
            var segment = EntitySegment.Parse((string)context.Request.RouteValues["segment"]!);
            var table = store.FindBySet(segment.SetName);
            if (table is null)
            {
                return HttpHelpers.WriteErrorAsync(context, 404, "UnknownEntitySet", $"There is no entity set '{segment.SetName}'.");
            }

            return segment.RawKey is null
                ? WritePageAsync(context, store, user, table, TokenScope.Owned, "/odata/" + table.SetName)
                : ReadSingleAsync(context, store, user, table, segment.RawKey);
        }));

        app.MapGet("/api/shared/{set}", SyncRequest.Handle((context, store, user) =>
        {
            var set = (string)context.Request.RouteValues["set"]!;
            var table = store.FindBySet(set);
            return table is null
                ? HttpHelpers.WriteErrorAsync(context, 404, "UnknownEntitySet", $"There is no entity set '{set}'.")
                : WritePageAsync(context, store, user, table, TokenScope.Shared, "/api/shared/" + table.SetName);
        }));

        app.MapMethods("/odata/{segment}", ["PATCH"], SyncRequest.Handle(UpsertAsync));
        app.MapDelete("/odata/{segment}", SyncRequest.Handle(DeleteAsync));
    }

    /// <summary>What the visibility policy lets the user see of <paramref name="tables"/> (for this request).</summary>
    internal static ValueTask<UserVisibility> VisibilityAsync(HttpContext context, SyncUser user, params EntityTable[] tables) =>
        UserVisibility.ResolveAsync(context.RequestServices.GetRequiredService<ISyncVisibilityPolicy>(), user, tables, context.RequestAborted);

    private static ISyncAccessPolicy AccessPolicy(HttpContext context) => context.RequestServices.GetRequiredService<ISyncAccessPolicy>();

    /// <summary>
    /// The permission to hand to an upload: null when it is the default policy's stored one, which the write then
    /// reads inside its own transaction (one connection per request).
    /// </summary>
    private static async ValueTask<PermissionDto?> UploadPermissionAsync(HttpContext context, SyncUser user, EntityTable table) =>
        AccessPolicy(context) is StoredPermissionPolicy ? null : await AccessPolicy(context).GetPermissionAsync(user, table.Name, context.RequestAborted).ConfigureAwait(false);

    private static async Task WritePageAsync(HttpContext context, CrmStore store, SyncUser user, EntityTable table, TokenScope scope, string path)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<SmartSyncServerOptions>>().Value;
        // One connection for the whole request: permission, token state and the page (held while the page streams).
        await using var connection = await store.OpenAsync(context.RequestAborted).ConfigureAwait(false);
        if (!await RequireReadAsync(context, store, connection, user, table).ConfigureAwait(false))
        {
            return;
        }

        var prefer = PreferHeader.Parse(context.Request);
        var pageSize = Math.Min(prefer.MaxPageSize ?? options.DefaultPageSize, options.MaxPageSize);
        var selectText = context.Request.Query["$select"].ToString();
        bool[]? selected = null;
        if (selectText.Length > 0)
        {
            selected = new bool[table.Columns.Length];
            foreach (var name in selectText.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!table.TryGetIndex(name, out var index))
                {
                    await HttpHelpers.WriteErrorAsync(context, 400, "UnknownProperty", $"'{name}' is not a property of '{table.Name}'.").ConfigureAwait(false);
                    return;
                }

                selected[index] = true;
            }
        }

        var visible = await VisibilityAsync(context, user, table).ConfigureAwait(false);
        var token = await ResolveTokenAsync(context, store, connection, table, user, scope, visible.For(table).Fingerprint).ConfigureAwait(false);
        if (token is null)
        {
            // Expired (the admin rotated the epoch), forged, or issued for another user/entity: start over.
            await HttpHelpers.WriteErrorAsync(context, 410, "TokenExpired", "The delta or paging token is expired or invalid; download the entity in full.").ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = HttpHelpers.JsonContentType;
        context.Response.Headers["OData-Version"] = "4.0";
        context.Response.Headers["Preference-Applied"] = (prefer.TrackChanges ? "odata.track-changes, " : string.Empty) + "odata.maxpagesize=" + pageSize;
        // Links keep the route prefix the app mapped the group under (MapSmartSync("/sync") → /sync/odata/...).
        var requestPath = context.Request.Path.Value ?? string.Empty;
        var marker = scope == TokenScope.Owned ? "/odata/" : "/api/shared/";
        var at = requestPath.LastIndexOf(marker, StringComparison.OrdinalIgnoreCase);
        var baseUrl = context.BaseUrl() + (at > 0 ? requestPath[..at] : string.Empty);
        var body = context.Response.BodyWriter;
        await using var writer = new Utf8JsonWriter(body, HttpHelpers.WriterOptions);
        writer.WriteStartObject();
        writer.WriteString("@odata.context", $"{baseUrl}/odata/$metadata#{table.SetName}" + (scope == TokenScope.Owned && token.Since > 0 ? "/$delta" : string.Empty));
        writer.WriteStartArray("value");
        var page = await store.WritePageAsync(connection, writer, body, table, visible, token, pageSize, selected, context.RequestAborted).ConfigureAwait(false);
        writer.WriteEndArray();
        var select = selectText.Length > 0 ? "$select=" + Uri.EscapeDataString(selectText) + "&" : string.Empty;
        if (page.NextAfter is { } after)
        {
            var next = token with { After = after };
            writer.WriteString("@odata.nextLink", $"{baseUrl}{path}?{select}$skiptoken={next.Encode(store.TokenKey)}");
        }
        else if (prefer.TrackChanges || token.Since > 0)
        {
            var delta = token with { Since = token.Upper, After = token.Upper };
            writer.WriteString("@odata.deltaLink", $"{baseUrl}{path}?{select}$deltatoken={delta.Encode(store.TokenKey)}");
        }

        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>The enumeration state for this request; null when a token was given but is not valid for it.</summary>
    private static async Task<ChangeToken?> ResolveTokenAsync(
        HttpContext context, CrmStore store, System.Data.Common.DbConnection connection, EntityTable table, SyncUser user, TokenScope scope, string visibility)
    {
        var skip = context.Request.Query["$skiptoken"].ToString();
        var delta = context.Request.Query["$deltatoken"].ToString();
        // Both read from the database: a token another node issued is valid here, and an expiry anywhere counts everywhere.
        var current = await store.WatermarkAsync(connection, context.RequestAborted).ConfigureAwait(false);
        var epoch = await store.TokenEpochAsync(connection, context.RequestAborted).ConfigureAwait(false);
        if (skip.Length == 0 && delta.Length == 0)
        {
            return new ChangeToken(scope, table.Name, user.UserId, 0, 0, current, epoch, visibility, ChangeToken.DeviceTag(user.DeviceId));
        }

        var token = ChangeToken.TryDecode(skip.Length > 0 ? skip : delta, store.TokenKey);
        if (token is null || token.Scope != scope || token.Entity != table.Name || token.UserId != user.UserId
            || token.Epoch != epoch || token.Upper > current
            // Issued while the policy let the user see other rows: a delta would miss the newly visible ones.
            || token.Visibility != visibility
            // Issued to another device of the user: what that device holds is not what this one holds.
            || token.Device != ChangeToken.DeviceTag(user.DeviceId))
        {
            return null;
        }

        // A delta token starts a new enumeration of what changed after it; a skip token continues one.
        return skip.Length > 0 ? token : token with { Since = token.Upper, After = token.Upper, Upper = current };
    }

    /// <summary>Answers 403 (and returns false) when the access policy denies the user reading the table.</summary>
    internal static async Task<bool> RequireReadAsync(HttpContext context, CrmStore store, System.Data.Common.DbConnection connection, SyncUser user, EntityTable table)
    {
        if ((await store.GetPermissionAsync(connection, AccessPolicy(context), user, table.Name, context.RequestAborted).ConfigureAwait(false)).CanRead)
        {
            return true;
        }

        await HttpHelpers.WriteErrorAsync(context, 403, "Forbidden", $"The user may not read '{table.Name}'.").ConfigureAwait(false);
        return false;
    }

    private static async Task ReadSingleAsync(HttpContext context, CrmStore store, SyncUser user, EntityTable table, string rawKey)
    {
        var visible = await VisibilityAsync(context, user, table).ConfigureAwait(false);
        await using var connection = await store.OpenAsync(context.RequestAborted).ConfigureAwait(false);
        if (!await RequireReadAsync(context, store, connection, user, table).ConfigureAwait(false))
        {
            return;
        }

        if (!ValueConverter.TryNormalizeKey(rawKey, table.Kinds[table.KeyIndex], out var key))
        {
            await HttpHelpers.WriteErrorAsync(context, 400, "InvalidKey", "The key is not valid for the entity.").ConfigureAwait(false);
            return;
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, HttpHelpers.WriterOptions))
        {
            if (!await store.TryWriteRecordAsync(connection, writer, table, visible, key, context.RequestAborted).ConfigureAwait(false))
            {
                await HttpHelpers.WriteErrorAsync(context, 404, "NotFound", "No such record.").ConfigureAwait(false);
                return;
            }
        }

        context.Response.ContentType = HttpHelpers.JsonContentType;
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Writes the record an upload answered with (read or written in its transaction: no second read).</summary>
    private static async Task WriteStoredRecordAsync(HttpContext context, EntityTable table, WriteResult result)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, HttpHelpers.WriterOptions))
        {
            StoredRecordWriter.Write(writer, table, result.Row!, result.Version);
        }

        context.Response.ContentType = HttpHelpers.JsonContentType;
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task UpsertAsync(HttpContext context, CrmStore store, SyncUser user)
    {
        var segment = EntitySegment.Parse((string)context.Request.RouteValues["segment"]!);
        var table = store.FindBySet(segment.SetName);
        if (table is null || segment.RawKey is null)
        {
            await HttpHelpers.WriteErrorAsync(context, 404, "UnknownResource", "PATCH needs an entity set and a key: /odata/{set}({key}).").ConfigureAwait(false);
            return;
        }

        if (!ValueConverter.TryNormalizeKey(segment.RawKey, table.Kinds[table.KeyIndex], out var key))
        {
            await HttpHelpers.WriteErrorAsync(context, 400, "InvalidKey", "The key is not valid for the entity.").ConfigureAwait(false);
            return;
        }

        if (await HttpHelpers.ReadJsonBodyAsync(context).ConfigureAwait(false) is not { } document)
        {
            return;
        }

        using (document)
        {
            if (!CrmStore.TryParseValues(table, document.RootElement, out var values, out var error))
            {
                await HttpHelpers.WriteErrorAsync(context, 400, "InvalidValue", error!).ConfigureAwait(false);
                return;
            }

            var ifMatch = context.Request.Headers.IfMatch.ToString();
            var permission = await UploadPermissionAsync(context, user, table).ConfigureAwait(false);
            var visible = await VisibilityAsync(context, user, table).ConfigureAwait(false);
            var result = await store.UpsertAsync(table, visible, user.DeviceId, permission, key, values, ifMatch.Length > 0 ? ifMatch : null, context.RequestAborted).ConfigureAwait(false);
            switch (result.Status)
            {
                case WriteStatus.Applied or WriteStatus.Created:
                    // The stored record comes back whole (OData's return=representation), so the device also
                    // learns the values the server filled in, such as the owner of a record it created.
                    context.Response.StatusCode = result.Status == WriteStatus.Created ? 201 : 200;
                    context.Response.Headers.ETag = result.ETag;
                    await WriteStoredRecordAsync(context, table, result).ConfigureAwait(false);
                    break;
                case WriteStatus.Conflict:
                    // 412 carries the server's current record so the device can apply its conflict strategy.
                    context.Response.StatusCode = 412;
                    context.Response.Headers.ETag = result.ETag;
                    await WriteStoredRecordAsync(context, table, result).ConfigureAwait(false);
                    break;
                case WriteStatus.NotFound:
                    await HttpHelpers.WriteErrorAsync(context, 404, "NotFound", result.Error!).ConfigureAwait(false);
                    break;
                case WriteStatus.Forbidden:
                    await HttpHelpers.WriteErrorAsync(context, 403, "Forbidden", result.Error!).ConfigureAwait(false);
                    break;
                default:
                    await HttpHelpers.WriteErrorAsync(context, 400, "InvalidValue", result.Error ?? "invalid").ConfigureAwait(false);
                    break;
            }
        }
    }

    private static async Task DeleteAsync(HttpContext context, CrmStore store, SyncUser user)
    {
        var segment = EntitySegment.Parse((string)context.Request.RouteValues["segment"]!);
        var table = store.FindBySet(segment.SetName);
        if (table is null || segment.RawKey is null || !ValueConverter.TryNormalizeKey(segment.RawKey, table.Kinds[table.KeyIndex], out var key))
        {
            await HttpHelpers.WriteErrorAsync(context, 404, "UnknownResource", "DELETE needs an entity set and a valid key: /odata/{set}({key}).").ConfigureAwait(false);
            return;
        }

        var ifMatch = context.Request.Headers.IfMatch.ToString();
        var permission = await UploadPermissionAsync(context, user, table).ConfigureAwait(false);
        var visible = await VisibilityAsync(context, user, table).ConfigureAwait(false);
        var result = await store.DeleteAsync(table, visible, permission, key, ifMatch.Length > 0 ? ifMatch : null, context.RequestAborted).ConfigureAwait(false);
        if (result.Status == WriteStatus.Applied)
        {
            context.Response.StatusCode = 204;
            return;
        }

        if (result.Status == WriteStatus.Conflict)
        {
            // Like PATCH: 412 with the server's current record, so the device can apply its conflict strategy.
            context.Response.StatusCode = 412;
            context.Response.Headers.ETag = result.ETag;
            await WriteStoredRecordAsync(context, table, result).ConfigureAwait(false);
            return;
        }

        await HttpHelpers.WriteErrorAsync(context, 403, "Forbidden", result.Error!).ConfigureAwait(false);
    }
}
