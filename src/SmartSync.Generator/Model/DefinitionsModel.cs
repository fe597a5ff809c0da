using SmartSync.Definitions;
using SmartSync.Definitions.Collections;
using SmartSync.Definitions.Files;
using SmartSync.Definitions.Semantics;
using SmartSync.Generator.Inputs;

namespace SmartSync.Generator.Model;

/// <summary>
/// What survived validation of SmartSync.xml, without positions or diagnostics: a whitespace-only
/// edit of the file yields an equal value, so nothing downstream runs again.
/// </summary>
/// <param name="FileName">The SmartSync.xml file name (no directory).</param>
/// <param name="Profiles">Valid profiles, in document order.</param>
/// <param name="Triggers">Valid triggers, in document order.</param>
/// <param name="ExplicitGlobalExclusions">The <c>&lt;GlobalExclusions&gt;</c> list, when the file has one.</param>
/// <param name="AppEntityScope">The app's tables when the file states them (<c>&lt;AppEntities&gt;</c>), null when every table is the app's.</param>
internal sealed record DefinitionsModel(
    string FileName,
    EquatableArray<ProfileSpec> Profiles,
    EquatableArray<TriggerSpec> Triggers,
    EquatableArray<string>? ExplicitGlobalExclusions,
    EquatableArray<string>? AppEntityScope = null)
{
    /// <summary>Reads the file; invalid parts are left out (the analyzers report them).</summary>
    public static DefinitionsModel Read(ProfilesSource source, DataModelInput dataModel)
    {
        var set = DefinitionReader.Read(source.Text, source.Path, dataModel.Model, dataModel.Supplied);
        return new DefinitionsModel(DefinitionFiles.FileName(source.Path), set.Profiles, set.Triggers, set.ExplicitGlobalExclusions, set.AppEntityScope);
    }
}
