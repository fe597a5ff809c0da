using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using SmartSync.Dataverse.Tests.Emulator;
using SmartSync.Dataverse.Tests.Infrastructure;

namespace SmartSync.Dataverse.Tests;

/// <summary>
/// The generated, typed profile of this project's SmartSync.xml (compiled against dataverse.csdl, the emulator's
/// Dataverse-shaped $metadata) syncing both ways through DataverseSyncTransport.
/// </summary>
public sealed class TypedProfileTests
{
    [Fact]
    public async Task The_typed_profile_syncs_both_ways_with_deletes_and_lookups()
    {
        await using var emulator = await DataverseEmulator.StartAsync();
        var seed = Seed.Apply(emulator);
        await using var device = new DataverseDevice(emulator, emulator.Alice);
        await device.FullSyncAsync();

        var contact = Guid.NewGuid();
        await device.Client.Records.UpsertAsync(EntityNames.Contact, contact.ToString(), new Dictionary<string, object?> { ["lastname"] = "Typed", ["_parentcustomerid_value"] = seed.AliceAccounts[0].ToString() });
        emulator.Put(EntityNames.Task, seed.AliceTasks[0], emulator.Alice.Id, ("subject", (object?)"Edited in Dataverse"));
        emulator.Remove(EntityNames.Task, seed.AliceTasks[1]);

        var result = await Profiles.SalesData.RunAsync(device.Client);

        Assert.True(result.IsSuccess, result.Message);
        Assert.Equal("SalesData", result.ProfileName);
        Assert.Equal(seed.AliceAccounts[0], emulator.Row(EntityNames.Contact, contact)!.Values["_parentcustomerid_value"]);
        Assert.Equal("Edited in Dataverse", (await device.Client.Records.GetAsync(EntityNames.Task, seed.AliceTasks[0].ToString()))!.Values["subject"]);
        Assert.DoesNotContain(seed.AliceTasks[1], await device.KeysAsync(EntityNames.Task));
        Assert.Contains("<SmartSync name='SalesData'/>", await device.LastLogAsync());
    }

}
