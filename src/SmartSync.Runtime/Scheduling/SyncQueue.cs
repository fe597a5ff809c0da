using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using SmartSync.Logging;
using SmartSync.Pipeline;

namespace SmartSync.Scheduling;

/// <summary>
/// Runs requests one at a time, in order, on the thread pool. A request for a plan that is
/// already waiting (not yet running) joins it: both callers get the same result.
/// </summary>
internal sealed class SyncQueue
{
    private readonly Func<SyncRequest, Task<SyncResult>> _execute;
    private readonly ILogger _logger;
    private readonly LinkedList<SyncRequest> _waiting = new();
    private readonly object _gate = new();
    private SyncRequest? _running;
    private bool _draining;
    private bool _closed;

    public SyncQueue(Func<SyncRequest, Task<SyncResult>> execute, ILogger logger)
    {
        _execute = execute;
        _logger = logger;
    }

    /// <summary>Requests waiting to run (not counting the one running).</summary>
    public int WaitingCount
    {
        get
        {
            lock (_gate)
            {
                return _waiting.Count;
            }
        }
    }

    /// <summary>Whether a request with that plan key (<see cref="SyncPlan.KeyOf"/>) is waiting or running (periodic triggers skip a tick then).</summary>
    public bool IsPending(string planKey)
    {
        lock (_gate)
        {
            if (_running?.Plan.Key == planKey)
            {
                return true;
            }

            foreach (var waiting in _waiting)
            {
                if (waiting.Plan.Key == planKey)
                {
                    return true;
                }
            }

            return false;
        }
    }

    public SyncRequest Enqueue(SyncPlan plan, IProgress<SyncProgress>? progress, CancellationToken cancellationToken)
    {
        SyncRequest? request = null;
        var startDrain = false;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            foreach (var waiting in _waiting)
            {
                if (plan.CanJoin(waiting.Plan) && !waiting.Token.IsCancellationRequested)
                {
                    request = waiting;
                    SyncLogMessages.RequestCoalesced(_logger, plan.DisplayName);
                    break;
                }
            }

            if (request is null)
            {
                request = new SyncRequest(plan);
                _waiting.AddLast(request);
                if (!_draining)
                {
                    _draining = true;
                    startDrain = true;
                }
            }

            request.AddCaller(progress, cancellationToken);
        }

        if (startDrain)
        {
            // The caller's thread only queues; the runs happen on the thread pool.
            _ = Task.Run(DrainAsync, CancellationToken.None);
        }

        return request;
    }

    /// <summary>Stops accepting requests and cancels those waiting or running.</summary>
    public void Close()
    {
        lock (_gate)
        {
            _closed = true;
            foreach (var waiting in _waiting)
            {
                waiting.Cancel();
            }

            _running?.Cancel();
        }
    }

    private async Task DrainAsync()
    {
        while (true)
        {
            SyncRequest request;
            lock (_gate)
            {
                if (_waiting.Count == 0)
                {
                    _draining = false;
                    return;
                }

                request = _waiting.First!.Value;
                _waiting.RemoveFirst();
                _running = request;
            }

            SyncResult result;
            try
            {
                result = await _execute(request).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                // The runner reports failures as results; this is a last line of defence for the queue.
                result = new SyncResult { ProfileName = request.Plan.ProfileName, Outcome = SyncOutcome.Failed, Error = ex, Message = ex.Message };
            }

            lock (_gate)
            {
                _running = null;
            }

            request.Complete(result);
            request.Dispose();
        }
    }
}
