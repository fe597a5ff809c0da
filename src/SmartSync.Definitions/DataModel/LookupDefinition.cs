namespace SmartSync.Definitions.DataModel;

/// <summary>A single-valued navigation property: a lookup from one entity to another.</summary>
/// <param name="Name">The navigation property's name.</param>
/// <param name="TargetEntity">The logical name of the entity the lookup points to.</param>
/// <param name="ForeignKey">The structural property holding the target's key, when the CSDL declares one.</param>
public sealed record LookupDefinition(string Name, string TargetEntity, string? ForeignKey);
