using SmartSync.Definitions.Collections;

namespace SmartSync.Generator.Model;

/// <summary>One generated record type.</summary>
/// <param name="ClassName">The C# class name, <c>{Entity}Record</c>.</param>
/// <param name="LogicalName">The entity's logical name.</param>
/// <param name="EntitySetName">The server's entity set.</param>
/// <param name="BaseType">The base entity, if any.</param>
/// <param name="KeyOrdinal">The index of the key in <paramref name="Properties"/>.</param>
/// <param name="Properties">Properties in column order.</param>
internal sealed record RecordTypeModel(
    string ClassName,
    string LogicalName,
    string? EntitySetName,
    string? BaseType,
    int KeyOrdinal,
    EquatableArray<RecordPropertyModel> Properties);
