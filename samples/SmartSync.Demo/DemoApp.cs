using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using SmartSync.Definitions.Semantics;
using SmartSync.Transport.Http;
using Spectre.Console;

namespace SmartSync.Demo;

/// <summary>
/// The demo: an embedded reference server, a local SQLite database, a full sync with live progress, then
/// SmartSync at work — a typed profile against a full incremental sync, the sync log, a RecordChange trigger
/// and the storage report. Everything runs for real: Kestrel on 127.0.0.1, HTTP, SQLite files.
/// </summary>
public static class DemoApp
{
    private const string TaskSet = "tasks";
    private static readonly TimeSpan DemoDebounce = TimeSpan.FromSeconds(1);

    /// <summary>Parses <paramref name="args"/>, runs the demo and returns the process exit code (0 success, 1 failure, 2 bad arguments).</summary>
    public static async Task<int> MainAsync(string[] args, IAnsiConsole console, bool live, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(error);
        DemoOptions options;
        try
        {
            options = DemoOptions.Parse(args);
        }
        catch (ArgumentException ex)
        {
            await error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            await error.WriteLineAsync(DemoOptions.Usage).ConfigureAwait(false);
            return 2;
        }

        if (options.Help)
        {
            console.WriteLine(DemoOptions.Usage);
            return 0;
        }

        try
        {
            await RunAsync(options, console, live, cancellationToken).ConfigureAwait(false);
            console.MarkupLine("[green]Demo completed.[/]");
            return 0;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync("Demo cancelled.").ConfigureAwait(false);
            return 1;
        }
        catch (DemoFailedException ex)
        {
            await error.WriteLineAsync("Demo failed: " + ex.Message).ConfigureAwait(false);
            return 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or InvalidDataException or Transport.SyncTransportException or Microsoft.Data.Sqlite.SqliteException)
        {
            await error.WriteLineAsync("Demo failed: " + ex.GetType().Name + ": " + ex.Message).ConfigureAwait(false);
            return 1;
        }
    }

    /// <summary>A console without colours, cursor moves or live widgets: for redirected output and tests.</summary>
    public static IAnsiConsole PlainConsole(TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 150;
        return console;
    }

    private static async Task RunAsync(DemoOptions options, IAnsiConsole console, bool live, CancellationToken cancellationToken)
    {
        console.Write(new Rule("SmartSync for .NET demo").LeftJustified());
        ShowCompiledProfiles(console);

        Step(console, "1. Server");
        await using var server = await DemoServer.StartAsync(options, cancellationToken).ConfigureAwait(false);
        console.WriteLine("  " + server.Description);

        var folder = Path.Combine(Path.GetTempPath(), "smartsync-demo-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            await RunAgainstAsync(server, Path.Combine(folder, "crm.db"), options, console, live, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (options.Keep)
            {
                console.WriteLine("Local database kept: " + Path.Combine(folder, "crm.db"));
            }
            else
            {
                TryDelete(folder);
            }
        }
    }

