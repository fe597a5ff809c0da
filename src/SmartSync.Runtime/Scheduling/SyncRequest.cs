using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using SmartSync.Pipeline;

namespace SmartSync.Scheduling;

/// <summary>
/// One queued run, possibly shared by several callers (coalesced). It is cancelled only when
/// every caller that can cancel has cancelled, so one impatient caller does not cancel the others'.
/// </summary>
internal sealed class SyncRequest : IDisposable
{
    private readonly TaskCompletionSource<SyncResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _cancellation = new();
    private readonly List<IProgress<SyncProgress>> _progress = new();
    private readonly List<CancellationTokenRegistration> _registrations = new();
    private readonly object _gate = new();
    private int _callers;
    private int _uncancellableCallers;
    private int _cancelledCallers;

    public SyncRequest(SyncPlan plan)
    {
        Plan = plan;
    }

    public SyncPlan Plan { get; }

    public Task<SyncResult> Completion => _completion.Task;

    public CancellationToken Token => _cancellation.Token;

    public IReadOnlyList<IProgress<SyncProgress>> Progress
    {
        get
        {
            lock (_gate)
            {
                return _progress.ToArray();
            }
        }
    }

    public void AddCaller(IProgress<SyncProgress>? progress, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _callers++;
            if (progress is not null)
            {
                _progress.Add(progress);
            }

            if (!cancellationToken.CanBeCanceled)
            {
                _uncancellableCallers++;
                return;
            }
        }

        _registrations.Add(cancellationToken.Register(static state => ((SyncRequest)state!).CallerCancelled(), this));
    }

    public void Complete(SyncResult result) => _completion.TrySetResult(result);

    public void Cancel() => _cancellation.Cancel();

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _cancellation.Dispose();
    }

    private void CallerCancelled()
    {
        bool cancelAll;
        lock (_gate)
        {
            _cancelledCallers++;
            cancelAll = _uncancellableCallers == 0 && _cancelledCallers >= _callers;
        }

        if (cancelAll)
        {
            try
            {
                _cancellation.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The run already ended.
            }
        }
    }
}
