using Microsoft.CodeAnalysis;
using SmartSync.Definitions.Files;
using SmartSync.Generator.Emit;
using SmartSync.Generator.Inputs;
using SmartSync.Generator.Model;
using SmartSync.Generator.Naming;

namespace SmartSync.Generator;

/// <summary>
/// Turns SmartSync.xml and the CSDL data model (AdditionalFiles) into typed profiles, entity-name
/// constants, a compiled-in registration and typed record types for the app's tables.
/// </summary>
/// <remarks>
/// Every step's output is a value-equatable record holding strings and Definitions records only,
/// so an unrelated C# edit, or a whitespace edit of the XML, stops at a cached step and re-emits
/// nothing. The generator reports no diagnostics (the analyzers do) and skips whatever is invalid.
/// </remarks>
[Generator(LanguageNames.CSharp)]
public sealed class SmartSyncGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var inputFiles = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select(static (pair, ct) => InputClassifier.Classify(pair.Left, pair.Right.GetOptions(pair.Left), ct))
            .WithTrackingName(TrackingNames.InputFiles);

        var dataModel = inputFiles
            .Where(static f => f is { Kind: DefinitionFileKind.DataModel })
            .Select(static (f, _) => f!)
            .Collect()
            .Select(static (files, _) => DataModelInput.From(files))
            .WithTrackingName(TrackingNames.DataModel);

        var profilesFile = inputFiles
            .Where(static f => f is { Kind: DefinitionFileKind.Profiles })
            .Select(static (f, _) => f!)
            .Collect()
            .Select(static (files, _) => ProfilesSource.From(files))
            .WithTrackingName(TrackingNames.ProfilesFile);

        var definitions = profilesFile
            .Combine(dataModel)
            .Select(static (pair, _) => pair.Left is null ? null : DefinitionsModel.Read(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.Definitions);

        var @namespace = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => NamespaceOptions.From(options.GlobalOptions))
            .Combine(context.CompilationProvider.Select(static (compilation, _) => compilation.AssemblyName))
            .Select(static (pair, _) => NamespaceName.Choose(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.Namespace);

        var profilesModel = definitions
            .Combine(dataModel)
            .Combine(@namespace)
            .Select(static (pair, _) => pair.Left.Left is null ? null : ModelBuilder.BuildProfiles(pair.Left.Left, pair.Left.Right, pair.Right))
            .WithTrackingName(TrackingNames.ProfilesModel);

        // Only the app's tables get constants when SmartSync.xml states them; the scope is a value, so
        // profile edits that leave it unchanged stop here.
        var appEntityScope = definitions
            .Select(static (d, _) => d?.AppEntityScope)
            .WithTrackingName(TrackingNames.AppEntities);

        var entityNamesModel = dataModel
            .Combine(appEntityScope)
            .Combine(@namespace)
            .Select(static (pair, _) => ModelBuilder.BuildEntityNames(pair.Left.Left, pair.Left.Right, pair.Right))
            .WithTrackingName(TrackingNames.EntityNamesModel);

        // Built from the profiles step's value (its effective entity sets), not by resolving every profile again.
        var recordTypesModel = profilesModel
            .Combine(dataModel)
            .Select(static (pair, _) => RecordTypesBuilder.Build(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.RecordTypesModel);

        context.RegisterSourceOutput(recordTypesModel, static (spc, model) =>
        {
            if (model is { Types.Count: > 0 })
            {
                spc.AddSource(RecordTypesEmitter.HintName, RecordTypesEmitter.Emit(model));
            }
        });

        context.RegisterSourceOutput(profilesModel, static (spc, model) =>
        {
            if (model is not null)
            {
                spc.AddSource(ProfilesEmitter.HintName, ProfilesEmitter.Emit(model));
            }
        });

        context.RegisterSourceOutput(entityNamesModel, static (spc, model) =>
        {
            if (model is not null)
            {
                spc.AddSource(EntityNamesEmitter.HintName, EntityNamesEmitter.Emit(model));
            }
        });
    }
}
