using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using SmartSync.ReferenceServer;

namespace SmartSync.Benchmarks.Harness;

/// <summary>
/// Starts the reference server for a scenario: one user (who owns every seeded row, so what the server holds is
/// what the client downloads), a temporary database in the scratch folder, a free loopback port.
/// </summary>
public static class ServerSetup
{
    /// <summary>Only <paramref name="entityRows"/> are seeded; every other entity is empty.</summary>
    public static CrmServerOptions Only(string scratchFolder, IReadOnlyDictionary<string, int> entityRows) =>
        Options(scratchFolder, 0, 0, entityRows);

    public static CrmServerOptions Options(string scratchFolder, int rowsPerEntity, int referenceRows, IReadOnlyDictionary<string, int>? entityRows = null)
    {
        var options = new CrmServerOptions
        {
            DatabasePath = Path.Combine(scratchFolder, "server-" + Guid.NewGuid().ToString("N") + ".db"),
            Port = 0,
            UserCount = 1,
            RowsPerEntity = rowsPerEntity,
            ReferenceRowsPerEntity = referenceRows,
        };
        if (entityRows is not null)
        {
            foreach (var (entity, rows) in entityRows)
            {
                options.RowCounts[entity] = rows;
            }
        }

        return options;
    }

    /// <summary>Starts the server and reports how long seeding + start took.</summary>
    public static async Task<(CrmServer Server, TimeSpan StartTime)> StartAsync(CrmServerOptions options, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var server = await CrmServer.StartAsync(options, cancellationToken).ConfigureAwait(false);
        return (server, watch.Elapsed);
    }

    public static string Token(CrmServer server) => server.Users[0].Token;

    public static string UserId(CrmServer server) => server.Users[0].Id;
}
