using System.Globalization;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SmartSync.Server.Json;
using SmartSync.Server.Storage;

namespace SmartSync.Server.Hosting;

/// <summary>The small non-OData endpoints of the protocol (docs/protocol.md): WhoAmI, permissions, logs, blobs, mail, keys, conflicts.</summary>
internal static class ApiEndpoints
{
    public const string ServerVersion = "1.0.0";
    private const int DefaultTop = 500;
    private const int MaxTop = 5000;

    public static void Map(IEndpointRouteBuilder app, CrmStore store)
    {
        app.MapGet("/api/whoami", context =>
        {
            var user = context.User();
            var response = new WhoAmIResponse(
                user.Id, user.Name, "Contoso (SmartSync reference server)", ServerVersion, store.CustomizationVersion,
                store.IsFullSyncRequired(user.Id), MinimumClientVersion: null, store.VisibilityVersion(user.Id));
            return HttpHelpers.WriteJsonAsync(context, 200, response, ServerJsonContext.Default.WhoAmIResponse);
        });

        app.MapGet("/api/permissions", context =>
            HttpHelpers.WriteJsonAsync(context, 200, new PermissionsResponse(store.GetPermissions(context.User().Id)), ServerJsonContext.Default.PermissionsResponse));

        app.MapGet("/api/deletelog", context =>
        {
            if (!HttpHelpers.TryCursor(context.Request.Query["cursor"], store.CurrentVersion, out var cursor))
            {
                return Gone(context);
            }

            var page = store.GetDeleteLog(context.User().Id, cursor, HttpHelpers.PageSize(context, "top", DefaultTop, MaxTop));
            return HttpHelpers.WriteJsonAsync(context, 200, page, ServerJsonContext.Default.DeleteLogResponse);
        });

        app.MapGet("/api/blobs/{kind}", context =>
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
                return HttpHelpers.WriteErrorAsync(context, 404, "UnknownKind", "Blob kinds are images, attachments and documents.");
            }

            if (!HttpHelpers.TryCursor(context.Request.Query["cursor"], store.CurrentVersion, out var cursor))
            {
                return Gone(context);
            }

            var page = store.GetBlobs(kind.Value, context.User().Id, cursor, HttpHelpers.PageSize(context, "top", 100, 1000));
            return HttpHelpers.WriteJsonAsync(context, 200, page, ServerJsonContext.Default.BlobPageResponse);
        });

        app.MapGet("/api/mail", context =>
        {
            if (!HttpHelpers.TryCursor(context.Request.Query["cursor"], store.CurrentVersion, out var cursor))
            {
                return Gone(context);
            }

            var page = store.GetMail(context.User().Id, cursor, HttpHelpers.PageSize(context, "top", DefaultTop, MaxTop));
            return HttpHelpers.WriteJsonAsync(context, 200, page, ServerJsonContext.Default.MailPageResponse);
        });

        app.MapGet("/api/visiblekeys/{set}", context =>
        {
            var set = (string)context.Request.RouteValues["set"]!;
            var table = store.FindBySet(set);
            if (table is null)
            {
                return HttpHelpers.WriteErrorAsync(context, 404, "UnknownEntitySet", $"There is no entity set '{set}'.");
            }

            var cursor = context.Request.Query["cursor"].ToString();
            var page = store.GetVisibleKeys(table, context.User().Id, cursor.Length > 0 ? cursor : null, HttpHelpers.PageSize(context, "top", 5000, 50_000));
            return HttpHelpers.WriteJsonAsync(context, 200, page, ServerJsonContext.Default.VisibleKeysResponse);
        });

        app.MapGet("/api/conflicts/resolutions", async context =>
        {
            context.Response.ContentType = HttpHelpers.JsonContentType;
            await using (var writer = new Utf8JsonWriter(context.Response.BodyWriter, HttpHelpers.WriterOptions))
            {
                store.WriteResolutions(writer, context.User().Id);
            }

            await context.Response.BodyWriter.FlushAsync(context.RequestAborted).ConfigureAwait(false);
        });

        app.MapPost("/api/conflicts/resolutions/{id}/ack", async context =>
        {
            if (!long.TryParse((string?)context.Request.RouteValues["id"], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                || !await store.AcknowledgeResolutionAsync(context.User().Id, id, context.RequestAborted).ConfigureAwait(false))
            {
                await HttpHelpers.WriteErrorAsync(context, 404, "NotFound", "No such resolution for this user.").ConfigureAwait(false);
                return;
            }

            context.Response.StatusCode = 204;
        });

        app.MapPost("/api/fullsync/complete", async context =>
        {
            // The device finished the full sync an administrator demanded: stop asking for one.
            await store.SetFullSyncRequiredAsync(context.User().Id, false, context.RequestAborted).ConfigureAwait(false);
            context.Response.StatusCode = 204;
        });
    }

    private static Task Gone(HttpContext context) =>
        HttpHelpers.WriteErrorAsync(context, 410, "CursorExpired", "The cursor is expired or invalid; start from the beginning.");
}
