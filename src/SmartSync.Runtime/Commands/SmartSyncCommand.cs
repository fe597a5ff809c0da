using System;
using System.ComponentModel;
using System.Threading;
using System.Threading.Tasks;
using System.Windows.Input;

namespace SmartSync;

/// <summary>
/// An MVVM command (WPF, WinUI, MAUI, Avalonia) that runs a profile: bind a button to it. While its run is
/// queued or running <see cref="CanExecute"/> is false, so the button greys out; the events are raised on the
/// <see cref="SynchronizationContext"/> that was current when the command was created (the UI thread).
/// The run itself never blocks that thread.
/// </summary>
public sealed class SmartSyncCommand : ICommand, INotifyPropertyChanged
{
    private readonly ISmartSyncClient? _client;
    private readonly SynchronizationContext? _context;
    private readonly object _gate = new();
    private Task<SyncResult>? _running;
    private SyncResult? _lastResult;

    /// <param name="profile">The profile to run.</param>
    /// <param name="client">The client to run it on; null uses <see cref="SmartSyncClient.Default"/> at each execution.</param>
    public SmartSyncCommand(SmartSyncProfile profile, ISmartSyncClient? client = null)
    {
        Profile = profile ?? throw new ArgumentNullException(nameof(profile));
        _client = client;
        _context = SynchronizationContext.Current;
    }

    /// <summary>Raised (on the captured context) when the command starts or stops being executable.</summary>
    public event EventHandler? CanExecuteChanged;

    /// <summary>Raised (on the captured context) when <see cref="IsRunning"/> or <see cref="LastResult"/> change.</summary>
    public event PropertyChangedEventHandler? PropertyChanged;

    public SmartSyncProfile Profile { get; }

    /// <summary>Whether a run started by this command has not ended yet.</summary>
    public bool IsRunning
    {
        get
        {
            lock (_gate)
            {
                return _running is not null;
            }
        }
    }

    /// <summary>The result of the last run this command started (null before the first one ended).</summary>
    public SyncResult? LastResult
    {
        get
        {
            lock (_gate)
            {
                return _lastResult;
            }
        }
    }

    /// <summary>False while a run started by this command is queued or running.</summary>
    public bool CanExecute(object? parameter) => !IsRunning;

    /// <summary>Starts a run and returns at once (a second call while it runs does nothing).</summary>
    public void Execute(object? parameter) => _ = ExecuteAsync();

    /// <summary>Starts a run, or joins the one this command already started; completes with its result (it never throws).</summary>
    public Task<SyncResult> ExecuteAsync(CancellationToken cancellationToken = default)
    {
        Task<SyncResult> run;
        lock (_gate)
        {
            if (_running is not null)
            {
                return _running;
            }

            run = RunAsync(cancellationToken);

            // A run that ended synchronously (e.g. no client) already cleared itself: do not mark it running.
            if (run.IsCompleted)
            {
                return run;
            }

            _running = run;
        }

        Raise(nameof(IsRunning));
        return run;
    }

    private async Task<SyncResult> RunAsync(CancellationToken cancellationToken)
    {
        SyncResult result;
        try
        {
            var client = _client ?? SmartSyncClient.Default;
            result = await client.RunAsync(Profile, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // A command has no caller to throw to: the failure becomes its result, for the UI to show.
            result = new SyncResult { ProfileName = Profile.Name, Outcome = SyncOutcome.Failed, Error = ex, Message = ex.Message };
        }

        bool wasRunning;
        lock (_gate)
        {
            _lastResult = result;
            wasRunning = _running is not null;
            _running = null;
        }

        if (wasRunning)
        {
            Raise(nameof(IsRunning));
        }

        Raise(nameof(LastResult), canExecuteChanged: false);
        return result;
    }

    private void Raise(string property, bool canExecuteChanged = true)
    {
        void Notify()
        {
            if (canExecuteChanged)
            {
                CanExecuteChanged?.Invoke(this, EventArgs.Empty);
            }

            PropertyChanged?.Invoke(this, new PropertyChangedEventArgs(property));
        }

        if (_context is null || ReferenceEquals(SynchronizationContext.Current, _context))
        {
            Notify();
        }
        else
        {
            _context.Post(static state => ((Action)state!)(), (Action)Notify);
        }
    }
}
