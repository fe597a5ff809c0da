using System;
using System.Globalization;
using System.Linq;
using System.Reflection;

namespace SmartSync.ReliabilityTests.ProcessKill;

/// <summary>
/// The sample console client (samples/SmartSync.AotClient, its normal JIT build) running as a child process
/// against the test's server, so a test can kill it for real.
/// </summary>
public static class ChildClient
{
    /// <summary>The client's path, written into the test assembly by the project file (same configuration).</summary>
    public static string AssemblyPath =>
        typeof(ChildClient).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "AotClientPath").Value!;

    public static ChildProcess Start(Uri server, string token, string databasePath, int pageSize, params string[] profiles) =>
        ChildProcess.Start(
            AssemblyPath,
            new[] { "--server", server.ToString(), "--token", token, "--db", databasePath, "--page-size", pageSize.ToString(CultureInfo.InvariantCulture) }
                .Concat(profiles.SelectMany(p => new[] { "--profile", p })));
}
