using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SmartSync.Definitions.Semantics;

namespace SmartSync.Triggers;

/// <summary>
/// Starts profiles from their compiled-in (or overridden) triggers (docs/hosting.md): once after app start,
/// after a debounce window of local changes, and periodically without overlapping runs. All timing
/// comes from <see cref="TimeProvider"/>, so tests advance a fake clock instead of sleeping.
/// </summary>
public sealed class TriggerScheduler : IAsyncDisposable
{
    private readonly ITriggerHost _host;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly List<ArmedTrigger> _triggers;
    private readonly CancellationTokenSource _stopping = new();
    private readonly object _gate = new();
    private readonly HashSet<Task> _inFlight = [];
    private bool _started;

    public TriggerScheduler(SmartSyncCatalog catalog, ITriggerHost host, TimeProvider? timeProvider = null, ILogger<TriggerScheduler>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        _host = host ?? throw new ArgumentNullException(nameof(host));
        _time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _triggers = [];
        foreach (var trigger in catalog.Triggers)
        {
            var profile = catalog.Find(trigger.Launch);
            if (profile is null)
            {
                TriggerLog.UnknownProfile(_logger, trigger.Launch);
                continue;
            }

            _triggers.Add(new ArmedTrigger(trigger, profile));
        }
    }

    /// <summary>The triggers this scheduler runs.</summary>
    public IReadOnlyList<TriggerSpec> Triggers => _triggers.Select(t => t.Spec).ToArray();

    /// <summary>Arms the AppStart and PeriodicSync timers. RecordChange triggers wait for <see cref="NotifyRecordChanged"/>.</summary>
    public void Start()
    {
        lock (_gate)
        {
            if (_started)
            {
                return;
            }

            _started = true;
            foreach (var trigger in _triggers)
            {
                var delay = TimeSpan.FromSeconds(trigger.Spec.DelaySeconds);
                switch (trigger.Spec.Action)
                {
                    case TriggerAction.AppStart:
                        trigger.Timer = _time.CreateTimer(_ => Fire(trigger, skipWhenPending: false), null, delay, Timeout.InfiniteTimeSpan);
                        break;
                    case TriggerAction.PeriodicSync:
                        // A zero period would spin; the analyzers warn below 60 s, the scheduler refuses below 1 s.
                        var period = delay < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : delay;
                        trigger.Timer = _time.CreateTimer(_ => Fire(trigger, skipWhenPending: true), null, period, period);
                        break;
                }
            }
        }
    }

    /// <summary>
    /// Tells the scheduler that the app changed a local record. The first change opens a debounce window of
    /// the trigger's Delay; changes inside the window coalesce into the single run at its end.
    /// </summary>
    public void NotifyRecordChanged(string entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        lock (_gate)
        {
            if (!_started || _stopping.IsCancellationRequested)
            {
                return;
            }

            foreach (var trigger in _triggers.Where(t => t.Spec.Action == TriggerAction.RecordChange))
            {
                if (!Watches(trigger, entity) || trigger.Timer is not null)
                {
                    continue;
                }

                trigger.Timer = _time.CreateTimer(
                    _ =>
                    {
                        lock (_gate)
                        {
                            trigger.Timer?.Dispose();
                            trigger.Timer = null;
                        }

                        Fire(trigger, skipWhenPending: false);
                    },
                    null,
                    TimeSpan.FromSeconds(trigger.Spec.DelaySeconds),
                    Timeout.InfiniteTimeSpan);
            }
        }
    }

    /// <summary>Disarms every timer and waits for runs the triggers started.</summary>
    public async Task StopAsync()
    {
        Task[] running;
        lock (_gate)
        {
            _stopping.Cancel();
            foreach (var trigger in _triggers)
            {
                trigger.Timer?.Dispose();
                trigger.Timer = null;
            }

            running = _inFlight.ToArray();
        }

        try
        {
            await Task.WhenAll(running).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Runs end as Cancelled when the scheduler stops; nothing to report.
        }
    }

    /// <summary>Completes when every run the triggers started so far has ended (for tests and orderly shutdown).</summary>
    internal Task WhenIdleAsync()
    {
        lock (_gate)
        {
            return Task.WhenAll(_inFlight.ToArray());
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private bool Watches(ArmedTrigger trigger, string entity) =>
        trigger.Spec.Entity is { } only
            ? string.Equals(only, entity, StringComparison.Ordinal)
            : _host.EntitiesOf(trigger.Profile).Contains(entity);

    private void Fire(ArmedTrigger trigger, bool skipWhenPending)
    {
        lock (_gate)
        {
            if (_stopping.IsCancellationRequested)
            {
                return;
            }

            // No overlapping runs: a periodic tick while its own run (or any queued run of the profile) is pending is skipped.
            if (skipWhenPending && (trigger.Running || _host.IsPending(trigger.Profile.Name)))
            {
                TriggerLog.SkippedPending(_logger, trigger.Profile.Name);
                return;
            }

            trigger.Running = true;
            TriggerLog.Firing(_logger, trigger.Spec.Action, trigger.Profile.Name);
            var run = RunAsync(trigger);
            _inFlight.Add(run);
            _ = run.ContinueWith(
                t =>
                {
                    lock (_gate)
                    {
                        _inFlight.Remove(t);
                    }
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
    }

    private async Task RunAsync(ArmedTrigger trigger)
    {
        try
        {
            var result = await _host.RunAsync(trigger.Profile, _stopping.Token).ConfigureAwait(false);
            switch (result.Outcome)
            {
                case SyncOutcome.Refused:
                    TriggerLog.Refused(_logger, trigger.Spec.Action, trigger.Profile.Name, result.RefusalReason, result.Message);
                    break;
                case SyncOutcome.Failed:
                    TriggerLog.Unsuccessful(_logger, trigger.Spec.Action, trigger.Profile.Name, result.Outcome, result.Message ?? result.Error?.Message);
                    break;
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // A trigger must never take the app down; the run's own result carries the details.
            TriggerLog.Unsuccessful(_logger, trigger.Spec.Action, trigger.Profile.Name, SyncOutcome.Failed, ex.Message);
        }
        finally
        {
            lock (_gate)
            {
                trigger.Running = false;
            }
        }
    }

    private sealed class ArmedTrigger(TriggerSpec spec, SmartSyncProfile profile)
    {
        public TriggerSpec Spec { get; } = spec;

        public SmartSyncProfile Profile { get; } = profile;

        public ITimer? Timer { get; set; }

        public bool Running { get; set; }
    }
}
