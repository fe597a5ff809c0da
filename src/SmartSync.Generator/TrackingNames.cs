namespace SmartSync.Generator;

/// <summary>
/// Names of the generator's pipeline steps, so tests can assert which steps ran, were cached or
/// produced an unchanged value after an edit.
/// </summary>
public static class TrackingNames
{
    /// <summary>Each AdditionalFile classified as SmartSync.xml, data model or neither, with its text.</summary>
    public const string InputFiles = nameof(InputFiles);

    /// <summary>The data model parsed from the first CSDL file.</summary>
    public const string DataModel = nameof(DataModel);

    /// <summary>The first SmartSync.xml file's path and text.</summary>
    public const string ProfilesFile = nameof(ProfilesFile);

    /// <summary>The valid profiles, triggers and explicit exclusions read from SmartSync.xml.</summary>
    public const string Definitions = nameof(Definitions);

    /// <summary>The app's tables when SmartSync.xml states them (<c>&lt;AppEntities&gt;</c>), else null.</summary>
    public const string AppEntities = nameof(AppEntities);

    /// <summary>The namespace of the generated code.</summary>
    public const string Namespace = nameof(Namespace);

    /// <summary>The emit model of <c>Profiles.g.cs</c>.</summary>
    public const string ProfilesModel = nameof(ProfilesModel);

    /// <summary>The emit model of <c>EntityNames.g.cs</c>.</summary>
    public const string EntityNamesModel = nameof(EntityNamesModel);

    /// <summary>The emit model of <c>RecordTypes.g.cs</c> (record types of the app's tables).</summary>
    public const string RecordTypesModel = nameof(RecordTypesModel);
}
