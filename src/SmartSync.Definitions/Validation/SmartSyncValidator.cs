using System;
using System.Collections.Generic;
using System.Linq;
using SmartSync.Definitions.Collections;
using SmartSync.Definitions.DataModel;
using SmartSync.Definitions.Diagnostics;
using SmartSync.Definitions.Parsing;
using SmartSync.Definitions.Semantics;
using SmartSync.Definitions.Syntax;
using SmartSync.Definitions.Text;

namespace SmartSync.Definitions.Validation;

/// <summary>
/// The semantic rules of SmartSync.xml (SS0006 and up, docs/diagnostics/) over parsed syntax, and the
/// binding of what is valid into <see cref="ProfileSpec"/>s and <see cref="TriggerSpec"/>s.
/// Anything with an error is left out of the specs, so generated code never sees it.
/// </summary>
internal sealed class SmartSyncValidator
{
    private static readonly SyncModules DownloadOnlyModules =
        SyncModules.NoSyncDeletes | SyncModules.NoEntityImages | SyncModules.NoSyncShared |
        SyncModules.NoDocuments | SyncModules.NoAttachments | SyncModules.NoCleanup;

    private readonly SmartSyncDocumentSyntax _document;
    private readonly EntityDataModel? _model;
    private readonly List<DefinitionDiagnostic> _diagnostics = [];

    private SmartSyncValidator(SmartSyncDocumentSyntax document, EntityDataModel? model)
    {
        _document = document;
        _model = model;
    }

    /// <summary>Validates a parsed document against an optional data model.</summary>
    /// <param name="document">The parsed SmartSync.xml.</param>
    /// <param name="model">The data model, when one is available and valid.</param>
    /// <param name="dataModelSupplied">Whether a data model file was supplied at all (if it was but is invalid, SS0041 is not reported).</param>
    public static ValidationOutput Validate(SmartSyncDocumentSyntax document, EntityDataModel? model, bool dataModelSupplied)
    {
        var validator = new SmartSyncValidator(document, model);
        return validator.Run(dataModelSupplied);
    }

    private ValidationOutput Run(bool dataModelSupplied)
    {
        if (!_document.IsLoaded)
        {
            return new ValidationOutput(_diagnostics, EquatableArray<ProfileSpec>.Empty, EquatableArray<TriggerSpec>.Empty, null, EquatableArray<ExcludedEntity>.Empty);
        }

        if (_model is null && !dataModelSupplied)
        {
            Report(DiagnosticRules.NoDataModel, _document.RootRange, Files.DefinitionFiles.FileName(_document.FilePath));
        }

        var explicitExclusions = ValidateEntityList(_document.GlobalExclusions);
        var globalExclusions = GlobalExclusionCalculator.Effective(_model, explicitExclusions);
        var explicitAppEntities = ValidateEntityList(_document.AppEntities);
        var appEntities = AppEntityList.Effective(_model, explicitAppEntities, IncludedNames());
        var scope = explicitAppEntities is null ? null : (IReadOnlyCollection<string>)appEntities;
        CheckAppEntitiesStated(explicitAppEntities);
        var profiles = ValidateProfiles(globalExclusions, scope);
        var triggers = ValidateTriggers(profiles);
        var validProfiles = profiles.Where(p => p.Spec is not null).Select(p => p.Spec!).ToEquatableArray();
        return new ValidationOutput(_diagnostics, validProfiles, triggers.ToEquatableArray(), explicitExclusions, globalExclusions, explicitAppEntities, appEntities);
    }

    /// <summary>Entities named by Include lists: they are the app's tables whether or not &lt;AppEntities&gt; lists them.</summary>
    private IEnumerable<string> IncludedNames() =>
        _document.Profiles.Where(p => p.Mode == EntitiesMode.Include).SelectMany(p => p.Entities).Where(e => e.Name is not null).Select(e => e.Name!.Value.Trim());

