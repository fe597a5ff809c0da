using System.Collections.Generic;
using SmartSync.Definitions.Diagnostics;

namespace SmartSync.Definitions.DataModel;

/// <summary>What reading a CSDL document produced: a model when it is valid, diagnostics otherwise.</summary>
internal sealed class DataModelReadResult
{
    internal DataModelReadResult(EntityDataModel? model, IReadOnlyList<DefinitionDiagnostic> diagnostics)
    {
        Model = model;
        Diagnostics = diagnostics;
    }

    /// <summary>The model, or null when the document had errors (SS0040).</summary>
    public EntityDataModel? Model { get; }

    public IReadOnlyList<DefinitionDiagnostic> Diagnostics { get; }
}