    private static async Task RunAgainstAsync(DemoServer server, string databasePath, DemoOptions options, IAnsiConsole console, bool live, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var transport = new HttpSyncTransport(http, new HttpSyncTransportOptions
        {
            BaseAddress = server.BaseAddress,
            AccessTokenProvider = _ => ValueTask.FromResult<string?>(server.Token),
            MaxRetryAttempts = 2,
        });
        await using var client = new SmartSyncClient(new SmartSyncClientOptions { DatabasePath = databasePath, Transport = transport, PageSize = 1000 });
        SmartSyncClient.Default = client; // what Profiles.X.RunAsync() uses
        console.WriteLine("  local SQLite database: " + databasePath);

        // 2. The first full sync: every entity, every phase.
        Step(console, "2. Full sync (first run: downloads everything)");
        var view = new SyncProgressView(console, live);
        var watch = Stopwatch.StartNew();
        var full = await view.ShowAsync("Full sync", client.StartFullSync(view, cancellationToken).Completion).ConfigureAwait(false);
        Require(full, "the first full sync");
        var downloaded = full.Entities.Sum(e => e.Downloaded);
        console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Full sync completed: {downloaded:N0} records in {full.Entities.Count} entities, {watch.Elapsed.TotalSeconds:F1} s"));

        // 3. SmartSync at work: the same number of server changes, fetched by a typed profile and by a full incremental sync.
        Step(console, "3. SmartSync vs full incremental sync");
        var tasks = await client.Records.QueryAsync(EntityNames.Task, cancellationToken).ConfigureAwait(false);
        var owned = OwnedBy(tasks, server.UserId);
        const int edits = 5;
        if (owned.Count < edits * 2 + 3)
        {
            throw new DemoFailedException($"The server gave this user only {owned.Count} tasks; the demo needs at least {edits * 2 + 3} (seed the server with more rows).");
        }

        TimeSpan smartTime;
        SyncResult smart;
        TimeSpan fullTime;
        SyncResult incremental;
        if (server.AdminToken is null)
        {
            console.WriteLine("  (no --admin-token: the server-side edits are skipped; both runs below find nothing new)");
        }
        else
        {
            await EditOnServerAsync(server, owned.Take(edits), "GetTasks", cancellationToken).ConfigureAwait(false);
            console.WriteLine($"  edited {edits} task rows on the server (PATCH /admin/rows/{TaskSet}(key))");
        }

        watch.Restart();
        smart = await Profiles.GetTasks.RunAsync(cancellationToken).ConfigureAwait(false); // the generated, typed API
        smartTime = watch.Elapsed;
        Require(smart, "Profiles.GetTasks");

        if (server.AdminToken is not null)
        {
            await EditOnServerAsync(server, owned.Skip(edits).Take(edits), "the full sync", cancellationToken).ConfigureAwait(false);
            console.WriteLine($"  edited {edits} other task rows on the server");
        }

        watch.Restart();
        incremental = await client.RunFullSyncAsync(cancellationToken).ConfigureAwait(false);
        fullTime = watch.Elapsed;
        Require(incremental, "the incremental full sync");

        var check = await client.Records.GetAsync(EntityNames.Task, owned[0].Key, cancellationToken).ConfigureAwait(false);
        var timings = new Table().Border(TableBorder.Simple)
            .AddColumn("Run").AddColumn(new TableColumn("Entities").RightAligned()).AddColumn(new TableColumn("Downloaded").RightAligned())
            .AddColumn(new TableColumn("Phases run").RightAligned()).AddColumn(new TableColumn("Time").RightAligned());
        timings.AddRow("Profiles.GetTasks.RunAsync()", Count(smart.Entities.Count), Count(smart.Entities.Sum(e => e.Downloaded)), Count(smart.Phases.Count(p => !p.Skipped)), Ms(smartTime));
        timings.AddRow("client.RunFullSyncAsync() (incremental)", Count(incremental.Entities.Count), Count(incremental.Entities.Sum(e => e.Downloaded)), Count(incremental.Phases.Count(p => !p.Skipped)), Ms(fullTime));
        console.Write(timings);
        console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Speed-up of the SmartSync: {fullTime.TotalMilliseconds / Math.Max(smartTime.TotalMilliseconds, 0.001):F1}x (one measurement on this machine; see docs/benchmarks.md for measured numbers)"));
        if (check?.Values.GetValueOrDefault("subject") is string subject)
        {
            console.WriteLine("  local copy of an edited task now reads: \"" + subject + "\"");
        }

        // 4. The sync log of the SmartSync run.
        Step(console, "4. Sync log of the GetTasks run");
        var log = (await client.GetSyncLogAsync(runs: 5, cancellationToken).ConfigureAwait(false)).FirstOrDefault(l => l.ProfileName == "GetTasks")
            ?? throw new DemoFailedException("The sync log has no GetTasks run.");
        foreach (var line in log.Lines.Take(14))
        {
            console.WriteLine("  " + line);
        }

        if (log.Lines.Count > 14)
        {
            console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ... ({log.Lines.Count - 14} more lines)"));
        }

        if (!log.Lines.Any(l => l.Contains("<SmartSync name='GetTasks'/>", StringComparison.Ordinal)))
        {
            throw new DemoFailedException("The GetTasks log lacks its <SmartSync name='GetTasks'/> marker.");
        }

        // 5. A RecordChange trigger: local edits of tasks start UploadActivities after the debounce window.
        Step(console, "5. Typed reads and writes, and the RecordChange trigger (UploadActivities)");
        await ShowRecordChangeTriggerAsync(client, owned.Skip(edits * 2).Take(3).ToList(), console, cancellationToken).ConfigureAwait(false);

        // 6. What the device holds.
        Step(console, "6. Storage report");
        var report = await client.AnalyzeStorageAsync(cancellationToken).ConfigureAwait(false);
        console.WriteLine("Storage report (rows, size, freshness, profiles and exclusions per entity):");
        console.Write(StorageReportTable.Build(report));
    }

