using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using SmartSync.Dataverse.Tests.Emulator;
using SmartSync.Dataverse.Tests.Infrastructure;

namespace SmartSync.Dataverse.Tests;

/// <summary>Entity images: the entityimage column of image-enabled tables, with change tracking.</summary>
public sealed class ImageTests
{
    [Fact]
    public async Task Entity_images_come_with_change_tracking_and_later_runs_bring_only_changed_ones()
    {
        await using var emulator = await DataverseEmulator.StartAsync();
        var seed = Seed.Apply(emulator);
        byte[] first = [0x89, 0x50, 0x4E, 0x47, 1, 2, 3];
        byte[] second = [0xFF, 0xD8, 0xFF, 9, 8, 7, 6, 5];
        emulator.Put("account", seed.AliceAccounts[0], emulator.Alice.Id, ("entityimage", first));
        emulator.Put("account", seed.BobAccounts[0], emulator.Bob.Id, ("entityimage", second)); // not alice's
        await using var device = new DataverseDevice(emulator, emulator.Alice);

        var full = await device.FullSyncAsync();

        Assert.Contains(full.Phases, p => p.Phase == "EntityImages" && !p.Skipped && p.Items == 1);
        Assert.Equal(new Dictionary<string, byte[]> { [seed.AliceAccounts[0].ToString()] = first }, await ImagesAsync(device));

        emulator.Put("account", seed.AliceAccounts[1], emulator.Alice.Id, ("entityimage", second));
        emulator.ClearRequests();
        var result = await device.Client.RunAsync(DataverseDevice.Profile("Accounts", SyncAction.DownSync, SyncModules.NoCleanup, SyncMethod.Default, "account"));

        Assert.True(result.IsSuccess, result.Message);
        Assert.Contains(result.Phases, p => p.Phase == "EntityImages" && p.Items == 1); // only the changed row's image
        var images = await ImagesAsync(device);
        Assert.Equal(second, images[seed.AliceAccounts[1].ToString()]);
        Assert.Equal(first, images[seed.AliceAccounts[0].ToString()]);
        var imageRead = Assert.Single(emulator.Requests, r => r.Target.Contains("entityimage", StringComparison.Ordinal));
        Assert.Contains("$deltatoken=", imageRead.Target, StringComparison.Ordinal);
        Assert.Contains(result.Phases, p => p.Phase == "Attachments" && !p.Skipped && p.Items == 0); // no note or attachment table in this profile
    }

    private static async Task<Dictionary<string, byte[]>> ImagesAsync(DataverseDevice device)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=" + device.DatabasePath + ";Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT record_key, content FROM __ss_blob WHERE kind = 0 AND entity = 'account'";
        await using var reader = await command.ExecuteReaderAsync();
        var images = new Dictionary<string, byte[]>();
        while (await reader.ReadAsync())
        {
            images[reader.GetString(0)] = (byte[])reader.GetValue(1);
        }

        return images;
    }
}
