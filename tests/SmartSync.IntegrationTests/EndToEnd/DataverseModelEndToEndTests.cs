using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using SmartSync.Definitions;
using SmartSync.Definitions.Parsing;
using SmartSync.ReferenceServer;
using SmartSync.Testing.DataverseModels;

namespace SmartSync.IntegrationTests.EndToEnd;

/// <summary>
/// A Dataverse-shaped data model end to end: the reference server starts on it, the consumer saves the server's
/// <c>$metadata</c> as its CSDL, reads its SmartSync.xml against it as the build does, and syncs.
/// </summary>
public sealed class DataverseModelEndToEndTests
{
    private const string ConsumerXml = """
        <SmartSyncSetup>
          <AppEntities><Entity Name="account" /><Entity Name="contact" /><Entity Name="new_table1" /></AppEntities>
          <SmartSync Name="GetTasks" SyncAction="DownSync"><Entities><Entity Name="task" WithRelated="true" /></Entities></SmartSync>
          <SmartSync Name="Activities" SyncAction="DownSync"><Entities><Entity Name="new_activity0" /></Entities></SmartSync>
        </SmartSyncSetup>
        """;

    [Fact]
    public async Task The_server_serves_a_Dataverse_shaped_model_and_a_consumer_builds_from_its_metadata_and_syncs()
    {
        var folder = Path.Combine(Path.GetTempPath(), "smartsync-dataverse-e2e", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var serverCsdl = Path.Combine(folder, "server-crm.csdl");
            var options = new DataverseModelOptions { Seed = 12, Tables = 12, PropertiesPerTable = 8, LookupsPerTable = 2, ActivityTables = 2, InheritanceDepth = 1 };
            await File.WriteAllTextAsync(serverCsdl, DataverseCsdlGenerator.Generate(options));
            await using var server = await CrmServer.StartAsync(new CrmServerOptions { CsdlPath = serverCsdl, RowsPerEntity = 40, ReferenceRowsPerEntity = 10, Port = 0 });

            // The consumer saves the server's $metadata as its data model, as a Dataverse user saves theirs.
            var alice = server.User("alice");
            using var http = new HttpClient();
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", alice.Token);
            var metadata = await http.GetStringAsync(new Uri(server.BaseAddress, "odata/$metadata"));
            var consumerCsdl = Path.Combine(folder, "crm.csdl");
            await File.WriteAllTextAsync(consumerCsdl, metadata);
            var dataModel = CsdlParser.Parse(await File.ReadAllTextAsync(consumerCsdl), consumerCsdl);
            Assert.DoesNotContain(dataModel.Diagnostics, d => d.IsError);
            var definitions = DefinitionReader.Read(ConsumerXml, "SmartSync.xml", dataModel);
            Assert.Empty(definitions.Diagnostics);
            Assert.Equal(["account", "contact", "new_activity0", "new_table1", "task"], definitions.AppEntities);

            await using var device = new Device(server, alice.Token);
            var full = await device.FullSyncAsync();
            Assert.Contains(full.Entities, e => e.Entity == "new_activity0" && e.Downloaded > 0);

            foreach (var profile in definitions.Profiles)
            {
                var result = await device.Client.RunAsync(new LoadedProfile(profile));
                Assert.Equal(SyncOutcome.Completed, result.Outcome);
            }

            // Activities inherit their key from activitypointer through an abstract level; the rows alice owns are on the device.
            var owned = server.OwnedKeys("new_activity0", alice.Id, 10_000);
            Assert.NotEmpty(owned);
            Assert.Subset(await device.KeysAsync("new_activity0"), owned.ToHashSet());
            var ownedTasks = server.OwnedKeys("task", alice.Id, 10_000);
            Assert.NotEmpty(ownedTasks);
            Assert.Subset(await device.KeysAsync("task"), ownedTasks.ToHashSet());
            var record = await device.Client.Records.GetAsync("new_activity0", owned[0]);
            Assert.NotNull(record);
            Assert.Equal(owned[0], record!.Values["activityid"]?.ToString());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Best effort.
            }
        }
    }
}