    private static async Task ShowRecordChangeTriggerAsync(SmartSyncClient client, IReadOnlyList<LocalRecord> records, IAnsiConsole console, CancellationToken cancellationToken)
    {
        var compiled = Profiles.Triggers.Single(t => t.Launch == "UploadActivities" && t.Action == TriggerAction.RecordChange);
        var demoTrigger = compiled with { DelaySeconds = (int)DemoDebounce.TotalSeconds };
        console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"  SmartSync.xml debounces this trigger {compiled.DelaySeconds} s; the demo arms the same trigger with {demoTrigger.DelaySeconds} s so you do not wait (real clock, nothing faked)."));
        var catalog = new SmartSyncCatalog([Profiles.UploadActivities], [demoTrigger], Profiles.GlobalExclusions);
        var before = (await client.GetSyncLogAsync(runs: 50, cancellationToken).ConfigureAwait(false)).Count(l => l.ProfileName == "UploadActivities");
        client.StartTriggers(catalog);
        try
        {
            var watch = Stopwatch.StartNew();
            await TypedReadsAndWritesAsync(client, console, cancellationToken).ConfigureAwait(false);
            foreach (var record in records)
            {
                // The untyped API is still there for tables the app was not built against.
                await client.Records.UpsertAsync(EntityNames.Task, record.Key, new Dictionary<string, object?> { ["subject"] = "Edited on the device" }, cancellationToken).ConfigureAwait(false);
            }

            var pending = await client.Records.CountPendingChangesAsync(cancellationToken).ConfigureAwait(false);
            console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {records.Count} more task edits through the untyped client.Records API: {pending} changes wait in the outbox"));

            // The trigger runs on its own; the demo watches the sync history for the run it starts.
            SyncLogEntry? run = null;
            while (run is null)
            {
                if (watch.Elapsed > TimeSpan.FromSeconds(30))
                {
                    throw new DemoFailedException("The RecordChange trigger did not run UploadActivities within 30 s.");
                }

                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
                var runs = (await client.GetSyncLogAsync(runs: 50, cancellationToken).ConfigureAwait(false)).Where(l => l.ProfileName == "UploadActivities").ToList();
                if (runs.Count > before && !client.IsPending("UploadActivities"))
                {
                    run = runs[0];
                    if (runs.Count - before != 1)
                    {
                        throw new DemoFailedException($"The edits started {runs.Count - before} UploadActivities runs instead of one.");
                    }
                }
            }

            pending = await client.Records.CountPendingChangesAsync(cancellationToken).ConfigureAwait(false);
            console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"  the trigger started UploadActivities once, {watch.Elapsed.TotalSeconds:F1} s after the first edit: {run.Outcome}; outbox now {pending}"));
            if (run.Outcome != SyncOutcome.Completed || pending != 0)
            {
                throw new DemoFailedException("UploadActivities did not upload the local edits: " + string.Join(" | ", run.Lines.TakeLast(3)));
            }

            foreach (var line in run.Lines.Where(l => l.Contains("pload", StringComparison.Ordinal)).Take(4))
            {
                console.WriteLine("    " + line);
            }
        }
        finally
        {
            await client.StopTriggersAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The generated record types: two tasks planned for this week are created, "open tasks due this week" is
    /// queried in SQLite and observed live, and one of them is edited (checked against the version read).
    /// </summary>
    private static async Task TypedReadsAndWritesAsync(SmartSyncClient client, IAnsiConsole console, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var monday = new DateTimeOffset(now.Date.AddDays(-(((int)now.DayOfWeek + 6) % 7)), TimeSpan.Zero);
        await client.Records.CreateAsync(new TaskRecord { Subject = "Prepare the quarterly review", Statecode = 0, Prioritycode = 1, Scheduledend = monday.AddDays(3).AddHours(16) }, cancellationToken).ConfigureAwait(false);
        await client.Records.CreateAsync(new TaskRecord { Subject = "Call Contoso about the renewal", Statecode = 0, Prioritycode = 2, Scheduledend = monday.AddDays(1).AddHours(10) }, cancellationToken).ConfigureAwait(false);

        var openThisWeek = client.Records.Query(TaskRecord.Table)
            .Where(t => t.Statecode == 0 & t.Scheduledend.InRange(monday, monday.AddDays(7)))
            .OrderBy(t => t.Scheduledend);
        var due = await openThisWeek.ToListAsync(cancellationToken).ConfigureAwait(false);
        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  open tasks due this week (typed query, run by SQLite): {due.Count}"));
        foreach (var task in due)
        {
            console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {task.Scheduledend:yyyy-MM-dd HH:mm}  {task.Subject}"));
        }

        // A live view of the same query: it re-emits after the edit below (coalesced, no polling).
        var emissions = System.Threading.Channels.Channel.CreateUnbounded<IReadOnlyList<TaskRecord>>();
        using var live = openThisWeek.Observe().Subscribe(new ChannelObserver<IReadOnlyList<TaskRecord>>(emissions.Writer));
        await emissions.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);

        var first = due[0];
        first.Subject += " (confirmed)";
        first.Percentcomplete = 50;
        await client.Records.UpdateAsync(first, cancellationToken).ConfigureAwait(false);
        console.WriteLine("  edited \"" + first.Subject + "\" with client.Records.UpdateAsync (row and outbox entry in one transaction)");

        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(TimeSpan.FromSeconds(10));
        var updated = await emissions.Reader.ReadAsync(wait.Token).ConfigureAwait(false);
        console.WriteLine("  the live query re-emitted: " + string.Join(", ", updated.Select(t => "\"" + t.Subject + "\"")));
    }

    private static async Task EditOnServerAsync(DemoServer server, IEnumerable<LocalRecord> records, string forWhom, CancellationToken cancellationToken)
    {
        foreach (var record in records)
        {
            await server.EditAsync(TaskSet, record.Key, "subject", "Edited on the server for " + forWhom, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Records the user owns (shared ones are read-only for them); any record when the user is not known.</summary>
    private static List<LocalRecord> OwnedBy(IReadOnlyList<LocalRecord> records, string? userId)
    {
        const string owner = "_ownerid_value";
        var ownerId = userId ?? records
            .Select(r => r.Values.GetValueOrDefault(owner)?.ToString())
            .Where(v => v is not null)
            .GroupBy(v => v, StringComparer.OrdinalIgnoreCase)
            .OrderByDescending(g => g.Count())
            .Select(g => g.Key)
            .FirstOrDefault();
        return records.Where(r => ownerId is null || string.Equals(r.Values.GetValueOrDefault(owner)?.ToString(), ownerId, StringComparison.OrdinalIgnoreCase)).ToList();
    }

    private static void Require(SyncResult result, string what)
    {
        if (!result.IsSuccess)
        {
            throw new DemoFailedException($"{what} ended {result.Outcome}{(result.Outcome == SyncOutcome.Refused ? " (" + result.RefusalReason + ")" : string.Empty)}: {result.Message ?? result.Error?.Message}");
        }
    }

    private static string Count(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Ms(TimeSpan time) => time.TotalMilliseconds.ToString("N0", CultureInfo.InvariantCulture) + " ms";

    private static void ShowCompiledProfiles(IAnsiConsole console)
    {
        // Everything listed here comes from code the generator wrote from SmartSync.xml and crm.csdl at build time.
        var catalog = SmartSyncCatalog.Compiled;
        console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"SmartSync.xml compiled to {Profiles.All.Count} typed profiles and {Profiles.Triggers.Count} triggers (registered at start-up: {catalog.Profiles.Count} profiles)"));
        (SmartSyncProfile Profile, EffectiveEntitySet Entities)[] compiled =
        [
            (Profiles.GetTasks, Profiles.GetTasks.CompiledEntities),
            (Profiles.UploadActivities, Profiles.UploadActivities.CompiledEntities),
            (Profiles.SalesPipeline, Profiles.SalesPipeline.CompiledEntities),
            (Profiles.AllButActivities, Profiles.AllButActivities.CompiledEntities),
        ];
        foreach (var (profile, entities) in compiled)
        {
            var triggers = string.Join(", ", Profiles.Triggers.Where(t => t.Launch == profile.Name).Select(t => $"{t.Action} {t.DelaySeconds} s"));
            console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"  Profiles.{profile.Name,-17} {profile.Action,-10} {entities.Entities.Count,2} entities  triggers: {(triggers.Length == 0 ? "none" : triggers)}"));
        }
    }

    private static void Step(IAnsiConsole console, string title)
    {
        console.WriteLine();
        console.Write(new Rule(Markup.Escape(title)).LeftJustified());
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind is harmless.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
