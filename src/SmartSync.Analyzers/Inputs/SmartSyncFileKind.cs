namespace SmartSync.Analyzers.Inputs;

/// <summary>What an AdditionalFile is to SmartSync.</summary>
internal enum SmartSyncFileKind
{
    None,

    /// <summary>SmartSync.xml: profiles and triggers.</summary>
    Profiles,

    /// <summary>The CSDL data model.</summary>
    DataModel,
}
