using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SmartSync.Definitions;
using SmartSync.Definitions.DataModel;
using SmartSync.Definitions.Diagnostics;
using SmartSync.Logging;

namespace SmartSync;

/// <summary>
/// Loads a SmartSync.xml from the app's data folder at run time. It is validated by the same
/// reader the analyzers use; a file with any error is rejected whole and the catalog in force
/// stays. A valid file yields a catalog (profiles become <see cref="LoadedProfile"/>s) that
/// <see cref="SmartSyncClient.LoadOverrideFileAsync"/> puts in force for that client only.
/// </summary>
public static class OverrideFileLoader
{
    public static async Task<OverrideLoadResult> LoadAsync(string path, EntityDataModel? dataModel, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        logger ??= NullLogger.Instance;
        string text;
        try
        {
            text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // An unreadable file is reported like an unparsable one (SS0001), not thrown.
            var diagnostic = DefinitionDiagnostic.Create(DiagnosticRules.MalformedXml, path, default, ex.Message);
            SyncLogMessages.OverrideRejected(logger, path, 1);
            return new OverrideLoadResult(path, [diagnostic], null);
        }

        return Load(text, path, dataModel, logger);
    }

    /// <summary>Validates SmartSync.xml text and, when it has no errors, builds the catalog it describes.</summary>
    public static OverrideLoadResult Load(string xmlText, string path, EntityDataModel? dataModel, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(xmlText);
        logger ??= NullLogger.Instance;
        var set = DefinitionReader.Read(xmlText, path, dataModel, dataModelSupplied: dataModel is not null);
        if (set.HasErrors)
        {
            SyncLogMessages.OverrideRejected(logger, path, set.Diagnostics.Count(d => d.IsError));
            return new OverrideLoadResult(path, set.Diagnostics, null);
        }

        var catalog = new SmartSyncCatalog(set.Profiles.Select(p => (SmartSyncProfile)new LoadedProfile(p)), set.Triggers, set.GlobalExclusions, set.AppEntityScope, path);
        SyncLogMessages.OverrideLoaded(logger, path, catalog.Profiles.Count);
        return new OverrideLoadResult(path, set.Diagnostics, catalog);
    }
}
