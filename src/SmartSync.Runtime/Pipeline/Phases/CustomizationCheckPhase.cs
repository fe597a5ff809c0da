using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using SmartSync.Definitions.Parsing;
using SmartSync.Definitions.Collections;
using SmartSync.Definitions.Semantics;
using SmartSync.Exclusions;
using SmartSync.Preconditions;
using SmartSync.Storage;

namespace SmartSync.Pipeline.Phases;

/// <summary>
/// Compares the server's customization with the local schema. A full sync downloads
/// <c>$metadata</c> and migrates the tables; a SmartSync is refused when they differ. Then it
/// works out the run's entities (effective set of the profile, or every entity).
/// </summary>
internal sealed class CustomizationCheckPhase : ISyncPhase
{
    public string Name => "CustomizationCheck";

    public SyncModules SkipFlag => SyncModules.None;

    public bool AlwaysRuns => true;

    public PhaseDirection Direction => PhaseDirection.Any;

    public async Task<int> RunAsync(SyncRunContext context, CancellationToken cancellationToken)
    {
        var session = context.Session ?? throw new InvalidOperationException("WhoAmI has not run.");
        var store = context.Store;
        string? storedVersion;
        string? honoured;
        long debt;
        using (var lease = await store.AcquireWriterAsync(cancellationToken).ConfigureAwait(false))
        {
            storedVersion = SyncStore.GetSetting(lease.Connection, null, SettingNames.CustomizationVersion);
            honoured = SyncStore.GetSetting(lease.Connection, null, SettingNames.ForcedFullSyncHonoured);
            debt = long.TryParse(SyncStore.GetSetting(lease.Connection, null, SettingNames.CleanupDebt), NumberStyles.Integer, CultureInfo.InvariantCulture, out var d) ? d : 0;
        }

        var changed = storedVersion != session.CustomizationVersion || store.Model is null;
        var adminForced = session.FullSyncRequired && honoured != "1";
        var items = 0;
        if (context.Plan.IsFullSync)
        {
            if (changed)
            {
                items = await MigrateAsync(context, session.CustomizationVersion, cancellationToken).ConfigureAwait(false);
            }

            context.ForceFullDownload = (changed && storedVersion is not null) || adminForced;
        }
        else
        {
            var refusal = PreconditionChecker.CheckServer(session, context.Options, storedVersion, store.Model is not null, adminForced);
            if (refusal is { } r)
            {
                throw new SyncRefusedException(r.Reason, r.Message);
            }
        }

        context.Model = store.Model;
        await ResolveEntitiesAsync(context, cancellationToken).ConfigureAwait(false);
        context.CleanupForced = context.Options.CleanupDebtLimit > 0 && debt >= context.Options.CleanupDebtLimit;
        if (context.CleanupForced && (context.Plan.ExcludedModules & (SyncModules.NoCleanup | SyncModules.OnlyCoreModules)) != 0 && context.Plan.Downloads)
        {
            context.Log.Line(string.Format(CultureInfo.InvariantCulture, "Cleanup forced: skipped in {0} run(s) in a row", debt));
        }

        return items;
    }

    private static async Task<int> MigrateAsync(SyncRunContext context, string customizationVersion, CancellationToken cancellationToken)
    {
        var csdl = await context.Transport.GetMetadataAsync(cancellationToken).ConfigureAwait(false);
        var read = CsdlParser.Parse(csdl, "$metadata");
        if (read.Model is null)
        {
            var detail = read.Diagnostics.Count > 0 ? read.Diagnostics[0].Message : "unknown error";
            throw new SyncRunFailedException("The server's $metadata is not valid CSDL: " + detail);
        }

        var next = new LocalModel(read.Model, context.Plan.AppEntities);
        IReadOnlyList<string> reset;
        using (var lease = await context.Store.AcquireWriterAsync(cancellationToken).ConfigureAwait(false))
        {
            using var tx = lease.Connection.BeginTransaction();
            reset = ModelMigrator.Apply(lease.Connection, tx, context.Store.Model, next, context.Now);
            SyncStore.SetSetting(lease.Connection, tx, SettingNames.ModelCsdl, csdl);
            SyncStore.SetSetting(lease.Connection, tx, SettingNames.CustomizationVersion, customizationVersion);
            tx.Commit();
            context.Store.ReplaceModel(next);
        }

        context.Log.Line(string.Format(CultureInfo.InvariantCulture, "Data model {0} applied: {1} entities", customizationVersion, CountTables(next)));
        foreach (var name in next.Unstorable)
        {
            context.Log.Line("Entity '" + name + "' skipped: its names cannot be stored safely");
        }

        return reset.Count + 1;
    }

    private static async Task ResolveEntitiesAsync(SyncRunContext context, CancellationToken cancellationToken)
    {
        var model = context.RequireModel();
        var tables = new List<LocalTable>();
        var plan = context.Plan;
        if (plan.Profile is not { } profile)
        {
            tables.AddRange(model.Tables);
        }
        else
        {
            IReadOnlyList<ExcludedEntity> auto = [];
            if (profile.UseAutoExclusions)
            {
                using var lease = await context.Store.AcquireWriterAsync(cancellationToken).ConfigureAwait(false);
                auto = AutoExclusionStore.List(lease.Connection, null);
            }

            var global = GlobalExclusions(model, plan.GlobalExclusions);
            var effective = EffectiveEntityResolver.Resolve(profile, model.Model, global, auto, plan.AppEntities);
            context.Pruned = effective.Pruned;
            foreach (var name in effective.Entities)
            {
                if (model.Find(name) is { } table)
                {
                    tables.Add(table);
                }
                else
                {
                    context.Log.Line("Entity '" + name + "' skipped: not in the local data model");
                }
            }

            foreach (var pruned in effective.Pruned)
            {
                context.Log.Line("Pruned " + pruned.Name + " (" + pruned.List + "): " + pruned.Reason);
            }
        }

        context.Entities = EntityOrder.ParentsFirst(tables);
        if (plan.Method == SyncMethod.Incremental && plan.Downloads)
        {
            using var lease = await context.Store.AcquireWriterAsync(cancellationToken).ConfigureAwait(false);
            foreach (var table in context.Entities)
            {
                if (CursorStore.Get(lease.Connection, null, CursorStore.Download, table.Name) is null)
                {
                    throw new SyncRefusedException(
                        SyncRefusalReason.IncrementalNotPossible,
                        "SyncMethod Incremental, but '" + table.Name + "' has no download cursor: it needs a full download first.");
                }
            }
        }
    }

    /// <summary>The catalog's list (emitted by the generator); computed from the model when the catalog has none.</summary>
    internal static IReadOnlyList<ExcludedEntity> GlobalExclusions(LocalModel model, EquatableArray<ExcludedEntity> catalogList) =>
        catalogList.Count > 0 ? catalogList : GlobalExclusionCalculator.Compute(model.Model);

    private static int CountTables(LocalModel model)
    {
        var count = 0;
        foreach (var unused in model.Tables)
        {
            count++;
        }

        return count;
    }
}
