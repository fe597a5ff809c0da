namespace SmartSync.Definitions.Diagnostics;

/// <summary>
/// Every SmartSync diagnostic (docs/diagnostics/). The analyzers turn these into Roslyn descriptors; the
/// runtime's override loader reports them as they are.
/// </summary>
internal static class DiagnosticRules
{
    private const string Xml = "SmartSync.Xml";
    private const string Entities = "SmartSync.Entities";
    private const string Modules = "SmartSync.Modules";
    private const string Triggers = "SmartSync.Triggers";
    private const string DataModel = "SmartSync.DataModel";
    private const string Usage = "SmartSync.Usage";

    public static readonly DiagnosticRule MalformedXml = new(
        "SS0001", "SmartSync.xml is not well-formed XML", "SmartSync.xml is not well-formed XML: {0}", DefinitionSeverity.Error, Xml);

    public static readonly DiagnosticRule WrongRoot = new(
        "SS0002", "Root element must be SmartSyncSetup", "The root element is '{0}'; SmartSync.xml must start with <SmartSyncSetup>", DefinitionSeverity.Error, Xml);

    public static readonly DiagnosticRule UnknownElementOrAttribute = new(
        "SS0003", "Unknown element or attribute", "Unknown {0} '{1}' in <{2}>{3}", DefinitionSeverity.Warning, Xml);

    public static readonly DiagnosticRule MissingAttribute = new(
        "SS0004", "Required attribute missing", "<{0}> requires the attribute '{1}'", DefinitionSeverity.Error, Xml);

    public static readonly DiagnosticRule InvalidValue = new(
        "SS0005", "Invalid attribute value", "'{0}' is not a valid value for {1}; allowed: {2}", DefinitionSeverity.Error, Xml);

    public static readonly DiagnosticRule DuplicateProfile = new(
        "SS0006", "Duplicate profile name", "A profile named '{0}' is already defined (profile names are case-insensitive)", DefinitionSeverity.Error, Xml);

    public static readonly DiagnosticRule InvalidProfileName = new(
        "SS0007", "Profile name is not a usable C# identifier", "Profile name '{0}' is not a usable C# identifier: {1}", DefinitionSeverity.Error, Xml);

    public static readonly DiagnosticRule UnknownEntity = new(
        "SS0010", "Entity not in the data model", "Entity '{0}' is not in the data model{1}", DefinitionSeverity.Error, Entities);

    public static readonly DiagnosticRule DuplicateEntity = new(
        "SS0011", "Entity listed twice", "Entity '{0}' is listed more than once in profile '{1}'", DefinitionSeverity.Warning, Entities);

    public static readonly DiagnosticRule EmptyEntitySet = new(
        "SS0012", "Profile selects no entity", "Profile '{0}' selects no entity: {1}", DefinitionSeverity.Error, Entities);

    public static readonly DiagnosticRule RelatedWithoutLookups = new(
        "SS0013", "WithRelated or Deep on an entity without lookups", "'{0}' has no effect: entity '{1}' has no lookups", DefinitionSeverity.Info, Entities);

    public static readonly DiagnosticRule LargeModelWithoutAppEntities = new(
        "SS0014", "Large data model without an app entity list", "The data model has {0} tables and SmartSync.xml has no <AppEntities>: full sync, Exclude profiles and Deep expansion would create and download all {0}; list the app's tables in <AppEntities>", DefinitionSeverity.Warning, Entities);

    public static readonly DiagnosticRule RedundantWithCoreModules = new(
        "SS0020", "Module exclusion redundant with OnlyCoreModules", "'{0}' is redundant: OnlyCoreModules already skips every optional phase", DefinitionSeverity.Warning, Modules);

    public static readonly DiagnosticRule ModuleHasNoEffect = new(
        "SS0021", "Module exclusion has no effect for the SyncAction", "'{0}' has no effect in a {1} profile: {2}", DefinitionSeverity.Warning, Modules);

    public static readonly DiagnosticRule ContradictoryFullSync = new(
        "SS0022", "SyncMethod Full conflicts with the profile", "SyncMethod=\"Full\" {0}", DefinitionSeverity.Warning, Modules);

    public static readonly DiagnosticRule UnknownLaunchProfile = new(
        "SS0030", "Trigger launches an unknown profile", "Trigger launches profile '{0}', which is not defined{1}", DefinitionSeverity.Error, Triggers);

    public static readonly DiagnosticRule PeriodTooShort = new(
        "SS0031", "PeriodicSync period under 60 seconds", "A PeriodicSync every {0} seconds keeps the device syncing; use a Delay of at least 60 seconds", DefinitionSeverity.Warning, Triggers);

    public static readonly DiagnosticRule RecordChangeOnDownSync = new(
        "SS0032", "RecordChange trigger launches a DownSync profile", "RecordChange trigger launches '{0}', a DownSync profile that uploads nothing, so local changes stay on the device", DefinitionSeverity.Warning, Triggers);

    public static readonly DiagnosticRule DuplicateTrigger = new(
        "SS0033", "Duplicate trigger", "This trigger repeats an earlier {0} trigger for profile '{1}'", DefinitionSeverity.Warning, Triggers);

    public static readonly DiagnosticRule InvalidDataModel = new(
        "SS0040", "Data model is not valid CSDL", "The data model is not valid CSDL: {0}", DefinitionSeverity.Error, DataModel);

    public static readonly DiagnosticRule NoDataModel = new(
        "SS0041", "No data model", "No data model (*.csdl) was found: entity names in '{0}' are checked for form only", DefinitionSeverity.Info, DataModel);

    public static readonly DiagnosticRule DataModelPartSkipped = new(
        "SS0042", "Part of the data model is skipped", "{0}", DefinitionSeverity.Info, DataModel);

    public static readonly DiagnosticRule ProfileNamedByString = new(
        "SS0050", "Profile named by a string", "{0}", DefinitionSeverity.Warning, Usage);

    /// <summary>All rules, in ID order.</summary>
    public static DiagnosticRule[] All =>
    [
        MalformedXml, WrongRoot, UnknownElementOrAttribute, MissingAttribute, InvalidValue, DuplicateProfile, InvalidProfileName,
        UnknownEntity, DuplicateEntity, EmptyEntitySet, RelatedWithoutLookups, LargeModelWithoutAppEntities,
        RedundantWithCoreModules, ModuleHasNoEffect, ContradictoryFullSync,
        UnknownLaunchProfile, PeriodTooShort, RecordChangeOnDownSync, DuplicateTrigger,
        InvalidDataModel, NoDataModel, DataModelPartSkipped, ProfileNamedByString,
    ];
}
