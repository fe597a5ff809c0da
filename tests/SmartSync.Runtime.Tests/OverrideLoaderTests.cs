using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using SmartSync.Definitions.Collections;
using SmartSync.Definitions.Semantics;
using SmartSync.Runtime.Tests.Fakes;
using Xunit;

namespace SmartSync.Runtime.Tests;

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
    public async Task A_valid_file_becomes_the_catalog_of_the_client_that_loaded_it_only()
    {
        await using var h = new SyncHarness();
        var original = new SmartSyncCatalog([SyncHarness.Profile("Keep", entities: SyncHarness.Entity("account"))], [], EquatableArray<ExcludedEntity>.Empty);
        var path = Path.Combine(h.Folder, "SmartSync.xml");
        await File.WriteAllTextAsync(path, Valid);
        var client = h.Client(catalog: original);
        await using var other = new SmartSyncClient(new SmartSyncClientOptions { DatabasePath = Path.Combine(h.Folder, "other.db"), Transport = h.Server, Catalog = original });
        await client.RunFullSyncAsync();
        var changed = 0;
        client.CatalogChanged += (_, _) => changed++;

        var result = await client.LoadOverrideFileAsync(path);

        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        Assert.Equal(1, changed);
        Assert.Same(result.Catalog, client.Catalog);
        Assert.Equal(path, client.Catalog.OverridePath);
        var profile = Assert.IsType<LoadedProfile>(client.Catalog.Find("gettasks"));
        Assert.Equal(SyncAction.DownSync, profile.Action);
        Assert.Equal(2, client.Catalog.Profiles.Count);
        Assert.Single(client.Catalog.Triggers);
        Assert.Contains(client.Catalog.GlobalExclusions, e => e.Name == "systemuser");
        Assert.Null(client.Catalog.Find("Keep"));

        // The loaded profile runs by name on that client; the other client keeps its catalog.
        Assert.Equal(SyncOutcome.Completed, (await client.RunAsync("GetTasks")).Outcome);
        Assert.Same(original, other.Catalog);
        Assert.Throws<ArgumentException>(() => { _ = other.RunAsync("GetTasks"); });
    }

    [Fact]
    public async Task An_invalid_file_is_rejected_with_the_analyzers_diagnostics_and_the_catalog_stays()
    {
        await using var h = new SyncHarness();
        var previous = new SmartSyncCatalog([SyncHarness.Profile("Keep", entities: SyncHarness.Entity("account"))], [], EquatableArray<ExcludedEntity>.Empty);
        var client = h.Client(catalog: previous);
        await client.RunFullSyncAsync();
        var path = Path.Combine(h.Folder, "SmartSync.xml");
        await File.WriteAllTextAsync(path, Valid.Replace("Name=\"task\"", "Name=\"tsk\""));

        var result = await client.LoadOverrideFileAsync(path);

        Assert.False(result.Success);
        Assert.Null(result.Catalog);
        var error = Assert.Single(result.Errors);
        Assert.Equal("SS0010", error.Id);
        Assert.Equal(path, error.FilePath);
        Assert.Equal(2, error.Range.StartLine);
        Assert.Contains("task", error.Message);
        Assert.Same(previous, client.Catalog);
    }

    [Fact]
    public async Task Malformed_or_missing_files_are_reported_as_SS0001()
    {
        await using var h = new SyncHarness();
        var malformed = Path.Combine(h.Folder, "bad.xml");
        await File.WriteAllTextAsync(malformed, "<SmartSyncSetup><SmartSync Name=");
        var client = h.Client();
        var before = client.Catalog;

        var bad = await client.LoadOverrideFileAsync(malformed);
        var missing = await OverrideFileLoader.LoadAsync(Path.Combine(h.Folder, "none.xml"), SyncHarness.Model);

        Assert.Equal("SS0001", bad.Errors.Single().Id);
        Assert.Equal("SS0001", missing.Errors.Single().Id);
        Assert.Same(before, client.Catalog);
    }

    [Fact]
    public async Task The_client_validates_against_its_local_data_model()
    {
        await using var h = new SyncHarness();
        var client = h.Client();
        await client.RunFullSyncAsync();
        var path = Path.Combine(h.Folder, "SmartSync.xml");
        await File.WriteAllTextAsync(path, Valid.Replace("Name=\"task\"", "Name=\"nosuchentity\""));

        var result = await client.LoadOverrideFileAsync(path);

        Assert.Equal("SS0010", result.Errors.Single().Id);
    }
}
