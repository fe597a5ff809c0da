using System;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using SmartSync.ReferenceServer;
using Xunit;

namespace SmartSync.Tests.Shared;

/// <summary>The data-API tests' part of the shared <see cref="Device"/>: devices named by user, synced before use.</summary>
public sealed partial class Device
{
    /// <summary>A device of <paramref name="user"/> (the server's first user when null) that ran a full sync: it holds the server's data model and rows.</summary>
    public static async Task<Device> SyncedAsync(CrmServer server, string? user = null)
    {
        var token = (user is null ? server.Users[0] : server.User(user)).Token;
        var device = new Device(server, token, new DeviceOptions
        {
            PageSize = 200,
            Time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero)),
        });
        var result = await device.Client.RunFullSyncAsync();
        Assert.True(result.IsSuccess, result.Message + " " + result.Error);
        return device;
    }
}
