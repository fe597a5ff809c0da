using System;
using System.IO;

namespace SmartSync.Hosting;

/// <summary>The device id kept next to the client database: created once, then read back, so it survives restarts.</summary>
internal static class DeviceIdFile
{
    public static string LoadOrCreate(string databasePath)
    {
        var path = Path.GetFullPath(databasePath) + ".device";
        try
        {
            if (File.Exists(path))
            {
                var text = File.ReadAllText(path).Trim();
                if (Guid.TryParse(text, out var existing))
                {
                    return existing.ToString("N");
                }
            }

            var id = Guid.NewGuid().ToString("N");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, id);
            return id;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A read-only folder: sync still works, with the server's per-user state instead of per-device.
            return Guid.NewGuid().ToString("N");
        }
    }
}
