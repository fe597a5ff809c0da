using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using SmartSync.Diagnostics;
using SmartSync.Logging;
using SmartSync.Preconditions;
using SmartSync.Storage;
using SmartSync.Transport;

namespace SmartSync.Pipeline;

/// <summary>Executes one run: preconditions, the pipeline, and the bookkeeping of its outcome.</summary>
internal sealed class SyncRunner
{
    private readonly SyncStore _store;
    private readonly SmartSyncClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConnectionCircuitBreaker _breaker;
    private readonly SyncPipeline _pipeline;

    public SyncRunner(SyncStore store, SmartSyncClientOptions options, TimeProvider time, ILogger logger, ConnectionCircuitBreaker breaker, SyncPipeline pipeline)
    {
        _store = store;
        _options = options;
        _time = time;
        _logger = logger;
        _breaker = breaker;
        _pipeline = pipeline;
    }

    public async Task<SyncResult> RunAsync(SyncPlan plan, IReadOnlyList<IProgress<SyncProgress>> progress, CancellationToken cancellationToken)
    {
        var startedAt = _time.GetUtcNow();
        var started = _time.GetTimestamp();
        using var activity = SyncTelemetry.ActivitySource.StartActivity("SmartSync.Run");
        activity?.SetTag("smartsync.profile", plan.DisplayName);
        var phases = new List<PhaseResult>();
        SyncRunContext? context = null;
        SyncOutcome outcome;
        SyncRefusalReason refusal = SyncRefusalReason.None;
        string? message = null;
        Exception? error = null;
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            await _store.EnsureOpenAsync(cancellationToken).ConfigureAwait(false);
            if (!plan.IsFullSync)
            {
                Refusal? local;
                using (var lease = await _store.AcquireWriterAsync(cancellationToken).ConfigureAwait(false))
                {
                    local = PreconditionChecker.CheckLocal(lease.Connection, _options, _breaker, _store);
                }

                if (local is { } r)
                {
                    throw new SyncRefusedException(r.Reason, r.Message);
                }
            }

            context = new SyncRunContext(_store, _options, plan, _time, new SyncLogWriter(_logger, plan.DisplayName), new ProgressReporter(progress));
            await _pipeline.RunAsync(context, phases, cancellationToken).ConfigureAwait(false);
            outcome = SyncOutcome.Completed;
        }
        catch (SyncRefusedException ex)
        {
            SyncLogMessages.RunRefused(_logger, plan.DisplayName, ex.Reason, ex.Message);
            if (!ex.AfterWrites)
            {
                context = null; // a refused run writes nothing
            }

            outcome = SyncOutcome.Refused;
            refusal = ex.Reason;
            message = ex.Message;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            SyncLogMessages.RunCancelled(_logger, plan.DisplayName);
            outcome = SyncOutcome.Cancelled;
            message = "The run was cancelled.";
        }
        catch (Exception ex)
        {
            SyncLogMessages.RunFailed(_logger, plan.DisplayName, ex);
            outcome = SyncOutcome.Failed;
            error = ex;
            message = ex.Message;
            if (ex is TransportUnavailableException)
            {
                _breaker.RecordFailure();
            }
        }

        if (outcome == SyncOutcome.Completed)
        {
            _breaker.RecordSuccess();
        }

        var duration = _time.GetElapsedTime(started);
        if (context is not null || error is AuthorizationRequiredException)
        {
            await RecordAsync(context, plan, outcome, message, error, startedAt, duration).ConfigureAwait(false);
        }

        if (outcome == SyncOutcome.Completed && plan.IsFullSync && context?.Session?.FullSyncRequired == true
            && _options.Transport is IFullSyncAcknowledgement acknowledgement)
        {
            await AcknowledgeFullSyncAsync(acknowledgement, plan, cancellationToken).ConfigureAwait(false);
        }

        activity?.SetTag("smartsync.outcome", outcome.ToString());
        SyncTelemetry.Runs.Add(1, new KeyValuePair<string, object?>("outcome", outcome.ToString()));
        SyncTelemetry.RunDuration.Record(duration.TotalMilliseconds);
        return new SyncResult
        {
            ProfileName = plan.ProfileName,
            Outcome = outcome,
            RefusalReason = refusal,
            Message = message,
            Error = error,
            StartedAt = startedAt,
            Duration = duration,
            Phases = phases,
            Entities = context is null ? [] : context.Counters.Select(c => c.ToResult()).ToArray(),
            Pruned = context is null ? [] : context.Pruned.ToArray(),
        };
    }

    /// <summary>
    /// Tells the server the demanded full sync happened; if that fails the local flag still lets SmartSync run. It is
    /// bounded like every request (the transport's attempt timeout) and ends with the run's cancellation, so a silent
    /// server cannot hold the queue.
    /// </summary>
    private async Task AcknowledgeFullSyncAsync(IFullSyncAcknowledgement acknowledgement, SyncPlan plan, CancellationToken cancellationToken)
    {
        try
        {
            await acknowledgement.AcknowledgeFullSyncAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SyncTransportException or System.Net.Http.HttpRequestException or OperationCanceledException)
        {
            SyncLogMessages.RunFailed(_logger, plan.DisplayName + " (acknowledging the full sync)", ex);
        }
    }

    private async Task RecordAsync(SyncRunContext? context, SyncPlan plan, SyncOutcome outcome, string? message, Exception? error, DateTimeOffset startedAt, TimeSpan duration)
    {
        try
        {
            // Bookkeeping of an ended run is not cancellable: it is short and keeps the store consistent.
            using var lease = await _store.AcquireWriterAsync(CancellationToken.None).ConfigureAwait(false);
            if (context is not null)
            {
                RunFinalizer.Write(lease, context, outcome, message, startedAt, duration.TotalMilliseconds);
            }

            if (error is AuthorizationRequiredException)
            {
                SyncStore.SetSetting(lease.Connection, null, SettingNames.AuthorizationRequired, "1");
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            SyncLogMessages.RunFailed(_logger, plan.DisplayName + " (recording the run)", ex);
        }
    }
}
