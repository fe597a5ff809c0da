namespace SmartSync.Generator.Model;

/// <summary>One <c>const string</c> of <c>EntityNames</c>.</summary>
/// <param name="Identifier">The C# member name.</param>
/// <param name="LogicalName">The entity's logical name, the constant's value.</param>
/// <param name="EntitySetName">The server's entity set, or null when it has none.</param>
/// <param name="BaseType">The base entity's logical name, if any.</param>
internal sealed record EntityConstantModel(string Identifier, string LogicalName, string? EntitySetName, string? BaseType);
