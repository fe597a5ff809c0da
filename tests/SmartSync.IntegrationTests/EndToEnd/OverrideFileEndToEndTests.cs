using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using SmartSync.Definitions.Collections;
using SmartSync.Definitions.Semantics;
using SmartSync.IntegrationTests.Infrastructure;
using SmartSync.ReferenceServer;

namespace SmartSync.IntegrationTests.EndToEnd;

/// <summary>
/// An override SmartSync.xml reaches the typed API on the client that loaded it, and only there. The
/// handle below is what the generator emits for <c>Profiles.GetTasks</c>: a <see cref="SmartSyncProfile"/>
/// subclass built from the compiled definition.
/// </summary>
public sealed class OverrideFileEndToEndTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string OverrideGetTasksToAccounts = """
        <SmartSyncSetup>
          <SmartSync Name="GetTasks" SyncAction="DownSync">
            <Entities><Entity Name="account" /></Entities>
          </SmartSync>
        </SmartSyncSetup>
        """;

    private CrmServer Server => fixture.Server;

    [Fact]
    public async Task A_typed_profile_runs_the_overridden_definition_on_the_client_that_loaded_it_only()
    {
        var alice = Server.User("alice");
        var compiled = new CompiledGetTasks();
        var catalog = new SmartSyncCatalog([compiled], [], EquatableArray<ExcludedEntity>.Empty);
        await using var withOverride = new Device(Server, alice.Token, new DeviceOptions { Catalog = catalog });
        await using var plain = new Device(Server, alice.Token, new DeviceOptions { Catalog = catalog });
        await withOverride.FullSyncAsync();
        await plain.FullSyncAsync();

        var account = Server.OwnedKeys("account", alice.Id)[0];
        var task = Server.OwnedKeys("task", alice.Id)[0];
        await Server.EditRowAsync("account", account, new Dictionary<string, object?> { ["name"] = "Account edited on the server" });
        await Server.EditRowAsync("task", task, new Dictionary<string, object?> { ["subject"] = "Task edited on the server" });

        var path = Path.Combine(Path.GetTempPath(), "smartsync-override-" + System.Guid.NewGuid().ToString("N") + ".xml");
        await File.WriteAllTextAsync(path, OverrideGetTasksToAccounts);
        try
        {
            var loaded = await withOverride.Client.LoadOverrideFileAsync(path);
            Assert.True(loaded.Success, string.Join("\n", loaded.Diagnostics));
        }
        finally
        {
            File.Delete(path);
        }

        // The same typed handle on both clients.
        Assert.True((await compiled.RunAsync(withOverride.Client)).IsSuccess);
        Assert.True((await compiled.RunAsync(plain.Client)).IsSuccess);

        // The overriding client fetched the account edit and not the task edit; the other one the reverse.
        Assert.Equal("Account edited on the server", (await withOverride.Client.Records.GetAsync("account", account))!.Values["name"]);
        Assert.NotEqual("Task edited on the server", (await withOverride.Client.Records.GetAsync("task", task))!.Values["subject"]);
        Assert.Equal("Task edited on the server", (await plain.Client.Records.GetAsync("task", task))!.Values["subject"]);
        Assert.NotEqual("Account edited on the server", (await plain.Client.Records.GetAsync("account", account))!.Values["name"]);
        Assert.Same(catalog, plain.Client.Catalog);
        Assert.NotSame(catalog, withOverride.Client.Catalog);
    }

    [Fact]
    public async Task A_typed_profile_the_override_removed_is_refused_on_that_client()
    {
        var alice = Server.User("alice");
        var catalog = new SmartSyncCatalog([new CompiledGetTasks()], [], EquatableArray<ExcludedEntity>.Empty);
        await using var device = new Device(Server, alice.Token, new DeviceOptions { Catalog = catalog });
        await device.FullSyncAsync();
        var path = Path.Combine(Path.GetTempPath(), "smartsync-override-" + System.Guid.NewGuid().ToString("N") + ".xml");
        await File.WriteAllTextAsync(path, OverrideGetTasksToAccounts.Replace("GetTasks", "GetAccounts"));
        try
        {
            Assert.True((await device.Client.LoadOverrideFileAsync(path)).Success);
        }
        finally
        {
            File.Delete(path);
        }

        var error = await Assert.ThrowsAsync<System.InvalidOperationException>(() => new CompiledGetTasks().RunAsync(device.Client));
        Assert.Contains("GetTasks", error.Message);
        Assert.True((await device.Client.RunAsync("GetAccounts")).IsSuccess);
    }

    /// <summary>The shape the generator emits for a profile (see Profiles.g.cs in the generator snapshots).</summary>
    private sealed class CompiledGetTasks() : SmartSyncProfile(new ProfileSpec(
        "GetTasks", null, SyncAction.DownSync, SyncMethod.Default, true, true, SyncModules.None, EntitiesMode.Include,
        new[] { new EntitySpec("task", false, false) }.ToEquatableArray()));
}
