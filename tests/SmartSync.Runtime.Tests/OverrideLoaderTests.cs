using System.IO;
using System.Linq;
using System.Threading.Tasks;
using SmartSync.Definitions.Collections;
using SmartSync.Definitions.Semantics;
using SmartSync.Runtime.Tests.Fakes;
using Xunit;

namespace SmartSync.Runtime.Tests;

[Collection(CatalogCollection.Name)]
public sealed class OverrideLoaderTests
{
    private const string Valid = """
        <SmartSyncSetup>
          <SmartSync Name="GetTasks" SyncAction="DownSync">
            <Entities><Entity Name="task" /></Entities>
          </SmartSync>
          <SmartSync Name="Sales" ExcludedModules="NoAttachments">
            <Entities><Entity Name="opportunity" WithRelated="true" /></Entities>
          </SmartSync>
          <Trigger Launch="GetTasks" Delay="300" Action="PeriodicSync" />
        </SmartSyncSetup>
        """;

    [Fact]
    public async Task A_valid_file_replaces_the_catalog_with_loaded_profiles()
    {
        await using var h = new SyncHarness();
        var previous = SmartSyncCatalog.Current;
        var path = Path.Combine(h.Folder, "SmartSync.xml");
        await File.WriteAllTextAsync(path, Valid);
        try
        {
            var result = await OverrideFileLoader.LoadAsync(path, SyncHarness.Model);

            Assert.True(result.Success, string.Join("\n", result.Diagnostics));
            Assert.Same(result.Catalog, SmartSyncCatalog.Current);
            var profile = Assert.IsType<LoadedProfile>(SmartSyncCatalog.Current.Find("gettasks"));
            Assert.Equal(SyncAction.DownSync, profile.Action);
            Assert.Equal(2, SmartSyncCatalog.Current.Profiles.Count);
            Assert.Single(SmartSyncCatalog.Current.Triggers);
            Assert.Contains(SmartSyncCatalog.Current.GlobalExclusions, e => e.Name == "systemuser");

            // The loaded profile runs by name on a client.
            var client = h.Client();
            await client.RunFullSyncAsync();
            Assert.Equal(SyncOutcome.Completed, (await client.RunAsync("GetTasks")).Outcome);
        }
        finally
        {
            SmartSyncCatalog.Current = previous;
        }
    }

    [Fact]
    public async Task An_invalid_file_is_rejected_with_the_analyzers_diagnostics_and_the_catalog_stays()
    {
        await using var h = new SyncHarness();
        var previous = new SmartSyncCatalog([SyncHarness.Profile("Keep", entities: SyncHarness.Entity("account"))], [], EquatableArray<ExcludedEntity>.Empty);
        SmartSyncCatalog.Current = previous;
        var path = Path.Combine(h.Folder, "SmartSync.xml");
        await File.WriteAllTextAsync(path, Valid.Replace("Name=\"task\"", "Name=\"tsk\""));
        try
        {
            var result = await OverrideFileLoader.LoadAsync(path, SyncHarness.Model);

            Assert.False(result.Success);
            Assert.Null(result.Catalog);
            var error = Assert.Single(result.Errors);
            Assert.Equal("SS0010", error.Id);
            Assert.Equal(path, error.FilePath);
            Assert.Equal(2, error.Range.StartLine);
            Assert.Contains("task", error.Message);
            Assert.Same(previous, SmartSyncCatalog.Current);
        }
        finally
        {
            SmartSyncCatalog.Current = previous;
        }
    }

    [Fact]
    public async Task Malformed_or_missing_files_are_reported_as_SS0001()
    {
        await using var h = new SyncHarness();
        var previous = SmartSyncCatalog.Current;
        var malformed = Path.Combine(h.Folder, "bad.xml");
        await File.WriteAllTextAsync(malformed, "<SmartSyncSetup><SmartSync Name=");

        var bad = await OverrideFileLoader.LoadAsync(malformed, SyncHarness.Model);
        var missing = await OverrideFileLoader.LoadAsync(Path.Combine(h.Folder, "none.xml"), SyncHarness.Model);

        Assert.Equal("SS0001", bad.Errors.Single().Id);
        Assert.Equal("SS0001", missing.Errors.Single().Id);
        Assert.Same(previous, SmartSyncCatalog.Current);
    }

    [Fact]
    public async Task The_client_validates_against_its_local_data_model()
    {
        await using var h = new SyncHarness();
        var previous = SmartSyncCatalog.Current;
        var client = h.Client();
        await client.RunFullSyncAsync();
        var path = Path.Combine(h.Folder, "SmartSync.xml");
        await File.WriteAllTextAsync(path, Valid.Replace("Name=\"task\"", "Name=\"nosuchentity\""));
        try
        {
            var result = await client.LoadOverrideFileAsync(path);

            Assert.Equal("SS0010", result.Errors.Single().Id);
        }
        finally
        {
            SmartSyncCatalog.Current = previous;
        }
    }
}
