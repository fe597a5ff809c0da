using SmartSync.Definitions.Files;
using SmartSync.Generator.Emit;
using SmartSync.Generator.Tests.Infrastructure;
using Xunit;

namespace SmartSync.Generator.Tests;

/// <summary>Which AdditionalFiles the generator reads: by name, or by SmartSyncKind item metadata.</summary>
public sealed class InputClassificationTests
{
    [Theory]
    [InlineData("/p/SmartSync.xml", null, "Profiles")]
    [InlineData("/p/smartsync.XML", null, "Profiles")]
    [InlineData("/p/sales.smartsync.xml", null, "Profiles")]
    [InlineData("/p/crm.csdl", null, "DataModel")]
    [InlineData("/p/profiles.config", "Profiles", "Profiles")]
    [InlineData("/p/metadata.xml", "datamodel", "DataModel")]
    [InlineData("/p/other.xml", null, "None")]
    [InlineData("C:\\we|ird<dir>\\SmartSync.xml", null, "Profiles")]
    [InlineData("/p/SmartSync.xml", "None", "None")]
    public void Files_are_classified_by_metadata_then_name(string path, string? metadata, string expected) =>
        Assert.Equal(expected, DefinitionFiles.Classify(path, metadata).ToString());

    [Fact]
    public void Metadata_brings_in_files_with_any_name()
    {
        var outcome = GeneratorHarness.Create(
        [
            new GeneratorInput("/project/sync/profiles.config", TestFiles.SampleProfiles, "Profiles"),
            new GeneratorInput("/project/metadata.xml", TestFiles.SampleDataModel, "DataModel"),
            new GeneratorInput("/project/unrelated.xml", "<nothing/>"),
        ]).Run();

        Assert.Contains(ProfilesEmitter.HintName, outcome.Sources.Keys);
        Assert.Contains(EntityNamesEmitter.HintName, outcome.Sources.Keys);
        Assert.Contains("The logical names of the entities in <c>metadata.xml</c>", outcome.Sources[EntityNamesEmitter.HintName], System.StringComparison.Ordinal);
        Assert.Empty(outcome.CompilationProblems);
    }

    [Fact]
    public void With_several_SmartSync_files_the_first_by_path_is_compiled()
    {
        var outcome = GeneratorHarness.Create(
        [
            GeneratorInput.Profiles("<SmartSyncSetup><SmartSync Name=\"Second\"><Entities><Entity Name=\"task\"/></Entities></SmartSync></SmartSyncSetup>", "/project/b.smartsync.xml"),
            GeneratorInput.Profiles("<SmartSyncSetup><SmartSync Name=\"First\"><Entities><Entity Name=\"task\"/></Entities></SmartSync></SmartSyncSetup>", "/project/a.smartsync.xml"),
            GeneratorInput.DataModel(TestFiles.SampleDataModel),
        ]).Run();

        Assert.NotNull(outcome.Output.GetTypeByMetadataName("Demo.App.FirstProfile"));
        Assert.Null(outcome.Output.GetTypeByMetadataName("Demo.App.SecondProfile"));
        Assert.Empty(outcome.CompilationProblems);
    }
}
