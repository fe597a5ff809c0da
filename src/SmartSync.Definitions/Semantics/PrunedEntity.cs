namespace SmartSync.Definitions.Semantics;

/// <summary>An entity that an exclusion list removed from a profile, with the reason.</summary>
public sealed record PrunedEntity(string Name, ExclusionList List, string Reason);
