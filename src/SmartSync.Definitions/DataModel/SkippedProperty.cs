namespace SmartSync.Definitions.DataModel;

/// <summary>A structural property the runtime cannot store in a SQLite column, left out of the entity's columns.</summary>
/// <param name="Name">The property's name.</param>
/// <param name="EdmType">Its type as the document names it, with namespace aliases resolved, e.g. <c>Collection(Edm.String)</c>.</param>
/// <param name="Reason">Why it is skipped.</param>
public sealed record SkippedProperty(string Name, string EdmType, string Reason);
