using System;
using System.Security.Claims;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SmartSync.Server.Storage;

namespace SmartSync.Server.Hosting;

/// <summary>
/// Wraps every protocol endpoint: finds the user in the app's authentication result (401 when there is none,
/// whether or not the app protected the group), reads the device header and opens the store.
/// </summary>
internal static class SyncRequest
{
    private const int MaxDeviceIdLength = 128;

    public static RequestDelegate Handle(Func<HttpContext, CrmStore, SyncUser, Task> handler) => async context =>
    {
        var services = context.RequestServices;
        var options = services.GetRequiredService<IOptions<SmartSyncServerOptions>>().Value;
        var user = ResolveUser(context, options);
        if (user is null)
        {
            HttpHelpers.Challenge(context);
            return;
        }

        if (user.DeviceId.Length > MaxDeviceIdLength)
        {
            await HttpHelpers.WriteErrorAsync(context, 400, "InvalidDevice", $"The {options.DeviceIdHeader} header is longer than {MaxDeviceIdLength} characters.").ConfigureAwait(false);
            return;
        }

        var store = await services.GetRequiredService<StoreHolder>().GetAsync(context.RequestAborted).ConfigureAwait(false);
        await store.EnsureDeviceAsync(user.UserId, user.Name, user.DeviceId, context.RequestAborted).ConfigureAwait(false);
        await handler(context, store, user).ConfigureAwait(false);
    };

    /// <summary>An endpoint that needs the store but no user (the admin group: the app authorizes it).</summary>
    public static RequestDelegate Admin(Func<HttpContext, CrmStore, Task> handler) => async context =>
    {
        var store = await context.RequestServices.GetRequiredService<StoreHolder>().GetAsync(context.RequestAborted).ConfigureAwait(false);
        await handler(context, store).ConfigureAwait(false);
    };

    public static SyncUser? ResolveUser(HttpContext context, SmartSyncServerOptions options)
    {
        var principal = context.User;
        if (principal.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        var id = options.UserIdClaimType is { } claim
            ? principal.FindFirst(claim)?.Value
            : principal.FindFirst("sub")?.Value ?? principal.FindFirst(ClaimTypes.NameIdentifier)?.Value;
        if (string.IsNullOrWhiteSpace(id))
        {
            return null;
        }

        var name = (options.UserNameClaimType is { } nameClaim ? principal.FindFirst(nameClaim)?.Value : principal.FindFirst("name")?.Value)
            ?? principal.Identity?.Name ?? id;
        var device = context.Request.Headers[options.DeviceIdHeader].ToString().Trim();
        return new SyncUser(id, name, device);
    }
}
