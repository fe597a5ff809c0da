using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SmartSync.Runtime.Tests.Fakes;
using Xunit;

namespace SmartSync.Runtime.Tests.Hosting;

public sealed class SmartSyncCommandTests
{
    private static readonly LoadedProfile Tasks = SyncHarness.Profile("GetTasks", SyncAction.DownSync, entities: [SyncHarness.Entity("task")]);

    [Fact]
    public async Task Command_is_disabled_while_its_run_goes_and_raises_its_events_on_the_captured_context()
    {
        await using var h = new SyncHarness();
        h.Seed("task", 3);
        var client = h.Client();
        Assert.True((await client.RunFullSyncAsync()).IsSuccess);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Server.WhoAmIGate = () => gate.Task;

        var ui = new QueuedSynchronizationContext();
        var command = CreateOn(ui, () => Tasks.ToCommand(client));
        var changes = 0;
        var properties = new List<string?>();
        command.CanExecuteChanged += (_, _) =>
        {
            Assert.Same(ui, SynchronizationContext.Current);
            changes++;
        };
        command.PropertyChanged += (_, e) => properties.Add(e.PropertyName);

        Assert.True(command.CanExecute(null));
        command.Execute(null);
        Assert.False(command.CanExecute(null));
        Assert.True(command.IsRunning);
        Assert.Equal(0, changes); // posted to the UI context, not raised on the caller's thread
        ui.Pump();
        Assert.Equal(1, changes);

        // A second click while it runs joins the same run instead of queueing another.
        var run = command.ExecuteAsync();
        gate.SetResult();
        var result = await run;

        Assert.Equal(SyncOutcome.Completed, result.Outcome);
        Assert.Same(result, command.LastResult);
        Assert.True(command.CanExecute(null));
        ui.Pump();
        Assert.Equal(2, changes);
        Assert.Equal(["IsRunning", "IsRunning", "LastResult"], properties);
        Assert.Equal(1, (await client.GetSyncLogAsync(runs: 10)).Count(r => r.ProfileName == "GetTasks"));
    }

    [Fact]
    public async Task A_failure_to_start_becomes_the_commands_result()
    {
        await using var h = new SyncHarness();
        var client = new SmartSyncClient(new SmartSyncClientOptions { DatabasePath = h.DatabasePath, Transport = h.Server });
        await client.DisposeAsync(); // a closed client refuses new requests

        var command = new SmartSyncCommand(Tasks, client);
        var result = await command.ExecuteAsync();

        Assert.Equal(SyncOutcome.Failed, result.Outcome);
        Assert.IsType<ObjectDisposedException>(result.Error);
        Assert.Same(result, command.LastResult);
        Assert.True(command.CanExecute(null));
    }

    private static T CreateOn<T>(SynchronizationContext context, Func<T> create)
    {
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(context);
        try
        {
            return create();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    /// <summary>A UI thread stand-in: posted callbacks wait until the test pumps them.</summary>
    private sealed class QueuedSynchronizationContext : SynchronizationContext
    {
        private readonly Queue<(SendOrPostCallback Callback, object? State)> _queue = new();

        public override void Post(SendOrPostCallback d, object? state)
        {
            lock (_queue)
            {
                _queue.Enqueue((d, state));
            }
        }

        public void Pump()
        {
            var previous = Current;
            SetSynchronizationContext(this);
            try
            {
                while (true)
                {
                    (SendOrPostCallback Callback, object? State) next;
                    lock (_queue)
                    {
                        if (!_queue.TryDequeue(out next))
                        {
                            return;
                        }
                    }

                    next.Callback(next.State);
                }
            }
            finally
            {
                SetSynchronizationContext(previous);
            }
        }
    }
}
