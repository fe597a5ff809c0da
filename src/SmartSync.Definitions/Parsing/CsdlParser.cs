using System;
using System.Collections.Generic;
using SmartSync.Definitions.DataModel;
using SmartSync.Definitions.Diagnostics;
using SmartSync.Definitions.Parsing.Csdl;

namespace SmartSync.Definitions.Parsing;

/// <summary>
/// Reads an OData v4 CSDL document (<c>$metadata</c>) into an <see cref="EntityDataModel"/>, as Dataverse
/// publishes it: several schemas, aliases, abstract keyless bases, keys inherited along BaseType chains, and
/// every element kind a real document carries. SS0040 (no model) only when the document is not CSDL at all;
/// what SmartSync cannot use (a property it cannot store, a type without a usable key) is skipped with an
/// SS0042 info diagnostic. Never throws.
/// </summary>
internal static class CsdlParser
{
    public static DataModelReadResult Parse(string text, string filePath)
    {
        try
        {
            return ParseCore(text ?? string.Empty, filePath);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Defensive: a parser bug must surface as a diagnostic, never as a crashed build.
            var diagnostic = DefinitionDiagnostic.Create(DiagnosticRules.InvalidDataModel, filePath, default, ex.Message);
            return new DataModelReadResult(null, [diagnostic]);
        }
    }

    private static DataModelReadResult ParseCore(string text, string filePath)
    {
        var spans = new CsdlSpans(text);
        var diagnostics = new List<DefinitionDiagnostic>();
        var (document, errors) = CsdlDocumentReader.Read(text);
        if (errors.Count > 0)
        {
            foreach (var (position, isXmlError, message) in errors)
            {
                var range = position.Line <= 0 ? default : isXmlError ? spans.Point(position) : spans.Name(position);
                diagnostics.Add(DefinitionDiagnostic.Create(DiagnosticRules.InvalidDataModel, filePath, range, message));
            }

            return new DataModelReadResult(null, diagnostics);
        }

        var builder = new CsdlModelBuilder(document, (position, value, message) =>
            diagnostics.Add(DefinitionDiagnostic.Create(DiagnosticRules.DataModelPartSkipped, filePath, value ? spans.Value(position) : spans.Name(position), message)));
        var model = builder.Build();
        return new DataModelReadResult(model, diagnostics);
    }
}
