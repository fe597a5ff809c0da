using System.Collections.Generic;
using System.Linq;
using SmartSync.Definitions.Diagnostics;

namespace SmartSync;

/// <summary>What loading an override SmartSync.xml did.</summary>
public sealed class OverrideLoadResult
{
    internal OverrideLoadResult(string path, IReadOnlyList<DefinitionDiagnostic> diagnostics, SmartSyncCatalog? catalog)
    {
        Path = path;
        Diagnostics = diagnostics;
        Catalog = catalog;
    }

    public string Path { get; }

    /// <summary>Every diagnostic, with the same SS IDs and positions the analyzers report.</summary>
    public IReadOnlyList<DefinitionDiagnostic> Diagnostics { get; }

    /// <summary>The catalog now in force, or null when the file was rejected.</summary>
    public SmartSyncCatalog? Catalog { get; }

    public bool Success => Catalog is not null;

    public IEnumerable<DefinitionDiagnostic> Errors => Diagnostics.Where(d => d.IsError);
}
