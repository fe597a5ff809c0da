using System.Collections.Generic;
using Microsoft.Extensions.Logging;

namespace SmartSync.ReferenceServer;

/// <summary>How to start a <see cref="CrmServer"/>.</summary>
public sealed class CrmServerOptions
{
    /// <summary>The SQLite file; null creates a temporary database that is deleted on dispose.</summary>
    public string? DatabasePath { get; set; }

    /// <summary>A PostgreSQL connection string: serve from PostgreSQL instead of SQLite (<see cref="DatabasePath"/> is ignored).</summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>The secret the development tokens derive from; null: kept next to a file database, random otherwise.</summary>
    public byte[]? TokenSecret { get; set; }

    /// <summary>Start without seeding (a second node over a database another node seeded).</summary>
    public bool SkipSeeding { get; set; }

    /// <summary>The CSDL data model; null uses the demo's <c>crm.csdl</c> copied next to the server.</summary>
    public string? CsdlPath { get; set; }

    /// <summary>Port on 127.0.0.1; 0 picks a free one. Ignored when <see cref="Urls"/> is set.</summary>
    public int Port { get; set; }

    /// <summary>Explicit Kestrel URLs (must be loopback), e.g. <c>http://127.0.0.1:5080</c>.</summary>
    public string? Urls { get; set; }

    /// <summary>Rows seeded per user-owned entity (accounts, contacts, activities...), up to 1,000,000.</summary>
    public int RowsPerEntity { get; set; } = 200;

    /// <summary>Rows seeded per organization-wide entity (currencies, units, business units...).</summary>
    public int ReferenceRowsPerEntity { get; set; } = 20;

    /// <summary>Per-entity overrides of the seeded row counts, by logical name.</summary>
    public IDictionary<string, int> RowCounts { get; } = new Dictionary<string, int>(System.StringComparer.Ordinal);

    /// <summary>Seed of the deterministic demo data.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>How many users to create (alice, bob, carol, ...).</summary>
    public int UserCount { get; set; } = 3;

    /// <summary>The admin token; null generates one at start.</summary>
    public string? AdminToken { get; set; }

    /// <summary>Largest page the server sends, whatever the client prefers.</summary>
    public int MaxPageSize { get; set; } = 5000;

    /// <summary>Page size when the client states no preference.</summary>
    public int DefaultPageSize { get; set; } = 1000;

    /// <summary>Configures the host's logging (providers are cleared first); null logs nothing.</summary>
    public System.Action<ILoggingBuilder>? ConfigureLogging { get; set; }
}
