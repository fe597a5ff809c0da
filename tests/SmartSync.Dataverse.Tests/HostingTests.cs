using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmartSync.Dataverse.Tests.Emulator;
using SmartSync.Dataverse.Tests.Infrastructure;
using SmartSync.Transport.Dataverse;

namespace SmartSync.Dataverse.Tests;

/// <summary><c>services.AddSmartSync</c> with a Dataverse environment: the hosted client syncs through DataverseSyncTransport.</summary>
public sealed class HostingTests
{
    [Fact]
    public async Task AddSmartSync_with_a_Dataverse_environment_syncs_with_the_Web_API()
    {
        await using var emulator = await DataverseEmulator.StartAsync();
        var seed = Seed.Apply(emulator);
        var folder = Path.Combine(Path.GetTempPath(), "smartsync-dataverse", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SmartSync:DatabasePath"] = Path.Combine(folder, "hosted.db"),
            ["SmartSync:DataverseEnvironmentUrl"] = emulator.EnvironmentUrl.AbsoluteUri,
            ["SmartSync:StartTriggers"] = "false",
            ["SmartSync:SetAsDefault"] = "false",
        }).Build();
        var services = new ServiceCollection();
        services.AddSmartSync(configuration.GetSection("SmartSync"), options =>
        {
            options.AccessTokenProvider = (_, _) => ValueTask.FromResult<string?>(emulator.Alice.Token);
            options.ConfigureDataverse = dataverse => dataverse.MaxConcurrency = 2;
        });

        await using (var provider = services.BuildServiceProvider())
        {
            var client = provider.GetRequiredService<SmartSyncClient>();
            await client.OpenAsync();
            var result = await client.RunFullSyncAsync();

            Assert.True(result.IsSuccess, result.Message);
            Assert.Equal(seed.AliceAccounts.Select(k => k.ToString()).ToHashSet(), (await client.Records.QueryAsync("account")).Select(r => r.Key).ToHashSet());
            Assert.Contains(emulator.Requests, r => r.Target == DataverseEmulator.ApiPath + "WhoAmI");
            Assert.InRange(emulator.MaxInFlight, 1, 2);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task The_transport_the_host_created_is_disposed_with_the_client_and_one_the_app_passed_is_not()
    {
        await using var emulator = await DataverseEmulator.StartAsync();
        Seed.Apply(emulator);
        var folder = Path.Combine(Path.GetTempPath(), "smartsync-dataverse", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        using var appHttp = new System.Net.Http.HttpClient();
        using var appTransport = new DataverseSyncTransport(appHttp, new DataverseTransportOptions
        {
            EnvironmentUrl = emulator.EnvironmentUrl,
            AccessTokenProvider = _ => ValueTask.FromResult<string?>(emulator.Alice.Token),
        });

        async Task<CapturingLoggerProvider> HostAsync(string database, DataverseSyncTransport? transport)
        {
            var logs = new CapturingLoggerProvider();
            var services = new ServiceCollection();
            services.AddLogging(logging => logging.AddProvider(logs).SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Debug));
            services.AddSmartSync(options =>
            {
                options.DatabasePath = Path.Combine(folder, database);
                options.DataverseEnvironmentUrl = emulator.EnvironmentUrl;
                options.AccessTokenProvider = (_, _) => ValueTask.FromResult<string?>(emulator.Alice.Token);
                options.Transport = transport;
                options.StartTriggers = false;
                options.SetAsDefault = false;
            });
            await using var provider = services.BuildServiceProvider();
            var client = provider.GetRequiredService<SmartSyncClient>();
            var result = await client.RunFullSyncAsync();
            Assert.True(result.IsSuccess, result.Message);
            Assert.DoesNotContain(logs.Lines, l => l.Message.StartsWith("Dataverse transport", StringComparison.Ordinal) && l.Message.EndsWith("disposed", StringComparison.Ordinal));
            return logs;
        }

        // Created by the host: it goes when the client goes (the container disposes the client).
        var hosted = await HostAsync("hosted.db", null);
        Assert.Contains(hosted.Lines, l => l.Category == typeof(DataverseSyncTransport).FullName && l.Message.EndsWith("disposed", StringComparison.Ordinal));

        // Passed in by the app: the app owns it, and it still works after the container is gone.
        await HostAsync("app.db", appTransport);
        var session = await appTransport.WhoAmIAsync(default);
        Assert.Equal("Alice Adams", session.UserName);

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
