using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using SmartSync.Definitions;
using SmartSync.Definitions.DataModel;
using SmartSync.Definitions.Files;
using SmartSync.Definitions.Parsing;

namespace SmartSync.Analyzers.Inputs;

/// <summary>
/// SmartSync's AdditionalFiles of one compilation, each read at most once however many actions ask
/// (additional-file actions run concurrently). The first data model file (by ordinal path) is the model the profiles are
/// checked against; every data model file still gets its own SS0040 diagnostics.
/// A file whose reading fails unexpectedly is skipped (null), never allowed to crash the analyzer host.
/// Readings come from <see cref="ParseCache.Shared"/>, keyed by content: a new compilation over the same files parses nothing.
/// </summary>
internal sealed class SmartSyncInputs
{
    // Keyed by path: the file an additional-file action receives need not be the same instance as in the options.
    private readonly Dictionary<string, DefinitionFileKind> _kinds;
    private readonly Dictionary<string, Lazy<DataModelReadResult?>> _dataModels = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AdditionalText> _dataModelFiles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Lazy<DefinitionSet?>> _definitions = new(StringComparer.Ordinal);
    private readonly List<AdditionalText> _profileFiles = [];
    private readonly string? _primaryDataModel;

    private SmartSyncInputs(Dictionary<string, DefinitionFileKind> kinds, IReadOnlyList<AdditionalText> ordered)
    {
        _kinds = kinds;
        // The generator compiles the first data model and the first SmartSync.xml by ordinal path; so do we.
        foreach (var file in ordered.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            switch (kinds[file.Path])
            {
                case DefinitionFileKind.DataModel:
                    var dataModelFile = file;
                    _primaryDataModel ??= file.Path;
                    _dataModelFiles[file.Path] = file;
                    _dataModels[file.Path] = new Lazy<DataModelReadResult?>(() => ReadDataModel(dataModelFile), LazyThreadSafetyMode.ExecutionAndPublication);
                    break;
                case DefinitionFileKind.Profiles:
                    var profilesFile = file;
                    _profileFiles.Add(file);
                    _definitions[file.Path] = new Lazy<DefinitionSet?>(() => ReadDefinitions(profilesFile), LazyThreadSafetyMode.ExecutionAndPublication);
                    break;
            }
        }
    }

    public bool IsEmpty => _kinds.Count == 0;

    /// <summary>The SmartSync.xml files of the compilation, by ordinal path (the first is the one the generator compiles).</summary>
    public IReadOnlyList<AdditionalText> ProfileFiles => _profileFiles;

    public static SmartSyncInputs Create(AnalyzerOptions options)
    {
        var kinds = new Dictionary<string, DefinitionFileKind>(StringComparer.Ordinal);
        var ordered = new List<AdditionalText>();
        foreach (var file in options.AdditionalFiles)
        {
            if (file.Path is null || kinds.ContainsKey(file.Path))
            {
                continue;
            }

            var kind = SmartSyncFileClassifier.Classify(file, options.AnalyzerConfigOptionsProvider);
            if (kind != DefinitionFileKind.None)
            {
                kinds.Add(file.Path, kind);
                ordered.Add(file);
            }
        }

        return new SmartSyncInputs(kinds, ordered);
    }

    public DefinitionFileKind KindOf(AdditionalText file) => _kinds.TryGetValue(file.Path, out var kind) ? kind : DefinitionFileKind.None;

    /// <summary>The parsed data model file, or null when it is not one or could not be read.</summary>
    public DataModelReadResult? DataModelOf(AdditionalText file) => DataModelOf(file.Path);

    /// <summary>SmartSync.xml read against the primary data model, or null when it is not one or could not be read.</summary>
    public DefinitionSet? DefinitionsOf(AdditionalText file) => _definitions.TryGetValue(file.Path, out var lazy) ? lazy.Value : null;

    /// <summary>
    /// The app's tables (docs/smartsync-xml.md) when <paramref name="file"/> is the data model SmartSync.xml is checked
    /// against and that file could be read; null when no SmartSync.xml states anything about this model.
    /// </summary>
    public DefinitionSet? DefinitionsAgainst(AdditionalText file) =>
        _profileFiles.Count > 0 && string.Equals(file.Path, _primaryDataModel, StringComparison.Ordinal) ? DefinitionsOf(_profileFiles[0]) : null;

    private DataModelReadResult? DataModelOf(string path) => _dataModels.TryGetValue(path, out var lazy) ? lazy.Value : null;

    private static DataModelReadResult? ReadDataModel(AdditionalText file)
    {
        var text = ReadSourceText(file);
        var key = ParseCache.KeyOf(file, text);
        return key is null ? null : Guard(() => ParseCache.Shared.GetDataModel(key, file.Path, text!));
    }

    private DefinitionSet? ReadDefinitions(AdditionalText file)
    {
        var text = ReadSourceText(file);
        var key = ParseCache.KeyOf(file, text);
        if (key is null)
        {
            return null;
        }

        // No model file at all: names are checked for form only (SS0041). A model file that could not be
        // read is treated like an invalid one: no SS0041, no entity checks.
        DataModelReadResult? dataModel = null;
        var modelKey = "(none)";
        if (_primaryDataModel is not null)
        {
            var modelFile = _dataModelFiles[_primaryDataModel];
            modelKey = ParseCache.KeyOf(modelFile, ReadSourceText(modelFile)) ?? "(unreadable)";
            dataModel = DataModelOf(_primaryDataModel);
            if (dataModel is null)
            {
                return null;
            }
        }

        return Guard(() => ParseCache.Shared.GetDefinitions(key + "||" + modelKey, file.Path, text!, dataModel));
    }

    private static SourceText? ReadSourceText(AdditionalText file) => Guard(() => file.GetText(CancellationToken.None));

    private static T? Guard<T>(Func<T?> read)
        where T : class
    {
        try
        {
            return read();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A bug in the shared reader must cost one file's diagnostics, not the whole analyzer (AD0001).
            return null;
        }
    }
}
