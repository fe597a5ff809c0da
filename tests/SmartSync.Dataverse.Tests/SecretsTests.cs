using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using SmartSync.Dataverse.Tests.Emulator;
using SmartSync.Dataverse.Tests.Infrastructure;
using SmartSync.Transport.Dataverse;

namespace SmartSync.Dataverse.Tests;

/// <summary>The bearer token the app's callback hands DataverseSyncTransport is never logged, reported or stored.</summary>
public sealed class SecretsTests
{
    [Fact]
    public async Task The_bearer_token_appears_in_no_log_result_or_stored_byte_through_throttling_and_expiry()
    {
        await using var emulator = await DataverseEmulator.StartAsync();
        Seed.Apply(emulator);
        var token = emulator.Alice.Token;
        var logs = new CapturingLoggerProvider();
        using var loggers = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        var results = new List<SyncResult>();
        string folder;
        await using (var device = new DataverseDevice(
            emulator, () => token, transportLogger: loggers.CreateLogger<DataverseSyncTransport>(), keepDatabase: true, loggerFactory: loggers))
        {
            folder = Path.GetDirectoryName(device.DatabasePath)!;
            results.Add(await device.FullSyncAsync());
            await device.Client.Records.UpsertAsync("account", Guid.NewGuid().ToString("D"), new Dictionary<string, object?> { ["name"] = "Secret keeper" });
            var upAndDown = DataverseDevice.Profile("Accounts", SyncAction.UpDownSync, SyncModules.None, SyncMethod.Default, "account");

            // A service protection pause, then a token the environment refuses: each writes its own log lines and errors.
            emulator.Throttle(1, TimeSpan.FromMilliseconds(200));
            results.Add(await device.Client.RunAsync(upAndDown));
            emulator.ExpiredTokens.Add(token);
            results.Add(await device.Client.RunFullSyncAsync());
            emulator.ExpiredTokens.Remove(token);
            results.Add(await device.Client.RunAsync(upAndDown));

            var texts = new List<string>();
            texts.AddRange(results.Select(r => r + " " + r.Message + " " + r.Error));
            texts.AddRange(logs.Lines.Select(l => l.Message));
            texts.AddRange((await device.Client.GetSyncLogAsync(runs: 100)).SelectMany(e => e.Lines));

            // The failures happened and were written down: a check over texts that name nothing could not fail.
            Assert.Contains(results, r => r.Outcome == SyncOutcome.Failed);
            Assert.Contains(emulator.Requests, r => r.Status == 429);
            Assert.Contains(logs.Lines, l => l.Category == typeof(DataverseSyncTransport).FullName);
            Assert.All(texts, t => Assert.DoesNotContain(token, t, StringComparison.Ordinal));
        }

        // The device is closed (keepDatabase leaves its files): nothing it stored holds the token.
        try
        {
            var bytes = Encoding.UTF8.GetBytes(token);
            foreach (var file in Directory.GetFiles(folder))
            {
                Assert.True(File.ReadAllBytes(file).AsSpan().IndexOf(bytes) < 0, $"{Path.GetFileName(file)} contains the bearer token");
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
