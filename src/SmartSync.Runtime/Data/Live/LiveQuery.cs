using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace SmartSync.Data;

/// <summary>
/// A query whose results are pushed to observers: once on subscription, then after rows of its table
/// change (app writes and sync downloads, deletes and cleanups alike). Changes within the coalescing
/// window (measured with the client's <see cref="TimeProvider"/>) produce one re-query; a change
/// that lands while a re-query runs schedules another, so the last emission is never stale.
/// Each subscription has its own timer; disposing the subscription stops it.
/// </summary>
/// <typeparam name="TRecord">The record type.</typeparam>
public sealed class LiveQuery<TRecord> : IObservable<IReadOnlyList<TRecord>>
    where TRecord : class
{
    /// <summary>The coalescing window when none is given.</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromMilliseconds(100);

    private readonly IRecordQueryExecutor _executor;
    private readonly QuerySpec<TRecord> _spec;

    internal LiveQuery(IRecordQueryExecutor executor, QuerySpec<TRecord> spec, TimeSpan window)
    {
        _executor = executor;
        _spec = spec;
        Window = window;
    }

    /// <summary>Changes closer together than this produce one re-query.</summary>
    public TimeSpan Window { get; }

    /// <summary>Starts observing: the first results follow at once, off the calling thread.</summary>
    public IDisposable Subscribe(IObserver<IReadOnlyList<TRecord>> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        var subscription = new Subscription(this, observer);
        subscription.Start();
        return subscription;
    }

    private sealed class Subscription : IDisposable
    {
        private readonly LiveQuery<TRecord> _owner;
        private readonly IObserver<IReadOnlyList<TRecord>> _observer;
        private readonly CancellationTokenSource _stop = new();
        private readonly object _gate = new();
        private readonly object _emitGate = new();
        private long _started;
        private long _delivered;
        private readonly ITimer _timer;
        private bool _armed;
        private bool _running;
        private bool _dirty;
        private bool _disposed;

        public Subscription(LiveQuery<TRecord> owner, IObserver<IReadOnlyList<TRecord>> observer)
        {
            _owner = owner;
            _observer = observer;
            _timer = owner._executor.Time.CreateTimer(_ => OnTimer(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        public void Start()
        {
            _owner._executor.Changes.Changed += OnTablesChanged;
            lock (_gate)
            {
                _running = true;
            }

            _ = Task.Run(RunAsync);
        }

        public void Dispose()
        {
            lock (_gate)
            {
                if (_disposed)
                {
                    return;
                }

                _disposed = true;
            }

            _owner._executor.Changes.Changed -= OnTablesChanged;
            _timer.Dispose();
            _stop.Cancel();
        }

        private void OnTablesChanged(IReadOnlyCollection<string> tables)
        {
            var mine = false;
            foreach (var table in tables)
            {
                if (string.Equals(table, _owner._spec.Table.EntityName, StringComparison.Ordinal))
                {
                    mine = true;
                    break;
                }
            }

            if (!mine)
            {
                return;
            }

            lock (_gate)
            {
                if (_disposed)
                {
                    return;
                }

                if (_running)
                {
                    _dirty = true;
                    return;
                }

                Arm();
            }
        }

        private void Arm()
        {
            if (_armed)
            {
                return;
            }

            _armed = true;
            _timer.Change(_owner.Window, Timeout.InfiniteTimeSpan);
        }

        private void OnTimer()
        {
            lock (_gate)
            {
                _armed = false;
                if (_disposed || _running)
                {
                    return;
                }

                _running = true;
            }

            _ = RunAsync();
        }

        private async Task RunAsync()
        {
            var ticket = Interlocked.Increment(ref _started);
            IReadOnlyList<TRecord> results;
            try
            {
                results = await _owner._executor.ListAsync(_owner._spec, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error)
            {
                Dispose();
                _observer.OnError(error);
                return;
            }

            // Re-arm before delivering: whoever reacts to this emission (a UI, a test advancing a fake clock)
            // already finds the next re-query scheduled when a change arrived during this one.
            lock (_gate)
            {
                _running = false;
                if (_dirty && !_disposed)
                {
                    _dirty = false;
                    Arm();
                }
            }

            // One emission at a time, never an older result after a newer one.
            lock (_emitGate)
            {
                if (ticket > _delivered && !_stop.IsCancellationRequested)
                {
                    _delivered = ticket;
                    _observer.OnNext(results);
                }
            }
        }
    }
}