    /// <summary>SS0014: a large model and no statement of the app's tables.</summary>
    private void CheckAppEntitiesStated(EquatableArray<string>? explicitAppEntities)
    {
        if (explicitAppEntities is not null || _model is null)
        {
            return;
        }

        var tables = _model.SyncableEntities.Count();
        if (tables > AppEntityList.LargeModelTables)
        {
            Report(DiagnosticRules.LargeModelWithoutAppEntities, _document.RootRange, tables.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>The names of a &lt;GlobalExclusions&gt; or &lt;AppEntities&gt; list, each checked; null when the file has no such list.</summary>
    private EquatableArray<string>? ValidateEntityList(IReadOnlyList<EntitySyntax>? list)
    {
        if (list is null)
        {
            return null;
        }

        var names = new List<string>();
        foreach (var entity in list)
        {
            if (entity.Name is { } name && CheckEntityName(name) && !names.Contains(name.Value.Trim()))
            {
                names.Add(name.Value.Trim());
            }
        }

        return names.ToEquatableArray();
    }

    private List<(ProfileSyntax Syntax, string? Name, ProfileSpec? Spec)> ValidateProfiles(EquatableArray<ExcludedEntity> globalExclusions, IReadOnlyCollection<string>? scope)
    {
        var result = new List<(ProfileSyntax, string?, ProfileSpec?)>();
        var seenNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var profile in _document.Profiles)
        {
            var valid = !profile.HasErrors;
            var name = profile.Name?.Value.Trim();
            if (profile.Name is not null && name is not null)
            {
                var problem = CSharpIdentifier.Problem(name);
                if (problem is not null)
                {
                    Report(DiagnosticRules.InvalidProfileName, profile.Name.ValueRange, SmartSyncXmlParser.Truncate(name), problem);
                    valid = false;
                }
                else if (!seenNames.Add(name))
                {
                    Report(DiagnosticRules.DuplicateProfile, profile.Name.ValueRange, name);
                    valid = false;
                    name = null; // a trigger naming it resolves to the first definition
                }
            }
            else
            {
                valid = false;
            }

            valid &= ValidateEntities(profile, name ?? "?");
            ValidateModules(profile);

            ProfileSpec? spec = null;
            if (valid)
            {
                var entities = profile.Entities
                    .Where(e => e.Name is not null)
                    .Select(e => new EntitySpec(e.Name!.Value.Trim(), e.WithRelated, e.Deep))
                    .GroupBy(e => e.Name, StringComparer.Ordinal)
                    .Select(g => g.First())
                    .ToEquatableArray();
                var candidate = new ProfileSpec(
                    name!, profile.Description, profile.Action, profile.Method, profile.UseGlobalExclusions,
                    profile.UseAutoExclusions, profile.ExcludedModules, profile.Mode, entities);
                if (CheckNotEmpty(profile, candidate, globalExclusions, scope))
                {
                    spec = candidate;
                }
            }

            result.Add((profile, name, spec));
        }

        return result;
    }

    private bool ValidateEntities(ProfileSyntax profile, string profileName)
    {
        var valid = true;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entity in profile.Entities)
        {
            if (entity.Name is null)
            {
                valid = false;
                continue;
            }

            var name = entity.Name.Value.Trim();
            if (!CheckEntityName(entity.Name))
            {
                valid = false;
                continue;
            }

            if (!seen.Add(name))
            {
                Report(DiagnosticRules.DuplicateEntity, entity.Name.ValueRange, name, profileName);
                continue;
            }

            var definition = _model?.Find(name);
            if (definition is not null && definition.Lookups.Count == 0 && (entity.WithRelated || entity.Deep))
            {
                var attribute = entity.WithRelated ? entity.WithRelatedAttribute! : entity.DeepAttribute!;
                Report(DiagnosticRules.RelatedWithoutLookups, attribute.ValueRange, attribute.Name, name);
            }
        }

        return valid;
    }

    private bool CheckNotEmpty(ProfileSyntax profile, ProfileSpec spec, EquatableArray<ExcludedEntity> globalExclusions, IReadOnlyCollection<string>? scope)
    {
        if (spec.Mode == EntitiesMode.Include && spec.Entities.IsEmpty)
        {
            Report(DiagnosticRules.EmptyEntitySet, profile.EntitiesRange, spec.Name, "its Include list names no entity");
            return false;
        }

        if (spec.Mode == EntitiesMode.Exclude && _model is not null)
        {
            var effective = EffectiveEntityResolver.Resolve(spec, _model, globalExclusions, [], scope);
            if (effective.Entities.IsEmpty)
            {
                var why = effective.Pruned.Any(p => p.List == ExclusionList.Global)
                    ? "its Exclude list and the global exclusions remove every entity of the data model"
                    : scope is null ? "its Exclude list removes every entity of the data model" : "its Exclude list removes every one of the app's tables (<AppEntities>)";
                Report(DiagnosticRules.EmptyEntitySet, profile.EntitiesRange, spec.Name, why);
                return false;
            }
        }

        return true;
    }

    private void ValidateModules(ProfileSyntax profile)
    {
        var onlyCore = (profile.ExcludedModules & SyncModules.OnlyCoreModules) != 0;
        foreach (var token in profile.ModuleTokens)
        {
            if (token.Module == SyncModules.OnlyCoreModules)
            {
                continue;
            }

            if (onlyCore)
            {
                Report(DiagnosticRules.RedundantWithCoreModules, token.Range, token.Text);
                continue;
            }

            if (profile.Action == SyncAction.UpSync && (token.Module & DownloadOnlyModules) != 0)
            {
                Report(DiagnosticRules.ModuleHasNoEffect, token.Range, token.Text, "UpSync", "the phase it skips only downloads, and an UpSync profile downloads nothing");
            }
            else if (profile.Action == SyncAction.DownSync && token.Module == SyncModules.NoRemoteConflicts)
            {
                Report(DiagnosticRules.ModuleHasNoEffect, token.Range, token.Text, "DownSync", "remote conflicts concern uploads, and a DownSync profile uploads nothing");
            }
            else if (profile.Method == SyncMethod.Full && token.Module == SyncModules.NoCleanup)
            {
                Report(DiagnosticRules.ContradictoryFullSync, token.Range, "with NoCleanup re-downloads everything yet keeps local records the server no longer shows");
            }
        }

        if (profile.Method == SyncMethod.Full && profile.Action == SyncAction.UpSync && profile.MethodAttribute is not null)
        {
            Report(DiagnosticRules.ContradictoryFullSync, profile.MethodAttribute.ValueRange, "has no effect in an UpSync profile, which downloads nothing");
        }
    }

    private List<TriggerSpec> ValidateTriggers(List<(ProfileSyntax Syntax, string? Name, ProfileSpec? Spec)> profiles)
    {
        var byName = new Dictionary<string, (ProfileSyntax Syntax, ProfileSpec? Spec)>(StringComparer.Ordinal);
        foreach (var (syntax, name, spec) in profiles)
        {
            if (name is not null && !byName.ContainsKey(name))
            {
                byName.Add(name, (syntax, spec));
            }
        }

        var result = new List<TriggerSpec>();
        var seen = new HashSet<TriggerSpec>();
        foreach (var trigger in _document.Triggers)
        {
            var valid = !trigger.HasErrors && trigger.Action is not null;
            (ProfileSyntax Syntax, ProfileSpec? Spec) target = default;
            var launch = trigger.Launch?.Value.Trim();
            if (trigger.Launch is null || launch is null)
            {
                valid = false;
            }
            else if (!byName.TryGetValue(launch, out target))
            {
                var hint = NameSuggester.Hint(launch, profiles.Select(p => p.Name).OfType<string>());
                Report(DiagnosticRules.UnknownLaunchProfile, trigger.Launch.ValueRange, SmartSyncXmlParser.Truncate(launch), hint);
                valid = false;
            }
            else if (target.Spec is null)
            {
                valid = false; // the profile has its own errors
            }

            string? entity = null;
            if (trigger.Entity is not null)
            {
                if (trigger.Action is not null && trigger.Action != TriggerAction.RecordChange)
                {
                    Report(DiagnosticRules.UnknownElementOrAttribute, trigger.Entity.NameRange, "attribute", "Entity", "Trigger", "; Entity applies only to RecordChange triggers");
                }
                else if (CheckEntityName(trigger.Entity))
                {
                    entity = trigger.Entity.Value.Trim();
                }
                else
                {
                    valid = false;
                }
            }

            if (trigger.Action == TriggerAction.PeriodicSync && trigger.DelayAttribute is not null && trigger.DelaySeconds < 60)
            {
                Report(DiagnosticRules.PeriodTooShort, trigger.DelayAttribute.ValueRange, trigger.DelaySeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            if (trigger.Action == TriggerAction.RecordChange && target.Syntax?.Action == SyncAction.DownSync && trigger.Launch is not null)
            {
                Report(DiagnosticRules.RecordChangeOnDownSync, trigger.Launch.ValueRange, launch!);
            }

            if (trigger.Action is not null && launch is not null)
            {
                var key = new TriggerSpec(launch, trigger.Action.Value, trigger.DelaySeconds, entity);
                if (!seen.Add(key))
                {
                    Report(DiagnosticRules.DuplicateTrigger, trigger.ElementRange, trigger.Action.Value.ToString(), launch);
                    continue;
                }

                if (valid)
                {
                    result.Add(key);
                }
            }
        }

        return result;
    }

    /// <summary>SS0010 against the model, or a form check (SS0005) without one.</summary>
    private bool CheckEntityName(AttributeSyntax attribute)
    {
        var name = attribute.Value.Trim();
        if (_model is not null)
        {
            if (_model.Contains(name))
            {
                return true;
            }

            // Declared, but not usable (no key in its chain, composite key...): the one case where the data
            // model makes SmartSync.xml fail, so SS0040 points at the name that needs the table.
            if (_model.UnusableReason(name) is { } reason)
            {
                Report(DiagnosticRules.InvalidDataModel, attribute.ValueRange, $"'{SmartSyncXmlParser.Truncate(name)}' cannot be synced: {reason}");
                return false;
            }

            var hint = NameSuggester.Hint(name, _model.EntityNames);
            Report(DiagnosticRules.UnknownEntity, attribute.ValueRange, SmartSyncXmlParser.Truncate(name), hint);
            return false;
        }

        if (EntityNameForm.IsValid(name))
        {
            return true;
        }

        Report(DiagnosticRules.InvalidValue, attribute.ValueRange, SmartSyncXmlParser.Truncate(name), attribute.Name, "an entity logical name (letters, digits and '_', not starting with a digit)");
        return false;
    }

    private void Report(DiagnosticRule rule, SourceRange range, params string[] arguments) =>
        _diagnostics.Add(DefinitionDiagnostic.Create(rule, _document.FilePath, range, arguments));

}
