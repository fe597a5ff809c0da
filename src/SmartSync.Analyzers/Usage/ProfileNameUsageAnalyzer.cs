using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SmartSync.Analyzers.Inputs;
using SmartSync.Definitions.Validation;

namespace SmartSync.Analyzers.Usage;

/// <summary>
/// SS0050: a profile named by a string constant in C# — <c>client.RunAsync("GetTasks")</c> or
/// <c>SmartSyncCatalog.Compiled.Find("GetTasks")</c>. A name SmartSync.xml does not define is a warning
/// (with the closest name); a name it does define is an info with a code fix to the typed
/// <c>Profiles.GetTasks</c>, which the compiler checks.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ProfileNameUsageAnalyzer : DiagnosticAnalyzer
{
    private const string ClientTypeName = "SmartSync.SmartSyncClient";
    private const string CatalogTypeName = "SmartSync.SmartSyncCatalog";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(DiagnosticDescriptors.ProfileNamedByString);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            var client = start.Compilation.GetTypeByMetadataName(ClientTypeName);
            var catalog = start.Compilation.GetTypeByMetadataName(CatalogTypeName);
            if (client is null && catalog is null)
            {
                return;
            }

            var inputs = SmartSyncInputs.Create(start.Options);
            if (inputs.ProfileFiles.Count == 0)
            {
                return;
            }

            // Read lazily: most compilations call no by-name API at all.
            var profiles = new System.Lazy<ProfileCatalog?>(() => ProfileCatalog.Create(inputs), System.Threading.LazyThreadSafetyMode.ExecutionAndPublication);
            start.RegisterOperationAction(
                operation => AnalyzeInvocation(operation, client, catalog, profiles),
                OperationKind.Invocation);
        });
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context, INamedTypeSymbol? client, INamedTypeSymbol? catalog, System.Lazy<ProfileCatalog?> profiles)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        string api;
        if (method.Name == "RunAsync" && IsMemberOf(method, client))
        {
            api = ProfileUsageProperties.RunAsync;
        }
        else if (method.Name == "Find" && IsMemberOf(method, catalog))
        {
            api = ProfileUsageProperties.Find;
        }
        else
        {
            return;
        }

        // The by-name overloads take the profile name as their first parameter, a string.
        if (method.Parameters.Length == 0 || method.Parameters[0].Type.SpecialType != SpecialType.System_String)
        {
            return;
        }

        var argument = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 0);
        if (argument?.Value.ConstantValue is not { HasValue: true, Value: string name })
        {
            return;
        }

        var known = profiles.Value;
        if (known is null)
        {
            return;
        }

        var location = argument.Value.Syntax.GetLocation();
        if (known.Generated.TryGetValue(name, out var profileName))
        {
            var properties = ImmutableDictionary<string, string?>.Empty
                .Add(ProfileUsageProperties.ProfileName, profileName)
                .Add(ProfileUsageProperties.Api, api);
            var message = $"Profile '{profileName}' is named by a string; use the typed API Profiles.{profileName}, which the compiler checks";
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.ProfileNamedByString, location, DiagnosticSeverity.Info, additionalLocations: null, properties, message));
        }
        else if (!known.Declared.ContainsKey(name))
        {
            var hint = NameSuggester.Hint(name, known.Declared.Values);
            var message = $"No profile named '{Shorten(name)}' is defined in SmartSync.xml{hint}";
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ProfileNamedByString, location, message));
        }
    }

    private static bool IsMemberOf(IMethodSymbol method, INamedTypeSymbol? type) =>
        type is not null && SymbolEqualityComparer.Default.Equals(method.ContainingType?.OriginalDefinition, type);

    private static string Shorten(string value) => value.Length <= 80 ? value : value.Substring(0, 77) + "...";
}
