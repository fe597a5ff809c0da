using System.Data.Common;
using System.Globalization;
using System.Linq;
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

/// <summary>The small non-OData endpoints of the protocol (docs/protocol.md): WhoAmI, permissions, logs, blobs, mail, keys, conflicts.</summary>
internal static class ApiEndpoints
{
    public const string ServerVersion = "1.0.0";
    private const int DefaultTop = 500;
    private const int MaxTop = 5000;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/whoami", SyncRequest.Handle(async (context, store, user) =>
        {
            var options = context.RequestServices.GetRequiredService<IOptions<SmartSyncServerOptions>>().Value;
            var visible = await ODataEndpoints.VisibilityAsync(context, user, [.. store.Tables]).ConfigureAwait(false);
            var state = await store.WhoAmIAsync(visible, user.DeviceId, context.RequestAborted).ConfigureAwait(false);
            var response = new WhoAmIResponse(
                user.UserId, user.Name, options.OrganizationName, ServerVersion, state.CustomizationVersion, state.FullSyncRequired,
                options.MinimumClientVersion, state.VisibilityVersion);
            await HttpHelpers.WriteJsonAsync(context, 200, response, ServerJsonContext.Default.WhoAmIResponse).ConfigureAwait(false);
        }));

        app.MapGet("/api/permissions", SyncRequest.Handle(async (context, store, user) =>
        {
            var policy = context.RequestServices.GetRequiredService<ISyncAccessPolicy>();
            var names = store.Tables.Select(t => t.Name).OrderBy(n => n, System.StringComparer.Ordinal).ToList();
            System.Collections.Generic.List<PermissionDto> list;
            if (policy is StoredPermissionPolicy)
            {
                // The default policy's rights for all entities in one query (not a connection per entity).
                list = await store.GetPermissionsAsync(user.UserId, names, context.RequestAborted).ConfigureAwait(false);
            }
            else
            {
                list = [];
                foreach (var name in names)
                {
                    list.Add(await policy.GetPermissionAsync(user, name, context.RequestAborted).ConfigureAwait(false));
                }
            }

            await HttpHelpers.WriteJsonAsync(context, 200, new PermissionsResponse(list), ServerJsonContext.Default.PermissionsResponse).ConfigureAwait(false);
        }));

        app.MapGet("/api/deletelog", SyncRequest.Handle(async (context, store, user) =>
        {
            var visible = await ODataEndpoints.VisibilityAsync(context, user, [.. store.Tables]).ConfigureAwait(false);
            await AtCursorAsync(context, store, async (connection, cursor, upper) =>
            {
                var page = await store.GetDeleteLogAsync(connection, visible, cursor, upper, HttpHelpers.PageSize(context, "top", DefaultTop, MaxTop), context.RequestAborted).ConfigureAwait(false);
                await HttpHelpers.WriteJsonAsync(context, 200, page, ServerJsonContext.Default.DeleteLogResponse).ConfigureAwait(false);
            }).ConfigureAwait(false);
        }));

        app.MapGet("/api/blobs/{kind}", SyncRequest.Handle(async (context, store, user) =>
        {
            var kind = await BlobKindAsync(context).ConfigureAwait(false);
            if (kind is null)
            {
                return;
            }

            var visible = await ODataEndpoints.VisibilityAsync(context, user, [.. store.Tables]).ConfigureAwait(false);
            // content=stream: lengths only, the bytes come from /api/blobs/{kind}/{id} (docs/protocol.md); clients
            // that do not ask get the bytes inline as before.
            var inline = !string.Equals(context.Request.Query["content"], "stream", System.StringComparison.Ordinal);
            await AtCursorAsync(context, store, async (connection, cursor, upper) =>
            {
                var page = await store.GetBlobsAsync(connection, kind.Value, visible, cursor, upper, HttpHelpers.PageSize(context, "top", 100, 1000), inline, context.RequestAborted).ConfigureAwait(false);
                await HttpHelpers.WriteJsonAsync(context, 200, page, ServerJsonContext.Default.BlobPageResponse).ConfigureAwait(false);
            }).ConfigureAwait(false);
        }));

        app.MapGet("/api/blobs/{kind}/{id}", SyncRequest.Handle(async (context, store, user) =>
        {
            var kind = await BlobKindAsync(context).ConfigureAwait(false);
            if (kind is null)
            {
                return;
            }

            var id = (string)context.Request.RouteValues["id"]!;
            var visible = await ODataEndpoints.VisibilityAsync(context, user, [.. store.Tables]).ConfigureAwait(false);
            await using var connection = await store.OpenAsync(context.RequestAborted).ConfigureAwait(false);
            var found = await store.ReadBlobContentAsync(
                connection,
                kind.Value,
                id,
                visible,
                async (length, content) =>
                {
                    context.Response.StatusCode = 200;
                    context.Response.ContentType = "application/octet-stream";
                    context.Response.ContentLength = length;
                    await content.CopyToAsync(context.Response.Body, 81920, context.RequestAborted).ConfigureAwait(false);
                },
                context.RequestAborted).ConfigureAwait(false);
            if (!found)
            {
                await HttpHelpers.WriteErrorAsync(context, 404, "NotFound", "No such blob.").ConfigureAwait(false);
            }
        }));

        app.MapGet("/api/mail", SyncRequest.Handle(async (context, store, user) =>
        {
            await AtCursorAsync(context, store, async (connection, cursor, upper) =>
            {
                var page = await store.GetMailAsync(connection, user.UserId, cursor, upper, HttpHelpers.PageSize(context, "top", DefaultTop, MaxTop), context.RequestAborted).ConfigureAwait(false);
                await HttpHelpers.WriteJsonAsync(context, 200, page, ServerJsonContext.Default.MailPageResponse).ConfigureAwait(false);
            }).ConfigureAwait(false);
        }));

        app.MapGet("/api/visiblekeys/{set}", SyncRequest.Handle(async (context, store, user) =>
        {
            var set = (string)context.Request.RouteValues["set"]!;
            var table = store.FindBySet(set);
            if (table is null)
            {
                await HttpHelpers.WriteErrorAsync(context, 404, "UnknownEntitySet", $"There is no entity set '{set}'.").ConfigureAwait(false);
                return;
            }

            var visible = await ODataEndpoints.VisibilityAsync(context, user, table).ConfigureAwait(false);
            await using var connection = await store.OpenAsync(context.RequestAborted).ConfigureAwait(false);
            if (!await ODataEndpoints.RequireReadAsync(context, store, connection, user, table).ConfigureAwait(false))
            {
                return;
            }

            var cursor = context.Request.Query["cursor"].ToString();
            var page = await store.GetVisibleKeysAsync(connection, table, visible, cursor.Length > 0 ? cursor : null, HttpHelpers.PageSize(context, "top", 5000, 50_000), context.RequestAborted).ConfigureAwait(false);
            await HttpHelpers.WriteJsonAsync(context, 200, page, ServerJsonContext.Default.VisibleKeysResponse).ConfigureAwait(false);
        }));

        app.MapGet("/api/conflicts/resolutions", SyncRequest.Handle(async (context, store, user) =>
        {
            context.Response.ContentType = HttpHelpers.JsonContentType;
            await using (var writer = new Utf8JsonWriter(context.Response.BodyWriter, HttpHelpers.WriterOptions))
            {
                await store.WriteResolutionsAsync(writer, await ODataEndpoints.VisibilityAsync(context, user, [.. store.Tables]).ConfigureAwait(false), user.DeviceId, context.RequestAborted).ConfigureAwait(false);
            }

            await context.Response.BodyWriter.FlushAsync(context.RequestAborted).ConfigureAwait(false);
        }));

        app.MapPost("/api/conflicts/resolutions/{id}/ack", SyncRequest.Handle(async (context, store, user) =>
        {
            if (!long.TryParse((string?)context.Request.RouteValues["id"], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                || !await store.AcknowledgeResolutionAsync(user.UserId, user.DeviceId, id, context.RequestAborted).ConfigureAwait(false))
            {
                await HttpHelpers.WriteErrorAsync(context, 404, "NotFound", "No such resolution for this user.").ConfigureAwait(false);
                return;
            }

            context.Response.StatusCode = 204;
        }));

        app.MapPost("/api/fullsync/complete", SyncRequest.Handle(async (context, store, user) =>
        {
            // This device finished the full sync an administrator demanded; the user's other devices still owe theirs.
            await store.AcknowledgeFullSyncAsync(user.UserId, user.DeviceId, context.RequestAborted).ConfigureAwait(false);
            context.Response.StatusCode = 204;
        }));
    }

    /// <summary>
    /// The shared start of every cursor-paged log (delete log, blobs, mail): one connection, the committed watermark as the
    /// page's upper bound, and 410 for a cursor that is expired or invalid; otherwise <paramref name="writePage"/> answers.
    /// </summary>
    private static async Task AtCursorAsync(HttpContext context, CrmStore store, System.Func<DbConnection, long, long, Task> writePage)
    {
        await using var connection = await store.OpenAsync(context.RequestAborted).ConfigureAwait(false);
        var upper = await store.WatermarkAsync(connection, context.RequestAborted).ConfigureAwait(false);
        if (!HttpHelpers.TryCursor(context.Request.Query["cursor"], upper, out var cursor))
        {
            await HttpHelpers.WriteErrorAsync(context, 410, "CursorExpired", "The cursor is expired or invalid; start from the beginning.").ConfigureAwait(false);
            return;
        }

        await writePage(connection, cursor, upper).ConfigureAwait(false);
    }

    /// <summary>The route's blob kind, or null after answering 404 for an unknown one.</summary>
    private static async Task<int?> BlobKindAsync(HttpContext context)
    {
        int? kind = (string?)context.Request.RouteValues["kind"] switch
        {
            "images" => 0,
            "attachments" => 1,
            "documents" => 2,
            _ => null,
        };
        if (kind is null)
        {
            await HttpHelpers.WriteErrorAsync(context, 404, "UnknownKind", "Blob kinds are images, attachments and documents.").ConfigureAwait(false);
        }

        return kind;
    }
}
