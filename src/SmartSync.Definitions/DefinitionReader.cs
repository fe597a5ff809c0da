using System.Collections.Generic;
using SmartSync.Definitions.DataModel;
using SmartSync.Definitions.Parsing;
using SmartSync.Definitions.Validation;

namespace SmartSync.Definitions;

/// <summary>
/// The single entry point that turns SmartSync.xml (and an optional data model) into diagnostics
/// and validated specs. The generator, the analyzers and the runtime's override loader all call it.
/// </summary>
internal static class DefinitionReader
{
    /// <param name="xmlText">The SmartSync.xml text.</param>
    /// <param name="filePath">The path diagnostics point into.</param>
    /// <param name="dataModel">The data model read with <see cref="CsdlParser"/>, or null when there is none.</param>
    public static DefinitionSet Read(string xmlText, string filePath, DataModelReadResult? dataModel) =>
        Read(xmlText, filePath, dataModel?.Model, dataModelSupplied: dataModel is not null);

    /// <summary>
    /// The same, from an already parsed model: the source generator caches the <see cref="EntityDataModel"/>
    /// (value-equatable) rather than the read result, whose diagnostics carry source positions.
    /// </summary>
    /// <param name="xmlText">The SmartSync.xml text.</param>
    /// <param name="filePath">The path diagnostics point into.</param>
    /// <param name="model">The valid data model, or null.</param>
    /// <param name="dataModelSupplied">Whether a data model file was supplied at all (only decides SS0041).</param>
    public static DefinitionSet Read(string xmlText, string filePath, EntityDataModel? model, bool dataModelSupplied)
    {
        var (syntax, parseDiagnostics) = SmartSyncXmlParser.Parse(xmlText, filePath);
        var output = SmartSyncValidator.Validate(syntax, model, dataModelSupplied);
        var diagnostics = new List<Diagnostics.DefinitionDiagnostic>(parseDiagnostics.Count + output.Diagnostics.Count);
        diagnostics.AddRange(parseDiagnostics);
        diagnostics.AddRange(output.Diagnostics);
        return new DefinitionSet(syntax, diagnostics, output.Profiles, output.Triggers, output.ExplicitGlobalExclusions, output.GlobalExclusions, model, output.ExplicitAppEntities, output.AppEntities);
    }
}
