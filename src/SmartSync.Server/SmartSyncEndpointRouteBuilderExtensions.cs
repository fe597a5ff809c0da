using System;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using SmartSync.Server.Hosting;

namespace SmartSync.Server;

/// <summary>Maps the SmartSync endpoints into an ASP.NET Core app.</summary>
public static class SmartSyncEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the protocol of docs/protocol.md (<c>/odata/...</c> and <c>/api/...</c>) under <paramref name="prefix"/>.
    /// Every endpoint needs an authenticated user (401 otherwise); protect the returned group further with
    /// <c>RequireAuthorization(...)</c>, rate limiting, CORS and so on.
    /// </summary>
    public static RouteGroupBuilder MapSmartSync(this IEndpointRouteBuilder endpoints, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup(prefix);
        ODataEndpoints.Map(group);
        ApiEndpoints.Map(group);
        return group;
    }

    /// <summary>
    /// Maps the administration endpoints (conflict dashboard, row edits, sharing, full-sync demands, token expiry,
    /// permissions, counters) under <paramref name="prefix"/>. They check nothing themselves: protect the group
    /// with an administrators-only policy.
    /// </summary>
    public static RouteGroupBuilder MapSmartSyncAdmin(this IEndpointRouteBuilder endpoints, string prefix = "/admin")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup(prefix);
        AdminEndpoints.Map(group);
        return group;
    }
}
