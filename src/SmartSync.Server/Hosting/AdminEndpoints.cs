using System.Globalization;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SmartSync.Server.Json;
using SmartSync.Server.Storage;

namespace SmartSync.Server.Hosting;

/// <summary>
/// Administration and test hooks behind the admin token: the conflict dashboard, row edits, sharing,
/// customization and full-sync switches, token expiry, permissions and request counters.
/// </summary>
internal static class AdminEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/conflicts", SyncRequest.Admin(async (context, store) =>
            await HttpHelpers.WriteJsonAsync(context, 200, new ConflictListResponse(await store.ListConflictsAsync(context.RequestAborted).ConfigureAwait(false)), ServerJsonContext.Default.ConflictListResponse).ConfigureAwait(false)));

        app.MapPost("/conflicts/{id}/resolve", SyncRequest.Admin(async (context, store) =>
        {
            var request = await ReadAsync(context, ServerJsonContext.Default.ResolveRequest).ConfigureAwait(false);
            var keepDevice = request?.Choice switch
            {
                "keep-device" or "KeepDevice" => (bool?)true,
                "keep-server" or "KeepServer" => false,
                _ => null,
            };
            if (keepDevice is null || !long.TryParse((string?)context.Request.RouteValues["id"], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                await HttpHelpers.WriteErrorAsync(context, 400, "InvalidRequest", "Body: {\"choice\":\"keep-server\"|\"keep-device\"}.").ConfigureAwait(false);
                return;
            }

            var resolved = await store.ResolveConflictAsync(id, keepDevice.Value, context.RequestAborted).ConfigureAwait(false);
            context.Response.StatusCode = resolved ? 204 : 404;
        }));

        app.MapMethods("/rows/{segment}", ["PATCH"], SyncRequest.Admin(async (context, store) =>
        {
            var (table, key) = Resolve(store, context);
            if (table is null || key is null)
            {
                await HttpHelpers.WriteErrorAsync(context, 404, "UnknownResource", "Use /admin/rows/{set}({key}).").ConfigureAwait(false);
                return;
            }

            using var document = await HttpHelpers.ReadJsonBodyAsync(context).ConfigureAwait(false);
            if (document is null)
            {
                return;
            }

            if (!CrmStore.TryParseValues(table, document.RootElement, out var values, out var error))
            {
                await HttpHelpers.WriteErrorAsync(context, 400, "InvalidValue", error!).ConfigureAwait(false);
                return;
            }

            var result = await store.AdminUpsertAsync(table, key, values, context.RequestAborted).ConfigureAwait(false);
            context.Response.Headers.ETag = result.ETag;
            context.Response.StatusCode = result.Status == WriteStatus.Created ? 201 : 204;
        }));

        app.MapDelete("/rows/{segment}", SyncRequest.Admin(async (context, store) =>
        {
            var (table, key) = Resolve(store, context);
            context.Response.StatusCode = table is not null && key is not null && await store.AdminDeleteAsync(table, key, context.RequestAborted).ConfigureAwait(false)
                ? 204
                : 404;
        }));

        app.MapPost("/share", SyncRequest.Admin((context, store) => ShareAsync(context, store, active: true)));
        app.MapPost("/unshare", SyncRequest.Admin((context, store) => ShareAsync(context, store, active: false)));

        app.MapPost("/customization/bump", SyncRequest.Admin(async (context, store) =>
        {
            var version = await store.BumpCustomizationAsync(context.RequestAborted).ConfigureAwait(false);
            await HttpHelpers.WriteJsonAsync(context, 200, new VersionResponse(version), ServerJsonContext.Default.VersionResponse).ConfigureAwait(false);
        }));

        app.MapPost("/fullsync/{userId}", SyncRequest.Admin(async (context, store) =>
        {
            // Every device of the user, or one device with ?device=...
            var device = context.Request.Query["device"].ToString();
            var found = await store.RequireFullSyncAsync((string)context.Request.RouteValues["userId"]!, device.Length > 0 ? device : null, context.RequestAborted).ConfigureAwait(false);
            context.Response.StatusCode = found ? 204 : 404;
        }));

        app.MapPost("/tokens/expire", SyncRequest.Admin(async (context, store) =>
        {
            await store.ExpireTokensAsync(context.RequestAborted).ConfigureAwait(false);
            context.Response.StatusCode = 204;
        }));

        app.MapPut("/permissions", SyncRequest.Admin(async (context, store) =>
        {
            var request = await ReadAsync(context, ServerJsonContext.Default.PermissionRequest).ConfigureAwait(false);
            if (request is null || store.FindByName(request.Entity) is null || !await store.UserExistsAsync(request.UserId, context.RequestAborted).ConfigureAwait(false))
            {
                await HttpHelpers.WriteErrorAsync(context, 400, "InvalidRequest", "Unknown user or entity.").ConfigureAwait(false);
                return;
            }

            await store.SetPermissionAsync(request, context.RequestAborted).ConfigureAwait(false);
            context.Response.StatusCode = 204;
        }));

        app.MapGet("/counters", SyncRequest.Admin((context, store) =>
        {
            var counters = store.Counters;
            return HttpHelpers.WriteJsonAsync(
                context, 200, new CountersResponse(counters.Requests, counters.RecordsSent, counters.RecordsByEntity), ServerJsonContext.Default.CountersResponse);
        }));

        app.MapPost("/counters/reset", SyncRequest.Admin((context, store) =>
        {
            store.Counters.Reset();
            context.Response.StatusCode = 204;
            return Task.CompletedTask;
        }));
    }

    private static (EntityTable? Table, string? Key) Resolve(CrmStore store, HttpContext context)
    {
        var segment = EntitySegment.Parse((string)context.Request.RouteValues["segment"]!);
        var table = store.FindBySet(segment.SetName);
        return table is not null && segment.RawKey is not null && ValueConverter.TryNormalizeKey(segment.RawKey, table.Kinds[table.KeyIndex], out var key)
            ? (table, key)
            : (table, null);
    }

    private static async Task ShareAsync(HttpContext context, CrmStore store, bool active)
    {
        var request = await ReadAsync(context, ServerJsonContext.Default.ShareRequest).ConfigureAwait(false);
        var table = request is null ? null : store.FindByName(request.Entity);
        if (request is null || table is null || !await store.UserExistsAsync(request.UserId, context.RequestAborted).ConfigureAwait(false)
            || !ValueConverter.TryNormalizeKey(request.Key, table.Kinds[table.KeyIndex], out var key))
        {
            await HttpHelpers.WriteErrorAsync(context, 400, "InvalidRequest", "Body: {\"entity\",\"key\",\"userId\"} of an existing record and user.").ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = await store.SetShareAsync(table, key, request.UserId, active, context.RequestAborted).ConfigureAwait(false) ? 204 : 404;
    }

    private static async Task<T?> ReadAsync<T>(HttpContext context, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo)
        where T : class
    {
        try
        {
            return await JsonSerializer.DeserializeAsync(context.Request.Body, typeInfo, context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
