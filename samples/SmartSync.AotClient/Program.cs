using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using SmartSync;
using SmartSync.AotClient;
using SmartSync.Transport.Http;

// smartsync-aot --list
// smartsync-aot --server http://127.0.0.1:5080 --token <token> [--db client.db] [--page-size 500] [--profile GetTasks]...
var arguments = CommandLine.Parse(args);
if (arguments is null)
{
    Console.Error.WriteLine("usage: SmartSync.AotClient --list | --server <url> --token <token> [--db <file>] [--page-size <n>] [--profile <name>]...");
    return 2;
}

if (arguments.ListOnly)
{
    // No network, no database: what start-up costs, and proof the generated code is in the binary.
    foreach (var profile in Profiles.All)
    {
        Console.WriteLine($"{profile.Name}: {profile.Action}, {profile.Method}, entities {string.Join(", ", profile.Entities.Select(e => e.Name))}");
    }

    return 0;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

using var http = new HttpClient();
var transport = new HttpSyncTransport(http, new HttpSyncTransportOptions
{
    BaseAddress = arguments.Server,
    AccessTokenProvider = _ => ValueTask.FromResult<string?>(arguments.Token),
});
await using var client = new SmartSyncClient(new SmartSyncClientOptions
{
    DatabasePath = Path.GetFullPath(arguments.DatabasePath),
    Transport = transport,
    PageSize = arguments.PageSize,
});

var selected = arguments.Profiles.Count == 0
    ? Profiles.All
    : arguments.Profiles.Select(name => SmartSyncCatalog.Compiled.Find(name) ?? throw new ArgumentException($"Unknown profile '{name}'.")).ToArray();

var failures = 0;
foreach (var profile in selected)
{
    var result = await profile.RunAsync(client, stop.Token);
    if (result.Outcome == SyncOutcome.Refused && result.RefusalReason is SyncRefusalReason.FullSyncRequired or SyncRefusalReason.IncrementalNotPossible)
    {
        // A new store (or a changed server) needs one full sync before SmartSyncs may run.
        Print(await client.RunFullSyncAsync(stop.Token), "full sync");
        result = await profile.RunAsync(client, stop.Token);
    }

    Print(result, profile.Name);
    failures += result.IsSuccess ? 0 : 1;
}

if (failures == 0)
{
    // Typed local data (docs/data-access.md): the generated TaskRecord, filtered, sorted and counted by SQLite.
    var open = client.Records.Query(TaskRecord.Table).Where(t => t.Statecode == 0).OrderByDescending(t => t.Scheduledend);
    var openCount = await open.CountAsync(stop.Token);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"open tasks on the device (typed query): {openCount}"));
    foreach (var task in await open.Take(3).ToListAsync(stop.Token))
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {task.Scheduledend:yyyy-MM-dd HH:mm}  {task.Subject}"));
    }
}

return failures == 0 ? 0 : 1;

static void Print(SyncResult result, string label)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label}: {result.Outcome} in {result.Duration.TotalMilliseconds:F0} ms{(result.Message is null ? string.Empty : " - " + result.Message)}"));
    foreach (var entity in result.Entities)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {entity.Entity,-22} down {entity.Downloaded,6}  up {entity.Uploaded,4}  deleted {entity.Deleted,4}{(entity.FullDownload ? "  (full)" : string.Empty)}"));
    }

    foreach (var phase in result.Phases.Where(p => !p.Skipped && p.Items > 0))
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  phase {phase.Phase,-18} {phase.Items,6} items  {phase.Duration.TotalMilliseconds:F0} ms"));
    }
}
