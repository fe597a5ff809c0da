using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using SmartSync.Definitions.Semantics;

namespace SmartSync.Generator.Tests.Infrastructure;

/// <summary>
/// Metadata references for test compilations: the .NET reference pack of the SDK this test runs
/// on (found next to the running runtime, so no download), plus the real SmartSync runtime and
/// definitions assemblies and what they reference outside the framework.
/// </summary>
internal static class CompilationReferences
{
    private static readonly Lazy<IReadOnlyList<MetadataReference>> LazyAll = new(Load);

    public static IReadOnlyList<MetadataReference> All => LazyAll.Value;

    private static IReadOnlyList<MetadataReference> Load()
    {
        var frameworkFiles = FrameworkReferencePaths();
        var frameworkNames = new HashSet<string>(frameworkFiles.Select(Path.GetFileNameWithoutExtension)!, StringComparer.OrdinalIgnoreCase);
        var references = frameworkFiles.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToList();

        var smartSync = new[] { typeof(SmartSyncProfile).Assembly, typeof(ProfileSpec).Assembly };
        var added = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var pending = new Queue<System.Reflection.Assembly>(smartSync);
        while (pending.Count > 0)
        {
            var assembly = pending.Dequeue();
            if (!added.Add(assembly.GetName().Name!))
            {
                continue;
            }

            references.Add(MetadataReference.CreateFromFile(assembly.Location));
            foreach (var dependency in assembly.GetReferencedAssemblies())
            {
                if (dependency.Name is { } name && !frameworkNames.Contains(name) && !added.Contains(name))
                {
                    pending.Enqueue(System.Reflection.Assembly.Load(dependency));
                }
            }
        }

        return references;
    }

    /// <summary>
    /// The reference pack matching the running runtime's major version (dotnet/packs/Microsoft.NETCore.App.Ref),
    /// or the runtime's own assemblies when no pack is installed.
    /// </summary>
    private static IReadOnlyList<string> FrameworkReferencePaths()
    {
        var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var dotnetRoot = Path.GetFullPath(Path.Combine(runtimeDirectory, "..", "..", ".."));
        var major = Environment.Version.Major;
        var tfm = "net" + major + ".0";
        var packs = Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref");
        if (Directory.Exists(packs))
        {
            var refDirectory = Directory.GetDirectories(packs)
                .Where(d => Path.GetFileName(d).StartsWith(major + ".", StringComparison.Ordinal))
                .OrderByDescending(d => Version.TryParse(Path.GetFileName(d).Split('-')[0], out var v) ? v : new Version(0, 0))
                .Select(d => Path.Combine(d, "ref", tfm))
                .FirstOrDefault(Directory.Exists);
            if (refDirectory is not null)
            {
                return Directory.GetFiles(refDirectory, "*.dll");
            }
        }

        var trusted = (string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty;
        return trusted.Split(Path.PathSeparator)
            .Where(p => p.Length > 0 && Path.GetDirectoryName(p) == runtimeDirectory)
            .ToList();
    }
}
