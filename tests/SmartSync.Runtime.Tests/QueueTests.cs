using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SmartSync.Runtime.Tests.Fakes;
using Xunit;

namespace SmartSync.Runtime.Tests;

public sealed class QueueTests
{
    private static readonly LoadedProfile Accounts = SyncHarness.Profile("Accounts", entities: SyncHarness.Entity("account"));
    private static readonly LoadedProfile Tasks = SyncHarness.Profile("Tasks", entities: SyncHarness.Entity("task"));

    /// <summary>A client whose next runs wait in WhoAmI until the gate opens.</summary>
    private static async Task<(SyncHarness H, SmartSyncClient Client, TaskCompletionSource Gate)> GatedAsync()
    {
        var h = new SyncHarness();
        h.Seed("account", 3);
        var client = h.Client();
        Assert.True((await client.RunFullSyncAsync()).IsSuccess);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Server.WhoAmIGate = () => gate.Task;
        return (h, client, gate);
    }

    [Fact]
    public async Task Runs_queue_one_at_a_time_and_identical_waiting_requests_coalesce()
    {
        var (h, client, gate) = await GatedAsync();
        await using var _ = h;
        var whoAmIBefore = h.Server.WhoAmICalls;

        var running = client.StartFullSync();
        var first = client.Start(Accounts);
        var second = client.Start(SyncHarness.Profile("accounts", entities: SyncHarness.Entity("account")));
        var other = client.Start(Tasks);

        Assert.False(running.Completion.IsCompleted);
        Assert.Same(first.Completion, second.Completion);
        Assert.NotSame(first.Completion, other.Completion);

        gate.SetResult();
        var results = await Task.WhenAll(running.Completion, first.Completion, other.Completion);

        Assert.All(results, r => Assert.Equal(SyncOutcome.Completed, r.Outcome));
        Assert.Same(await first.Completion, await second.Completion);
        Assert.Equal(whoAmIBefore + 3, h.Server.WhoAmICalls);
    }

    [Fact]
    public async Task A_request_with_a_changed_definition_does_not_join_a_waiting_one_of_the_same_name()
    {
        var (h, client, gate) = await GatedAsync();
        await using var _ = h;

        var running = client.StartFullSync();
        var before = client.Start(Accounts);
        var changed = client.Start(SyncHarness.Profile("Accounts", entities: SyncHarness.Entity("task")));

        Assert.NotSame(before.Completion, changed.Completion);
        gate.SetResult();
        await running.Completion;
        Assert.Equal(["account"], (await before.Completion).Entities.Select(e => e.Entity));
        Assert.Equal(["task"], (await changed.Completion).Entities.Select(e => e.Entity));
    }

    [Fact]
    public async Task RunAsync_returns_before_the_run_does_its_work()
    {
        var (h, client, gate) = await GatedAsync();
        await using var _ = h;

        var task = client.RunAsync(Accounts);

        Assert.False(task.IsCompleted);
        gate.SetResult();
        Assert.Equal(SyncOutcome.Completed, (await task).Outcome);
    }

    [Fact]
    public async Task Cancelling_a_running_or_queued_run_gives_a_cancelled_result()
    {
        var (h, client, gate) = await GatedAsync();
        await using var _ = h;
        using var runningCts = new CancellationTokenSource();
        using var queuedCts = new CancellationTokenSource();

        var running = client.Start(Accounts, cancellationToken: runningCts.Token);
        var queued = client.Start(Tasks, cancellationToken: queuedCts.Token);
        queuedCts.Cancel();
        runningCts.Cancel();

        Assert.Equal(SyncOutcome.Cancelled, (await running.Completion).Outcome);
        Assert.Equal(SyncOutcome.Cancelled, (await queued.Completion).Outcome);
        gate.SetResult();
        Assert.Equal(SyncOutcome.Completed, (await client.RunAsync(Accounts)).Outcome);
    }

    [Fact]
    public async Task A_coalesced_run_is_cancelled_only_when_every_caller_cancelled()
    {
        var (h, client, gate) = await GatedAsync();
        await using var _ = h;
        using var impatient = new CancellationTokenSource();
        using var patient = new CancellationTokenSource();

        var blocker = client.StartFullSync();
        var a = client.Start(Accounts, cancellationToken: impatient.Token);
        var b = client.Start(Accounts, cancellationToken: patient.Token);
        impatient.Cancel();
        gate.SetResult();

        Assert.Equal(SyncOutcome.Completed, (await blocker.Completion).Outcome);
        Assert.Equal(SyncOutcome.Completed, (await a.Completion).Outcome);
        Assert.Same(a.Completion, b.Completion);
    }
}
