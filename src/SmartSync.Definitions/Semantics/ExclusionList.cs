namespace SmartSync.Definitions.Semantics;

/// <summary>Which list removed an entity from a profile's effective set (docs/smartsync-xml.md).</summary>
public enum ExclusionList
{
    /// <summary>The profile's own Exclude list.</summary>
    Manual = 0,

    /// <summary>The build-time list of stable and enum-like entities.</summary>
    Global = 1,

    /// <summary>The run-time list of entities that have not changed lately.</summary>
    Auto = 2,
}
