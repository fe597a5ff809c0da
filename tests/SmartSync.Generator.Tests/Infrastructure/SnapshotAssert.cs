using System;
using System.IO;
using Xunit;

namespace SmartSync.Generator.Tests.Infrastructure;

/// <summary>
/// Compares generated files WHOLE with checked-in expected files under Snapshots/. Set
/// <c>SMARTSYNC_UPDATE_SNAPSHOTS=1</c> to rewrite them from the current output, then review the git diff.
/// </summary>
internal static class SnapshotAssert
{
    public const string UpdateVariable = "SMARTSYNC_UPDATE_SNAPSHOTS";

    public static bool Updating => Environment.GetEnvironmentVariable(UpdateVariable) == "1";

    /// <summary>
    /// The Snapshots folder of the test project's sources, found by walking up from the test binaries
    /// (CallerFilePath would not do: CI builds map source paths to /_/).
    /// </summary>
    public static string Directory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SmartSync.Generator.Tests.csproj")))
            {
                return Path.Combine(directory.FullName, "Snapshots");
            }
        }

        throw new InvalidOperationException($"No SmartSync.Generator.Tests.csproj above {AppContext.BaseDirectory}.");
    }

    public static string PathFor(string snapshotName) => Path.Combine(Directory(), snapshotName + ".expected");

    /// <summary>Asserts <paramref name="actual"/> equals the snapshot, or rewrites it when updating.</summary>
    public static void Matches(string snapshotName, string actual)
    {
        var path = PathFor(snapshotName);
        actual = Normalize(actual);
        if (Updating)
        {
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }

        if (!File.Exists(path))
        {
            var received = WriteReceived(snapshotName, actual);
            Assert.Fail($"Snapshot '{path}' does not exist. The output was written to '{received}'. Run the tests with {UpdateVariable}=1 to create it, then review and commit it.");
        }

        var expected = Normalize(File.ReadAllText(path));
        if (expected != actual)
        {
            var received = WriteReceived(snapshotName, actual);
            Assert.Fail($"Snapshot '{path}' is stale. {FirstDifference(expected, actual)}\nFull output: '{received}' (diff it against the snapshot). Run the tests with {UpdateVariable}=1 to accept the new output.");
        }
    }

    /// <summary>Fails when a snapshot file exists for output the generator no longer produces (deletes it when updating).</summary>
    public static void DoesNotExist(string snapshotName)
    {
        var path = PathFor(snapshotName);
        if (!File.Exists(path))
        {
            return;
        }

        if (Updating)
        {
            File.Delete(path);
            return;
        }

        Assert.Fail($"Snapshot '{path}' exists but the generator produced no such file. Run the tests with {UpdateVariable}=1 to remove it.");
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

    private static string WriteReceived(string snapshotName, string actual)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "ReceivedSnapshots", snapshotName + ".received");
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, actual);
        return path;
    }

    private static string FirstDifference(string expected, string actual)
    {
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        for (var i = 0; i < Math.Max(expectedLines.Length, actualLines.Length); i++)
        {
            var e = i < expectedLines.Length ? expectedLines[i] : "<end of file>";
            var a = i < actualLines.Length ? actualLines[i] : "<end of file>";
            if (e != a)
            {
                return $"First difference at line {i + 1}:\n  expected: {e}\n  actual:   {a}";
            }
        }

        return "The texts differ.";
    }
}
