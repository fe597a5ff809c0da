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
        foreach (var hintName in new[] { ProfilesEmitter.HintName, EntityNamesEmitter.HintName })
        {
            var snapshotName = caseName + "." + hintName;
            if (sources.TryGetValue(hintName, out var text))
            {
                SnapshotAssert.Matches(snapshotName, text);
            }
            else
            {
                SnapshotAssert.DoesNotExist(snapshotName);
            }
        }

        Assert.Contains(ProfilesEmitter.HintName, sources.Keys);
    }
}
