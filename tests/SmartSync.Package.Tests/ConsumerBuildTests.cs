using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SmartSync.Package.Tests.Infrastructure;
using Xunit;

namespace SmartSync.Package.Tests;

/// <summary>Brand-new console projects that consume the packed nupkg, built and run as a user would.</summary>
[Collection(PackageCollection.Name)]
public sealed class ConsumerBuildTests
{
    // Analyzer load failures, analyzer crashes, and assemblies built against a newer compiler.
    private static readonly string[] AnalyzerHostProblems = ["CS8032", "AD0001", "CS8784", "CS8785", "CS9057"];

    private readonly PackageFixture _fixture;

    public ConsumerBuildTests(PackageFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task Conventional_files_generate_the_typed_api_that_the_program_runs()
    {
        var consumer = await ConsumerProject.CreateAsync(_fixture, "valid", CancellationToken.None);
        consumer.AddFile(RepositoryLayout.ConsumerFile("Valid", "Program.cs"), "Program.cs");
        consumer.AddFile(RepositoryLayout.ConsumerFile("Valid", "SmartSync.xml"), "SmartSync.xml");
        consumer.AddFile(RepositoryLayout.ConsumerFile("crm.csdl"), "Model/crm.csdl");

        var build = await consumer.BuildAsync(CancellationToken.None);

        Assert.True(build.ExitCode == 0, build.Describe());
        Assert.DoesNotContain(build.OutputLines, line => AnalyzerHostProblems.Any(id => line.Contains(id, System.StringComparison.Ordinal)));
        Assert.Empty(consumer.SmartSyncDiagnostics(build));

        var run = await consumer.RunBuiltAsync(CancellationToken.None);

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Equal(
            [
                "GetTasks: GetTasks DownSync [NoEntityImages, NoAttachments]",
                "profile: GetTasks",
                "profile: UploadActivities",
                "entity: task phonecall",
                "catalog: UploadActivities",
            ],
            run.OutputLines);
    }

    [Fact]
    public async Task A_Dataverse_shaped_metadata_builds_warning_free_and_generates_EntityNames_for_the_apps_tables()
    {
        var consumer = await ConsumerProject.CreateAsync(_fixture, "dataverse", CancellationToken.None);
        consumer.AddFile(RepositoryLayout.ConsumerFile("Dataverse", "Program.cs"), "Program.cs");
        consumer.AddFile(RepositoryLayout.ConsumerFile("Dataverse", "SmartSync.xml"), "SmartSync.xml");
        // Microsoft's documented $metadata shape: crmbaseentity with no key, expando, principal, activities, lookups.
        consumer.AddFile(System.IO.Path.Combine(RepositoryLayout.Root, "tests", "SmartSync.Definitions.Tests", "TestData", "dataverse-sample.csdl"), "crm.csdl");

        var build = await consumer.BuildAsync(CancellationToken.None);

        Assert.True(build.ExitCode == 0, build.Describe());
        Assert.DoesNotContain(build.OutputLines, line => line.Contains("warning", System.StringComparison.OrdinalIgnoreCase) && !line.Contains(" 0 Warning", System.StringComparison.Ordinal));
        Assert.Empty(consumer.SmartSyncDiagnostics(build));

        var run = await consumer.RunBuiltAsync(CancellationToken.None);

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Equal(
            [
                "entity: task account contact",
                "app: account contact task",
                "GetTasks: task account",
                "catalog: account contact task",
            ],
            run.OutputLines);
    }

    [Fact]
    public async Task A_broken_SmartSync_xml_fails_the_build_at_the_offending_positions()
    {
        var consumer = await ConsumerProject.CreateAsync(_fixture, "broken", CancellationToken.None);
        consumer.AddFile(RepositoryLayout.ConsumerFile("Broken", "Program.cs"), "Program.cs");
        consumer.AddFile(RepositoryLayout.ConsumerFile("Broken", "SmartSync.xml"), "SmartSync.xml");
        consumer.AddFile(RepositoryLayout.ConsumerFile("crm.csdl"), "crm.csdl");

        var build = await consumer.BuildAsync(CancellationToken.None);

        Assert.True(build.ExitCode != 0, build.Describe());
        Assert.DoesNotContain(build.OutputLines, line => AnalyzerHostProblems.Any(id => line.Contains(id, System.StringComparison.Ordinal)));
        Assert.Equal(
            [
                "SmartSync.xml(3,42): error SS0005: 'Downsync' is not a valid value for SyncAction; allowed: UpDownSync, UpSync, DownSync (did you mean 'DownSync'?)",
                "SmartSync.xml(5,21): error SS0010: Entity 'tsk' is not in the data model; did you mean 'task'?",
                "SmartSync.xml(8,20): error SS0006: A profile named 'gettasks' is already defined (profile names are case-insensitive)",
                "SmartSync.xml(9,20): error SS0030: Trigger launches profile 'GetTask', which is not defined; did you mean 'GetTasks'?",
            ],
            consumer.SmartSyncDiagnostics(build).Order(System.StringComparer.Ordinal));
    }

    [Fact]
    public async Task Opting_out_of_the_conventions_uses_only_the_listed_files_and_the_chosen_namespace()
    {
        var consumer = await ConsumerProject.CreateAsync(_fixture, "optout", CancellationToken.None);
        consumer.AddFile(RepositoryLayout.ConsumerFile("Custom", "Program.cs"), "Program.cs");
        // A broken conventional file that the opt-out must keep away from the generator and analyzers.
        consumer.AddFile(RepositoryLayout.ConsumerFile("Broken", "SmartSync.xml"), "SmartSync.xml");
        consumer.AddFile(RepositoryLayout.ConsumerFile("Valid", "SmartSync.xml"), "Config/profiles.xml");
        consumer.AddFile(RepositoryLayout.ConsumerFile("crm.csdl"), "Config/model.xml");
        consumer.SetProperty("SmartSyncAutoIncludeFiles", "false");
        consumer.SetProperty("SmartSyncNamespace", "Contoso.Sync");
        consumer.AddAdditionalFile("Config/profiles.xml", "Profiles");
        consumer.AddAdditionalFile("Config/model.xml", "DataModel");

        var build = await consumer.BuildAsync(CancellationToken.None);

        Assert.True(build.ExitCode == 0, build.Describe());
        Assert.Empty(consumer.SmartSyncDiagnostics(build));

        var run = await consumer.RunBuiltAsync(CancellationToken.None);

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Equal(
            [
                "Contoso.Sync.Profiles: GetTasks, UploadActivities",
                "Contoso.Sync.EntityNames.Appointment: appointment",
            ],
            run.OutputLines);
    }
}
