using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using SmartSync.Definitions.Diagnostics;

namespace SmartSync.Analyzers;

/// <summary>
/// The Roslyn descriptors of every SmartSync diagnostic, built from <see cref="DiagnosticRules"/> so that
/// titles, messages, categories, severities and help links live in one place (the Definitions library),
/// shared with the runtime's override loader. Each ID is also written here as a literal because release
/// tracking (RS2000-RS2008) reads descriptor IDs from source; <see cref="Create"/> refuses a mismatch.
/// </summary>
internal static class DiagnosticDescriptors
{
    public static readonly DiagnosticDescriptor MalformedXml = Create("SS0001", DiagnosticRules.MalformedXml);

    public static readonly DiagnosticDescriptor WrongRoot = Create("SS0002", DiagnosticRules.WrongRoot);

    public static readonly DiagnosticDescriptor UnknownElementOrAttribute = Create("SS0003", DiagnosticRules.UnknownElementOrAttribute);

    public static readonly DiagnosticDescriptor MissingAttribute = Create("SS0004", DiagnosticRules.MissingAttribute);

    public static readonly DiagnosticDescriptor InvalidValue = Create("SS0005", DiagnosticRules.InvalidValue);

    public static readonly DiagnosticDescriptor DuplicateProfile = Create("SS0006", DiagnosticRules.DuplicateProfile);

    public static readonly DiagnosticDescriptor InvalidProfileName = Create("SS0007", DiagnosticRules.InvalidProfileName);

    public static readonly DiagnosticDescriptor UnknownEntity = Create("SS0010", DiagnosticRules.UnknownEntity);

    public static readonly DiagnosticDescriptor DuplicateEntity = Create("SS0011", DiagnosticRules.DuplicateEntity);

    public static readonly DiagnosticDescriptor EmptyEntitySet = Create("SS0012", DiagnosticRules.EmptyEntitySet);

    public static readonly DiagnosticDescriptor RelatedWithoutLookups = Create("SS0013", DiagnosticRules.RelatedWithoutLookups);

    public static readonly DiagnosticDescriptor LargeModelWithoutAppEntities = Create("SS0014", DiagnosticRules.LargeModelWithoutAppEntities);

    public static readonly DiagnosticDescriptor RedundantWithCoreModules = Create("SS0020", DiagnosticRules.RedundantWithCoreModules);

    public static readonly DiagnosticDescriptor ModuleHasNoEffect = Create("SS0021", DiagnosticRules.ModuleHasNoEffect);

    public static readonly DiagnosticDescriptor ContradictoryFullSync = Create("SS0022", DiagnosticRules.ContradictoryFullSync);

    public static readonly DiagnosticDescriptor UnknownLaunchProfile = Create("SS0030", DiagnosticRules.UnknownLaunchProfile);

    public static readonly DiagnosticDescriptor PeriodTooShort = Create("SS0031", DiagnosticRules.PeriodTooShort);

    public static readonly DiagnosticDescriptor RecordChangeOnDownSync = Create("SS0032", DiagnosticRules.RecordChangeOnDownSync);

    public static readonly DiagnosticDescriptor DuplicateTrigger = Create("SS0033", DiagnosticRules.DuplicateTrigger);

    public static readonly DiagnosticDescriptor InvalidDataModel = Create("SS0040", DiagnosticRules.InvalidDataModel);

    public static readonly DiagnosticDescriptor NoDataModel = Create("SS0041", DiagnosticRules.NoDataModel);

    public static readonly DiagnosticDescriptor DataModelPartSkipped = Create("SS0042", DiagnosticRules.DataModelPartSkipped);

    public static readonly DiagnosticDescriptor ProfileNamedByString = Create("SS0050", DiagnosticRules.ProfileNamedByString);

    private static readonly Dictionary<string, DiagnosticDescriptor> ById = new[]
    {
            MalformedXml,
            WrongRoot,
            UnknownElementOrAttribute,
            MissingAttribute,
            InvalidValue,
            DuplicateProfile,
            InvalidProfileName,
            UnknownEntity,
            DuplicateEntity,
            EmptyEntitySet,
            RelatedWithoutLookups,
            LargeModelWithoutAppEntities,
            RedundantWithCoreModules,
            ModuleHasNoEffect,
            ContradictoryFullSync,
            UnknownLaunchProfile,
            PeriodTooShort,
            RecordChangeOnDownSync,
            DuplicateTrigger,
            InvalidDataModel,
            NoDataModel,
            DataModelPartSkipped,
            ProfileNamedByString,
    }.ToDictionary(d => d.Id, StringComparer.Ordinal);

    /// <summary>All descriptors, in ID order; exactly one per rule of <see cref="DiagnosticRules.All"/>.</summary>
    public static readonly ImmutableArray<DiagnosticDescriptor> All = DiagnosticRules.All.Select(For).ToImmutableArray();

    /// <summary>Descriptors of the diagnostics located in SmartSync.xml and the data model (everything but SS0050).</summary>
    public static readonly ImmutableArray<DiagnosticDescriptor> Definitions = All.Where(d => d.Id != ProfileNamedByString.Id).ToImmutableArray();

    public static DiagnosticDescriptor For(DiagnosticRule rule) => ById.TryGetValue(rule.Id, out var descriptor)
        ? descriptor
        : throw new InvalidOperationException($"No descriptor for diagnostic rule {rule.Id}.");

    public static DiagnosticSeverity ToRoslyn(DefinitionSeverity severity) => severity switch
    {
        DefinitionSeverity.Error => DiagnosticSeverity.Error,
        DefinitionSeverity.Warning => DiagnosticSeverity.Warning,
        _ => DiagnosticSeverity.Info,
    };

    private static DiagnosticDescriptor Create(string id, DiagnosticRule rule) => id == rule.Id
        ? new DiagnosticDescriptor(id, rule.Title, rule.MessageFormat, rule.Category, ToRoslyn(rule.DefaultSeverity), isEnabledByDefault: true, helpLinkUri: rule.HelpLink)
        : throw new InvalidOperationException($"Descriptor {id} is built from rule {rule.Id}.");
}
