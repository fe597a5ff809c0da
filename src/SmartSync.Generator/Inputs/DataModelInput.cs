using System;
using System.Collections.Immutable;
using System.Linq;
using SmartSync.Definitions.DataModel;
using SmartSync.Definitions.Files;
using SmartSync.Definitions.Parsing;

namespace SmartSync.Generator.Inputs;

/// <summary>
/// The data model as the rest of the pipeline sees it: whether a file was supplied and, when it
/// is valid, the parsed model. Only the model (value-equatable) is kept, not the read result,
/// whose diagnostics carry source positions and would defeat caching.
/// </summary>
/// <param name="FileName">The data model's file name (no directory, so output does not depend on the machine).</param>
/// <param name="Supplied">Whether a data model file was supplied.</param>
/// <param name="Model">The model, or null when none was supplied or it is not valid CSDL.</param>
internal sealed record DataModelInput(string? FileName, bool Supplied, EntityDataModel? Model)
{
    public static readonly DataModelInput None = new(null, false, null);

    /// <summary>Parses the first data model file by ordinal path; further ones are ignored.</summary>
    public static DataModelInput From(ImmutableArray<InputFile> files)
    {
        var first = files.OrderBy(f => f.Path, StringComparer.Ordinal).FirstOrDefault();
        if (first is null)
        {
            return None;
        }

        var result = CsdlParser.Parse(first.Text, first.Path);
        return new DataModelInput(DefinitionFiles.FileName(first.Path), true, result.Model);
    }
}
