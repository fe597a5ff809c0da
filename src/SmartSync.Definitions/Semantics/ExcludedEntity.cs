namespace SmartSync.Definitions.Semantics;

/// <summary>An entity on an exclusion list, with the reason it is there.</summary>
public sealed record ExcludedEntity(string Name, string Reason);
