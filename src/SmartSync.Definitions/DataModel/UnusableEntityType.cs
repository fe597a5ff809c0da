namespace SmartSync.Definitions.DataModel;

/// <summary>
/// An entity type the document declares but SmartSync cannot sync (a concrete type with no key, a composite
/// key, an unknown base type...). It costs nothing unless SmartSync.xml names it, which is then an error.
/// </summary>
/// <param name="Name">The type's name.</param>
/// <param name="Reason">Why it cannot be used.</param>
public sealed record UnusableEntityType(string Name, string Reason);
