using System;
using System.Collections.Generic;
using SmartSync.Definitions.Diagnostics;

namespace SmartSync.Definitions.DataModel;

/// <summary>What reading a CSDL document produced: a model when it is valid, diagnostics otherwise.</summary>
internal sealed class DataModelReadResult
{
    private static readonly Dictionary<string, List<DefinitionDiagnostic>> NoPropertyDiagnostics = new(StringComparer.Ordinal);

    private readonly IReadOnlyList<DefinitionDiagnostic> _modelDiagnostics;
    private readonly Dictionary<string, List<DefinitionDiagnostic>> _propertyDiagnostics;

    internal DataModelReadResult(EntityDataModel? model, IReadOnlyList<DefinitionDiagnostic> diagnostics)
        : this(model, diagnostics, diagnostics, NoPropertyDiagnostics)
    {
    }

    /// <param name="model">The model, or null.</param>
    /// <param name="diagnostics">Every diagnostic, in document order.</param>
    /// <param name="modelDiagnostics">Those about the document as a whole (types, lookups, entity sets).</param>
    /// <param name="propertyDiagnostics">The per-property SS0042 infos, by the name of the entity type that declares the property.</param>
    internal DataModelReadResult(
        EntityDataModel? model,
        IReadOnlyList<DefinitionDiagnostic> diagnostics,
        IReadOnlyList<DefinitionDiagnostic> modelDiagnostics,
        Dictionary<string, List<DefinitionDiagnostic>> propertyDiagnostics)
    {
        Model = model;
        Diagnostics = diagnostics;
        _modelDiagnostics = modelDiagnostics;
        _propertyDiagnostics = propertyDiagnostics;
    }

    /// <summary>The model, or null when the document had errors (SS0040).</summary>
    public EntityDataModel? Model { get; }

    /// <summary>Every diagnostic of the document, including one SS0042 per skipped property of every table.</summary>
    public IReadOnlyList<DefinitionDiagnostic> Diagnostics { get; }

    /// <summary>
    /// What an app that syncs <paramref name="appEntities"/> is told about the document (docs/smartsync-xml.md, "The data
    /// model"): every diagnostic about the document itself, and the SS0042 of a skipped property only when one of those
    /// entities has it (declared or inherited). The properties of the hundreds of tables a Dataverse environment holds
    /// and the app never syncs are not the app's concern.
    /// </summary>
    public IReadOnlyList<DefinitionDiagnostic> DiagnosticsFor(IEnumerable<string> appEntities)
    {
        if (appEntities is null)
        {
            throw new ArgumentNullException(nameof(appEntities));
        }

        if (_propertyDiagnostics.Count == 0 || Model is null)
        {
            return _modelDiagnostics;
        }

        // Each declaring type once: an inherited property is reported where it is declared, however many app tables inherit it.
        var declaring = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in appEntities)
        {
            for (var entity = Model.Find(name); entity is not null && declaring.Add(entity.Name); entity = entity.BaseType is { } baseName ? Model.Find(baseName) : null)
            {
            }
        }

        var result = new List<DefinitionDiagnostic>(_modelDiagnostics);
        foreach (var name in declaring)
        {
            if (_propertyDiagnostics.TryGetValue(name, out var diagnostics))
            {
                result.AddRange(diagnostics);
            }
        }

        result.Sort(static (a, b) => a.Range.Start.CompareTo(b.Range.Start));
        return result;
    }
}
