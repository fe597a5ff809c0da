using SmartSync.Definitions.Collections;

namespace SmartSync.Generator.Model;

/// <summary>Everything <c>EntityNames.g.cs</c> is written from.</summary>
/// <param name="Namespace">The namespace of the generated type.</param>
/// <param name="DataModelFileName">The data model's file name, quoted in doc comments.</param>
/// <param name="Entities">One constant per entity type, ordered by logical name.</param>
internal sealed record EntityNamesModel(string Namespace, string DataModelFileName, EquatableArray<EntityConstantModel> Entities);
