using System;
using System.IO;
using SmartSync.Hosting;
using Xunit;

namespace SmartSync.Runtime.Tests.Hosting;

/// <summary>The hosted client's device id: created once next to the database, the same on every later start.</summary>
public sealed class DeviceIdFileTests
{
    [Fact]
    public void The_device_id_is_kept_next_to_the_database_and_stable_across_starts()
    {
        var folder = Path.Combine(Path.GetTempPath(), "smartsync-device-id", Guid.NewGuid().ToString("N"));
        var database = Path.Combine(folder, "app.db");
        try
        {
            var first = DeviceIdFile.LoadOrCreate(database);
            var second = DeviceIdFile.LoadOrCreate(database);
            Assert.Equal(first, second);
            Assert.Equal(first, File.ReadAllText(database + ".device"));
            Assert.NotEqual(first, DeviceIdFile.LoadOrCreate(Path.Combine(folder, "other.db")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
