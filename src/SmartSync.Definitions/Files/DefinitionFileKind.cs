namespace SmartSync.Definitions.Files;

/// <summary>What a file is to SmartSync.</summary>
internal enum DefinitionFileKind
{
    /// <summary>Not a SmartSync input.</summary>
    None = 0,

    /// <summary>Profile definitions (SmartSync.xml).</summary>
    Profiles = 1,

    /// <summary>An OData CSDL data model.</summary>
    DataModel = 2,
}
