using System.Linq;
using SmartSync.Generator.Tests.Infrastructure;
using Xunit;

namespace SmartSync.Generator.Tests;

/// <summary>The same inputs give byte-identical output, whatever order the compiler lists them in.</summary>
public sealed class DeterminismTests
{
    [Fact]
    public void Input_order_and_unrelated_files_do_not_change_the_output()
    {
        var inputs = GeneratorCases.Inputs("Sample");
        var reference = GeneratorHarness.Create(inputs).Run().Sources;

        var shuffled = GeneratorHarness.Create(
        [
            new GeneratorInput("/project/readme.txt", "not for SmartSync"),
            .. inputs.Reverse(),
            new GeneratorInput("/project/other.xml", "<SmartSyncSetup/>"),
        ]).Run().Sources;

        Assert.Equal(reference.Keys.Order(), shuffled.Keys.Order());
        foreach (var (hintName, text) in reference)
        {
            Assert.Equal(text, shuffled[hintName]);
        }
    }

    [Fact]
    public void A_second_data_model_is_ignored_in_favour_of_the_first_by_path()
    {
        var minimalModel = TestFiles.Read("Minimal", "model.csdl");
        var outcome = GeneratorHarness.Create(
        [
            GeneratorInput.Profiles(TestFiles.SampleProfiles),
            GeneratorInput.DataModel(minimalModel, "/project/z-extra.csdl"),
            GeneratorInput.DataModel(TestFiles.SampleDataModel, "/project/a-crm.csdl"),
        ]).Run();

        Assert.Contains("public const string Task = \"task\";", outcome.Sources["EntityNames.g.cs"], System.StringComparison.Ordinal);
        Assert.DoesNotContain("\"note\"", outcome.Sources["EntityNames.g.cs"], System.StringComparison.Ordinal);
        Assert.Empty(outcome.CompilationProblems);
    }
}
