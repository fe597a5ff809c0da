using System.Security.Claims;

namespace SmartSync.Server;

/// <summary>Settings of the SmartSync server library (<c>AddSmartSyncServer(o => ...)</c>).</summary>
public sealed class SmartSyncServerOptions
{
    /// <summary>The OData CSDL data model file to serve (required unless <see cref="DataModelText"/> is set).</summary>
    public string? DataModelPath { get; set; }

    /// <summary>The CSDL text itself (wins over <see cref="DataModelPath"/>).</summary>
    public string? DataModelText { get; set; }

    /// <summary>
    /// The claim that holds the user id. Null: <c>sub</c>, then <see cref="ClaimTypes.NameIdentifier"/>
    /// (JWT bearer maps <c>sub</c> to it by default).
    /// </summary>
    public string? UserIdClaimType { get; set; }

    /// <summary>The claim with the user's display name; null: <c>name</c>, then the identity's name, then the id.</summary>
    public string? UserNameClaimType { get; set; }

    /// <summary>The request header that names the device (sent by the runtime's HTTP transport).</summary>
    public string DeviceIdHeader { get; set; } = "X-SmartSync-Device";

    /// <summary>What WhoAmI reports as the organization.</summary>
    public string OrganizationName { get; set; } = "SmartSync";

    /// <summary>The oldest client version allowed to sync (WhoAmI); null: any.</summary>
    public string? MinimumClientVersion { get; set; }

    /// <summary>Largest page the server sends, whatever the client prefers.</summary>
    public int MaxPageSize { get; set; } = 5000;

    /// <summary>Page size when the client states no preference.</summary>
    public int DefaultPageSize { get; set; } = 1000;
}
