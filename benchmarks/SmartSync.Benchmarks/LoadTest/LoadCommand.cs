using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Npgsql;
using SmartSync.Definitions.Collections;
using SmartSync.Definitions.Semantics;
using SmartSync.ReferenceServer;
using SmartSync.Transport.Http;

namespace SmartSync.Benchmarks.LoadTest;

/// <summary>
/// `load`: N simulated devices (one user each), each editing and syncing in a loop for a bounded time, against
/// SQLite (one node: SQLite is single-process) and PostgreSQL (two nodes behind a round-robin balancer). Then
/// every device syncs once more and must hold exactly its user's server rows. Prints syncs/s, records/s and
/// request latency percentiles per provider, and the PostgreSQL/SQLite ratio.
/// </summary>
internal static class LoadCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var devices = 50;
        var seconds = 20;
        var postgres = Environment.GetEnvironmentVariable("SMARTSYNC_TEST_POSTGRES");
        string? only = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--devices" when i + 1 < args.Length: devices = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--seconds" when i + 1 < args.Length: seconds = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--postgres" when i + 1 < args.Length: postgres = args[++i]; break;
                case "--only" when i + 1 < args.Length && args[i + 1] is "sqlite" or "postgres": only = args[++i]; break;
                default:
                    Console.Error.WriteLine("Usage: load [--devices 50] [--seconds 20] [--postgres <connection string>] [--only sqlite|postgres] (default: $SMARTSYNC_TEST_POSTGRES)");
                    return 2;
            }
        }

        var results = new List<LoadResult>();
        if (only is null or "sqlite")
        {
            results.Add(await RunOnceAsync("SQLite, 1 node", devices, seconds, null));
        }

        if (only == "sqlite")
        {
        }
        else if (!string.IsNullOrWhiteSpace(postgres))
        {
            results.Add(await RunOnceAsync("PostgreSQL, 2 nodes", devices, seconds, postgres));
        }
        else
        {
            Console.WriteLine("PostgreSQL skipped: set SMARTSYNC_TEST_POSTGRES or --postgres (eng/start-postgres.sh).");
        }

        Console.WriteLine();
        Console.WriteLine($"| provider | devices | seconds | syncs | syncs/s | records/s | p50 ms | p99 ms | max ms | longest gap ms | converged |");
        Console.WriteLine($"|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in results)
        {
            Console.WriteLine(FormattableString.Invariant($"| {r.Name} | {devices} | {r.Seconds:0.0} | {r.Syncs} | {r.Syncs / r.Seconds:0.0} | {r.Records / r.Seconds:0} | {r.P50:0.0} | {r.P99:0.0} | {r.Max:0} | {r.LongestGap:0} | {(r.Converged ? "yes" : "NO")} |"));
        }

        if (results.Count == 2)
        {
            Console.WriteLine(FormattableString.Invariant($"PostgreSQL/SQLite syncs/s ratio: {results[1].Syncs / results[1].Seconds / (results[0].Syncs / results[0].Seconds):0.00}"));
        }

        return results.All(r => r.Converged) ? 0 : 1;
    }

    private static async Task<LoadResult> RunOnceAsync(string name, int deviceCount, int seconds, string? postgres)
    {
        string? database = null;
        string? connectionString = null;
        if (postgres is not null)
        {
            database = "ss_load_" + Guid.NewGuid().ToString("N")[..12];
            await using var admin = new NpgsqlConnection(postgres);
            await admin.OpenAsync();
            await using (var create = new NpgsqlCommand($"CREATE DATABASE {database}", admin))
            {
                await create.ExecuteNonQueryAsync();
            }

            connectionString = new NpgsqlConnectionStringBuilder(postgres) { Database = database, MaxPoolSize = 90 }.ConnectionString;
        }

        var secret = RandomNumberGenerator.GetBytes(32);
        CrmServerOptions Options(bool seed) => new()
        {
            RowsPerEntity = Math.Max(40, deviceCount * 2), ReferenceRowsPerEntity = 5, UserCount = deviceCount, Port = 0, TokenSecret = secret,
            PostgresConnectionString = connectionString, SkipSeeding = !seed,
            // Server errors (500s) are printed, so a failed sync shows its cause.
            ConfigureLogging = l => l.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning),
        };

        var nodes = new List<CrmServer> { await CrmServer.StartAsync(Options(seed: true)) };
        if (postgres is not null)
        {
            nodes.Add(await CrmServer.StartAsync(Options(seed: false)));
        }

        var folder = Path.Combine(Path.GetTempPath(), "smartsync-load", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var latencies = new ConcurrentBag<(long Completed, double Milliseconds)>();
        using var http = new HttpClient(new BalancingTimingHandler(nodes.Select(n => n.BaseAddress).ToArray(), latencies));
        var profile = new LoadedProfile(new ProfileSpec("Contacts", null, SyncAction.UpDownSync, SyncMethod.Default, true, true, SyncModules.None, EntitiesMode.Include,
            new[] { new EntitySpec("contact", false, false) }.ToEquatableArray()));
        var users = nodes[0].Users.Take(deviceCount).ToList();
        var clients = users.Select((user, i) => new SmartSyncClient(new SmartSyncClientOptions
        {
            DatabasePath = Path.Combine(folder, $"device{i}.db"),
            PageSize = 50,
            Transport = new HttpSyncTransport(http, new HttpSyncTransportOptions
            {
                BaseAddress = nodes[0].BaseAddress,
                AccessTokenProvider = _ => ValueTask.FromResult<string?>(user.Token),
                DeviceId = "load-device-" + i.ToString(CultureInfo.InvariantCulture),
                MaxRetryAttempts = 3,
                RetryBaseDelay = TimeSpan.FromMilliseconds(50),
            }),
        })).ToList();

        try
        {
            Console.WriteLine($"{name}: {deviceCount} devices, first full syncs...");
            var firsts = await Task.WhenAll(clients.Select(c => c.RunFullSyncAsync()));
            foreach (var failed in firsts.Where(r => !r.IsSuccess).Take(3))
            {
                Console.WriteLine($"  first full sync failed: {failed.Message} {failed.Error}");
            }

            if (firsts.Any(r => !r.IsSuccess))
            {
                return new LoadResult(name, 1, 0, 0, 0, 0, 0, 0, Converged: false);
            }
            latencies.Clear();
            var syncs = 0L;
            var records = 0L;
            var failures = 0L;
            var stopwatch = Stopwatch.StartNew();
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
            await Task.WhenAll(clients.Select((client, i) => Task.Run(async () =>
            {
                var round = 0;
                while (!stop.IsCancellationRequested)
                {
                    // Each device creates one record and edits another, the server edits one of the user's rows.
                    await client.Records.UpsertAsync("contact", Guid.NewGuid().ToString("D"), new Dictionary<string, object?> { ["lastname"] = $"load {i}.{round}" });
                    var node = nodes[round % nodes.Count];
                    // Async: the generator shares the thread pool with both nodes; a blocking lookup (OwnedKeys is
                    // sync-over-async) in every device loop starved it, which showed as stalls of 15-30 s and Npgsql
                    // connection-attempt timeouts at 150 devices (docs/benchmarks.md).
                    var keys = await node.Backend.ListKeysAsync("contact", users[i].Id, 5);
                    if (keys.Count > 0)
                    {
                        await node.EditRowAsync("contact", keys[round % keys.Count], new Dictionary<string, object?> { ["jobtitle"] = $"server {round}" });
                    }
                    var result = await client.RunAsync(profile);
                    Interlocked.Increment(ref syncs);
                    if (!result.IsSuccess)
                    {
                        Interlocked.Increment(ref failures);
                    }

                    Interlocked.Add(ref records, result.Entities.Sum(e => (long)e.Downloaded + e.Uploaded));
                    round++;
                }
            })));
            var elapsed = stopwatch.Elapsed.TotalSeconds;
            var sorted = latencies.Select(l => l.Milliseconds).Order().ToArray();
            // The longest time in which no request completed at all: a stall of the whole system, not one slow request.
            var completions = latencies.Select(l => l.Completed).Order().ToArray();
            var longestGap = completions.Zip(completions.Skip(1), (a, b) => Stopwatch.GetElapsedTime(a, b).TotalMilliseconds).DefaultIfEmpty(0).Max();

            // Converge: one more sync each, then the device's rows equal its user's rows on the server.
            await Task.WhenAll(clients.Select(c => c.RunAsync(profile)));
            var converged = failures == 0;
            for (var i = 0; i < clients.Count; i++)
            {
                var local = (await clients[i].Records.QueryAsync("contact")).Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
                var server = nodes[^1].OwnedKeys("contact", users[i].Id, 1_000_000).ToHashSet(StringComparer.Ordinal);
                if (!server.IsSubsetOf(local) || await clients[i].Records.CountPendingChangesAsync() != 0)
                {
                    converged = false;
                    Console.WriteLine($"  device {i}: {server.Except(local).Count()} server rows missing locally");
                }
            }

            Console.WriteLine(FormattableString.Invariant($"  {syncs} syncs ({failures} failed) in {elapsed:0.0} s"));
            return new LoadResult(name, elapsed, syncs, records, Percentile(sorted, 0.50), Percentile(sorted, 0.99), sorted.DefaultIfEmpty(0).Max(), longestGap, converged);
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }

            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }

            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
            if (database is not null)
            {
                NpgsqlConnection.ClearAllPools();
                await using var admin = new NpgsqlConnection(postgres);
                await admin.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", admin);
                await drop.ExecuteNonQueryAsync();
            }
        }
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private sealed record LoadResult(string Name, double Seconds, long Syncs, long Records, double P50, double P99, double Max, double LongestGap, bool Converged);
}
