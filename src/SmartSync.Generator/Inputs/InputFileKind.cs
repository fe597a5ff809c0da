namespace SmartSync.Generator.Inputs;

/// <summary>What an AdditionalFile is to the generator.</summary>
internal enum InputFileKind
{
    /// <summary>A SmartSync.xml profile definition file.</summary>
    Profiles = 1,

    /// <summary>An OData CSDL data model.</summary>
    DataModel = 2,
}
