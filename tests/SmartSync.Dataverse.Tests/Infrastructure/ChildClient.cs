using System;
using System.Globalization;
using System.Linq;
using System.Reflection;
using SmartSync.Tests.Shared;

namespace SmartSync.Dataverse.Tests.Infrastructure;

/// <summary>
/// tests/SmartSync.Dataverse.ChildClient running a full sync against the emulator as a child process, so a test can
/// kill it for real.
/// </summary>
public static class ChildClient
{
    /// <summary>The child's path, written into the test assembly by the project file (same configuration).</summary>
    public static string AssemblyPath =>
        typeof(ChildClient).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ChildClientPath").Value!;

    public static ChildProcess Start(Uri environment, string token, string databasePath, int pageSize) =>
        ChildProcess.Start(AssemblyPath, [environment.AbsoluteUri, token, databasePath, pageSize.ToString(CultureInfo.InvariantCulture)]);
}
