using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using SmartSync.Diagnostics;
using SmartSync.Pipeline.Phases;

namespace SmartSync.Pipeline;

/// <summary>Runs the phases in the documented order (docs/runtime.md), skipping what the plan excludes, timing and logging each.</summary>
internal sealed class SyncPipeline
{
    public static readonly IReadOnlyList<ISyncPhase> DefaultPhases =
    [
        new AuthenticationPhase(),
        new CustomizationCheckPhase(),
        new PreparationPhase(),
        new UploadPhase(),
        new RemoteConflictsPhase(),
        new EntityDownloadPhase(),
        new SyncDeletesPhase(),
        new SharedRecordsPhase(),
        new BlobPhase("EntityImages", Transport.BlobKind.EntityImage, SyncModules.NoEntityImages),
        new BlobPhase("Attachments", Transport.BlobKind.Attachment, SyncModules.NoAttachments),
        new BlobPhase("Documents", Transport.BlobKind.Document, SyncModules.NoDocuments),
        new CleanupPhase(),
        new ExchangePhase(),
    ];

    private readonly IReadOnlyList<ISyncPhase> _phases;

    public SyncPipeline(IReadOnlyList<ISyncPhase> phases)
    {
        _phases = phases;
    }

    public async Task RunAsync(SyncRunContext context, List<PhaseResult> results, CancellationToken cancellationToken)
    {
        context.Progress.PhaseCount = _phases.Count;
        for (var i = 0; i < _phases.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var phase = _phases[i];
            if (!PhaseSelector.ShouldRun(phase, context.Plan, context.CleanupForced))
            {
                results.Add(new PhaseResult(phase.Name, Skipped: true, Items: 0, Duration: default));
                continue;
            }

            using var activity = SyncTelemetry.ActivitySource.StartActivity("SmartSync." + phase.Name);
            context.Progress.Phase = phase.Name;
            context.Progress.PhaseIndex = i;
            context.Progress.Report(null, 0);
            var started = context.Time.GetTimestamp();
            int items;
            try
            {
                items = await phase.RunAsync(context, cancellationToken).ConfigureAwait(false);
            }
            catch (Transport.PhaseNotSupportedException ex)
            {
                // The server has no counterpart for this phase (docs/dataverse.md): skipped, and the log says why.
                results.Add(new PhaseResult(phase.Name, Skipped: true, Items: 0, Duration: default));
                context.Log.Line(phase.Name + " skipped: " + ex.Message);
                continue;
            }

            var elapsed = context.Time.GetElapsedTime(started);
            activity?.SetTag("smartsync.items", items);
            results.Add(new PhaseResult(phase.Name, Skipped: false, items, elapsed));
            context.Log.Line(string.Format(CultureInfo.InvariantCulture, "{0}: {1} item(s) in {2:F0} ms", phase.Name, items, elapsed.TotalMilliseconds));
        }
    }
}
