using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using SmartSync.Definitions;

namespace SmartSync.Analyzers.Tests.Infrastructure;

/// <summary>
/// Compilation references that work offline: the .NET reference assemblies of the installed SDK's
/// targeting pack (not downloaded from NuGet, as <c>ReferenceAssemblies.Net.Net80</c> would), plus
/// the SmartSync runtime and definitions assemblies the tests' C# code calls.
/// </summary>
internal static class TestReferences
{
    /// <summary>No package to resolve: the framework comes from <see cref="Framework"/> instead.</summary>
    public static ReferenceAssemblies NoPackages { get; } = new("net10.0");

    public static ImmutableArray<MetadataReference> Framework { get; } = LoadFramework();

    public static ImmutableArray<MetadataReference> SmartSync { get; } =
    [
        MetadataReference.CreateFromFile(typeof(SmartSyncClient).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(DefinitionReader).Assembly.Location),
    ];

    public static ImmutableArray<MetadataReference> All { get; } = Framework.AddRange(SmartSync);

    private static ImmutableArray<MetadataReference> LoadFramework()
    {
        // <dotnet>/shared/Microsoft.NETCore.App/<version>/System.Private.CoreLib.dll -> <dotnet>/packs/Microsoft.NETCore.App.Ref
        var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var dotnetRoot = Path.GetFullPath(Path.Combine(runtimeDirectory, "..", "..", ".."));
        var packs = Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref");
        var refDirectory = Directory.Exists(packs)
            ? Directory.GetDirectories(packs)
                .Select(d => Path.Combine(d, "ref", "net10.0"))
                .Where(Directory.Exists)
                .OrderByDescending(d => Version.TryParse(Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(d))), out var v) ? v : new Version())
                .FirstOrDefault()
            : null;

        var files = refDirectory is not null
            ? Directory.GetFiles(refDirectory, "*.dll")
            : ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
                .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll");
        return files.Select(f => (MetadataReference)MetadataReference.CreateFromFile(f)).ToImmutableArray();
    }
}
