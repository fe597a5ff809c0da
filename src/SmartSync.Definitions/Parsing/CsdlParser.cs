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
        var spans = new XmlTextSpans(text);
        var diagnostics = new List<DefinitionDiagnostic>();
        var (document, errors) = CsdlDocumentReader.Read(text);
        if (errors.Count > 0)
        {
            foreach (var (position, isXmlError, message) in errors)
            {
                var offset = spans.OffsetOf(position.Line, position.Column);
                var range = isXmlError ? spans.Point(offset) : spans.Name(offset);
                diagnostics.Add(DefinitionDiagnostic.Create(DiagnosticRules.InvalidDataModel, filePath, range, message));
            }

            return new DataModelReadResult(null, diagnostics);
        }

        // Per-property infos are kept apart, by declaring type: an app is told only about its own tables' properties
        // (DataModelReadResult.DiagnosticsFor).
        var modelDiagnostics = new List<DefinitionDiagnostic>();
        var propertyDiagnostics = new Dictionary<string, List<DefinitionDiagnostic>>(StringComparer.Ordinal);
        var builder = new CsdlModelBuilder(
            document,
            (position, value, message) =>
            {
                var diagnostic = DefinitionDiagnostic.Create(DiagnosticRules.DataModelPartSkipped, filePath, value ? spans.Value(spans.OffsetOf(position.Line, position.Column)) : spans.Name(spans.OffsetOf(position.Line, position.Column)), message);
                diagnostics.Add(diagnostic);
                modelDiagnostics.Add(diagnostic);
            },
            (declaringType, position, message) =>
            {
                var diagnostic = DefinitionDiagnostic.Create(DiagnosticRules.DataModelPartSkipped, filePath, spans.Value(spans.OffsetOf(position.Line, position.Column)), message);
                diagnostics.Add(diagnostic);
                if (!propertyDiagnostics.TryGetValue(declaringType, out var list))
                {
                    propertyDiagnostics.Add(declaringType, list = []);
                }

                list.Add(diagnostic);
            });
        var model = builder.Build();
        return new DataModelReadResult(model, diagnostics, modelDiagnostics, propertyDiagnostics);
    }
}
