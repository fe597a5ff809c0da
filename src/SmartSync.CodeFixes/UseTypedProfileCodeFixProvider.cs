using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using SmartSync.Analyzers.Usage;

namespace SmartSync.CodeFixes;

/// <summary>
/// Fixes SS0050 (info) by replacing a profile named by string with the generated typed API:
/// <c>client.RunAsync("GetTasks", ct)</c> becomes <c>Profiles.GetTasks.RunAsync(client, ct)</c>, and
/// <c>SmartSyncCatalog.Compiled.Find("GetTasks")</c> becomes <c>Profiles.GetTasks</c>. Offered only when the
/// compilation has a <c>Profiles</c> class with that member (the generator's output), so the fix compiles.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseTypedProfileCodeFixProvider))]
[Shared]
public sealed class UseTypedProfileCodeFixProvider : CodeFixProvider
{
    private const string ProfilesClassName = "Profiles";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create("SS0050");

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(ProfileUsageProperties.ProfileName, out var profileName) || profileName is null ||
                !diagnostic.Properties.TryGetValue(ProfileUsageProperties.Api, out var api) || api is null)
            {
                continue; // the warning case: the profile does not exist, there is nothing typed to use
            }

            var argument = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<ArgumentSyntax>();
            if (argument?.Parent?.Parent is not InvocationExpressionSyntax invocation)
            {
                continue;
            }

            var profilesType = FindProfilesType(model.Compilation, profileName);
            if (profilesType is null)
            {
                continue;
            }

            var typedProfile = SyntaxFactory.ParseExpression(
                profilesType.ToMinimalDisplayString(model, invocation.SpanStart) + "." + profileName);
            var replacement = api == ProfileUsageProperties.RunAsync
                ? RewriteRunAsync(invocation, argument, typedProfile)
                : typedProfile;
            if (replacement is null)
            {
                continue;
            }

            var title = $"Use Profiles.{profileName}";
            context.RegisterCodeFix(
                CodeAction.Create(
                    title,
                    cancellationToken => ReplaceAsync(context.Document, invocation, replacement, cancellationToken),
                    equivalenceKey: "SS0050.UseTypedProfile"),
                diagnostic);
        }
    }

    /// <summary><c>receiver.RunAsync("X", rest…)</c> -> <c>Profiles.X.RunAsync(receiver, rest…)</c>.</summary>
    private static ExpressionSyntax? RewriteRunAsync(InvocationExpressionSyntax invocation, ArgumentSyntax nameArgument, ExpressionSyntax typedProfile)
    {
        ExpressionSyntax receiver = invocation.Expression switch
        {
            MemberAccessExpressionSyntax memberAccess => memberAccess.Expression.WithoutTrivia(),
            IdentifierNameSyntax => SyntaxFactory.ThisExpression(), // called from inside a SmartSyncClient subclass
            _ => null!,
        };
        if (receiver is null)
        {
            return null;
        }

        var arguments = invocation.ArgumentList.Arguments.Where(a => a != nameArgument).ToList();
        arguments.Insert(0, SyntaxFactory.Argument(receiver));
        var memberAccessExpression = SyntaxFactory.MemberAccessExpression(
            SyntaxKind.SimpleMemberAccessExpression, typedProfile, SyntaxFactory.IdentifierName("RunAsync"));
        return SyntaxFactory.InvocationExpression(memberAccessExpression, SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(arguments)));
    }

    private static INamedTypeSymbol? FindProfilesType(Compilation compilation, string profileName) =>
        compilation.GetSymbolsWithName(ProfilesClassName, SymbolFilter.Type)
            .OfType<INamedTypeSymbol>()
            .Where(t => t.IsStatic && t.GetMembers(profileName).Any(m => m is IPropertySymbol { IsStatic: true }))
            .OrderBy(t => t.ToDisplayString(), System.StringComparer.Ordinal)
            .FirstOrDefault();

    private static async Task<Document> ReplaceAsync(Document document, InvocationExpressionSyntax invocation, ExpressionSyntax replacement, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        var annotated = replacement.WithTriviaFrom(invocation).WithAdditionalAnnotations(Formatter.Annotation);
        return document.WithSyntaxRoot(root.ReplaceNode(invocation, annotated));
    }
}
