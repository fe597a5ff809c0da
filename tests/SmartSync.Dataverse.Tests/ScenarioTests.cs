using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using SmartSync.Dataverse.Tests.Emulator;
using SmartSync.Dataverse.Tests.Infrastructure;
using SmartSync.Storage;
using SmartSync.Transport;

namespace SmartSync.Dataverse.Tests;

/// <summary>
/// The runtime's end-to-end scenarios that the HTTP transport's tests cover (SmartSync.IntegrationTests), run through
/// DataverseSyncTransport against the emulator: module flags, and a Manual conflict resolved on the device.
/// </summary>
public sealed class ScenarioTests
{
    private static readonly string[] AllPhases =
    [
        "Authentication", "CustomizationCheck", "Preparation", "Upload", "RemoteConflicts", "EntityDownload", "SyncDeletes",
        "SharedRecords", "EntityImages", "Attachments", "Documents", "Cleanup", "Exchange",
    ];

    // Phases Dataverse has no counterpart for: always skipped, each with a line in the sync log.
    private static readonly string[] NoCounterpart = ["RemoteConflicts", "SyncDeletes", "SharedRecords", "Documents", "Exchange"];

    [Theory]
    [InlineData(SyncModules.NoEntityImages, "EntityImages")]
    [InlineData(SyncModules.NoAttachments, "Attachments")]
    [InlineData(SyncModules.NoCleanup, "Cleanup")]
    public async Task Each_module_flag_skips_its_phase_and_phases_without_a_counterpart_say_why(SyncModules flag, string phase)
    {
        await using var emulator = await DataverseEmulator.StartAsync();
        Seed.Apply(emulator);
        await using var device = new DataverseDevice(emulator, emulator.Alice);
        await device.FullSyncAsync();
        emulator.ClearRequests();

        var result = await device.Client.RunAsync(DataverseDevice.Profile("P", SyncAction.UpDownSync, flag, SyncMethod.Default, "account", "annotation"));

        Assert.Equal(SyncOutcome.Completed, result.Outcome);
        Assert.Equal(AllPhases, result.Phases.Select(p => p.Phase));
        Assert.Equal(NoCounterpart.Append(phase).Order(StringComparer.Ordinal), result.Phases.Where(p => p.Skipped).Select(p => p.Phase).Order(StringComparer.Ordinal));
        var log = await device.LastLogAsync();
        Assert.All(NoCounterpart, skipped => Assert.Contains(log, l => l.StartsWith(skipped + " skipped: ", StringComparison.Ordinal)));

        // The flagged phase sent nothing: no image page, no attachment listing, no key walk.
        var requests = emulator.Requests;
        switch (phase)
        {
            case "EntityImages":
                Assert.DoesNotContain(requests, r => r.Target.Contains("entityimage", StringComparison.Ordinal));
                break;
            case "Attachments":
                Assert.DoesNotContain(requests, r => r.Target.Contains("filename,mimetype", StringComparison.Ordinal));
                break;
            default:
                Assert.DoesNotContain(requests, r => r.Target.EndsWith("/accounts?$select=accountid", StringComparison.Ordinal));
                break;
        }
    }

    [Fact]
    public async Task A_Manual_conflict_blocks_SmartSync_until_the_user_resolves_it_on_the_device()
    {
        await using var emulator = await DataverseEmulator.StartAsync();
        var seed = Seed.Apply(emulator);
        await using var device = new DataverseDevice(emulator, emulator.Alice, new Dictionary<string, ConflictStrategy> { ["account"] = ConflictStrategy.Manual });
        await device.FullSyncAsync();
        var key = seed.AliceAccounts[1];
        await device.Client.Records.UpsertAsync("account", key.ToString(), new Dictionary<string, object?> { ["name"] = "Device name" });
        var serverRow = emulator.Put("account", key, emulator.Alice.Id, ("name", "Server name"));
        var profile = DataverseDevice.Profile("Accounts", SyncAction.UpDownSync, SyncModules.None, SyncMethod.Default, "account");

        var conflicted = await device.Client.RunAsync(profile);
        Assert.Equal(SyncOutcome.Completed, conflicted.Outcome);
        var error = Assert.Single(await device.Client.Records.GetSyncErrorsAsync());

        // The error carries the server's side (fetched after the 412), so the app can show both before the user picks.
        Assert.Equal(SyncErrorKind.Conflict, error.Kind);
        Assert.Equal("Server name", error.ServerValues!["name"]);
        Assert.Equal(serverRow.ETag, error.ServerVersion);
        var refused = await device.Client.RunAsync(profile);
        Assert.Equal(SyncRefusalReason.UnresolvedSyncErrors, refused.RefusalReason);

        // Dataverse has no conflict dashboard: the user resolves it on the device, and the device's change goes up
        // with If-Match: * (update whatever the server holds).
        Assert.True(await device.Client.Records.ResolveSyncErrorAsync(error.Id, ConflictChoice.KeepDevice));
        emulator.ClearRequests();
        var resolved = await device.Client.RunAsync(profile);

        Assert.Equal(SyncOutcome.Completed, resolved.Outcome);
        Assert.Empty(await device.Client.Records.GetSyncErrorsAsync());
        Assert.Equal("Device name", emulator.Row("account", key)!.Values["name"]);
        Assert.Equal("*", emulator.Requests.Single(r => r.Method == "PATCH").IfMatch);
        Assert.Equal("Device name", (await device.Client.Records.GetAsync("account", key.ToString()))!.Values["name"]);
    }
}
