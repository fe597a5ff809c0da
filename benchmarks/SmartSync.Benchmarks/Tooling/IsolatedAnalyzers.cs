using System;
using System.Collections.Immutable;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SmartSync.Analyzers.Xml;

namespace SmartSync.Benchmarks.Tooling;

/// <summary>
/// The SmartSync analyzers loaded afresh, as a compiler or IDE host loads an analyzer reference: the analyzer assembly and
/// SmartSync.Definitions go into a new collectible <see cref="AssemblyLoadContext"/> through Roslyn's public
/// <see cref="AnalyzerFileReference"/>, so the load starts with an empty parse cache (one per analyzer assembly load)
/// without reaching into the analyzers' internals. Roslyn itself resolves from the default context.
/// </summary>
public sealed class IsolatedAnalyzers : IAnalyzerAssemblyLoader, IDisposable
{
    private readonly LoadContext _context;

    public IsolatedAnalyzers()
    {
        var path = typeof(SmartSyncDefinitionAnalyzer).Assembly.Location;
        _context = new LoadContext(Path.GetDirectoryName(path)!);
        Analyzers = new AnalyzerFileReference(path, this).GetAnalyzers(LanguageNames.CSharp);
        if (Analyzers.IsEmpty)
        {
            throw new InvalidOperationException("No SmartSync analyzers were found in " + path + ".");
        }
    }

    /// <summary>The analyzers of this load: every instance shares this load's (initially empty) parse cache.</summary>
    public ImmutableArray<DiagnosticAnalyzer> Analyzers { get; }

    public Assembly LoadFromPath(string fullPath) => _context.LoadFromAssemblyPath(fullPath);

    public void AddDependencyLocation(string fullPath)
    {
        // Dependencies resolve from the analyzer's own folder (LoadContext.Load).
    }

    public void Dispose() => _context.Unload();

    /// <summary>SmartSync assemblies from the analyzer's folder into this context; everything else from the default one.</summary>
    private sealed class LoadContext(string directory) : AssemblyLoadContext("SmartSync analyzers (benchmark)", isCollectible: true)
    {
        protected override Assembly? Load(AssemblyName assemblyName)
        {
            if (assemblyName.Name is not { } name || !name.StartsWith("SmartSync.", StringComparison.Ordinal))
            {
                return null;
            }

            var candidate = Path.Combine(directory, name + ".dll");
            return File.Exists(candidate) ? LoadFromAssemblyPath(candidate) : null;
        }
    }
}
