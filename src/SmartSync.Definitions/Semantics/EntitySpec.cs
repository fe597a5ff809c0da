namespace SmartSync.Definitions.Semantics;

/// <summary>An entity named in a profile's entity list.</summary>
public sealed record EntitySpec(string Name, bool WithRelated, bool Deep);
