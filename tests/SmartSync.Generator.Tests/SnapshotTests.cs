using SmartSync.Generator.Emit;
using SmartSync.Generator.Tests.Infrastructure;
using Xunit;

namespace SmartSync.Generator.Tests;

/// <summary>The generated files, compared whole with Snapshots/*.expected (SMARTSYNC_UPDATE_SNAPSHOTS=1 rewrites them).</summary>
public sealed class SnapshotTests
{
    public static TheoryData<string> Cases => GeneratorCases.All();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Generated_files_match_the_checked_in_snapshots(string caseName)
    {
        var outcome = GeneratorHarness.Create(GeneratorCases.Inputs(caseName)).Run();

        Assert.Null(outcome.Result.Exception);
        Assert.Empty(outcome.DriverDiagnostics);
        var sources = outcome.Sources;
        foreach (var hintName in new[] { ProfilesEmitter.HintName, EntityNamesEmitter.HintName, RecordTypesEmitter.HintName })
        {
            var snapshotName = caseName + "." + hintName;
            if (sources.TryGetValue(hintName, out var text))
            {
                // The tool version changes with every release; the snapshots should not.
                SnapshotAssert.Matches(snapshotName, text.Replace(GeneratedFile.ToolVersion, "{version}", System.StringComparison.Ordinal));
            }
            else
            {
                SnapshotAssert.DoesNotExist(snapshotName);
            }
        }

        Assert.Contains(ProfilesEmitter.HintName, sources.Keys);
    }
}
