using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SmartSync.ReferenceServer;
using Xunit;

namespace SmartSync.Demo.Tests;

/// <summary>
/// services.AddSmartSync end to end: the client the container builds talks HTTP to the real reference server
/// (Kestrel on 127.0.0.1) and runs the demo's generated profiles through <see cref="SmartSyncClient.Default"/>.
/// </summary>
[Collection(DefaultClientCollection.Name)]
public sealed class HostedClientTests
{
    [Fact]
    public async Task A_hosted_client_syncs_over_HTTP_and_runs_the_typed_profiles()
    {
        await using var server = await CrmServer.StartAsync(new CrmServerOptions { RowsPerEntity = 12, ReferenceRowsPerEntity = 3, UserCount = 1 });
        var folder = Path.Combine(Path.GetTempPath(), "smartsync-hosted-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
            builder.Services.AddSmartSync(options =>
            {
                options.DatabasePath = Path.Combine(folder, "crm.db");
                options.ServerBaseAddress = server.BaseAddress;
                options.AccessTokenProvider = (_, _) => ValueTask.FromResult<string?>(server.Users[0].Token);
                options.StartTriggers = false; // the compiled AppStart trigger would race the explicit runs below
            });
            using var host = builder.Build();
            await host.StartAsync();
            var client = host.Services.GetRequiredService<SmartSyncClient>();

            var full = await client.RunFullSyncAsync();
            Assert.Equal(SyncOutcome.Completed, full.Outcome);
            Assert.Equal(12, (await client.Records.QueryAsync(EntityNames.Task)).Count);

            var tasks = await Profiles.GetTasks.RunAsync(); // through SmartSyncClient.Default, set by the hosted service
            Assert.Equal(SyncOutcome.Completed, tasks.Outcome);
            Assert.Equal(["task"], tasks.Entities.Select(e => e.Entity));
            var log = (await client.GetSyncLogAsync()).Single();
            Assert.Contains("<SmartSync name='GetTasks'/>", log.Lines);

            await host.StopAsync();
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
