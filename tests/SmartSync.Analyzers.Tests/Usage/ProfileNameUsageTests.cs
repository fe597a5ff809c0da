using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using SmartSync.Analyzers.Tests.Infrastructure;
using Xunit;

namespace SmartSync.Analyzers.Tests.Usage;

/// <summary>SS0050: profiles named by string constants in C#, and the fix to the typed API.</summary>
public sealed class ProfileNameUsageTests
{
    private static DiagnosticResult Warning(int location, string message) =>
        new DiagnosticResult("SS0050", DiagnosticSeverity.Warning).WithLocation(location).WithMessage(message);

    private static DiagnosticResult Info(int location, string profile) =>
        new DiagnosticResult("SS0050", DiagnosticSeverity.Info).WithLocation(location)
            .WithMessage($"Profile '{profile}' is named by a string; use the typed API Profiles.{profile}, which the compiler checks");

    [Fact]
    public async Task Unknown_profile_in_RunAsync_is_a_warning_with_the_closest_name()
    {
        var test = new UsageCodeFixTest
        {
            UnchangedCode = """
                using System.Threading;
                using System.Threading.Tasks;
                using SmartSync;

                namespace TestProject;

                internal static class App
                {
                    public static Task<SyncResult> Run(SmartSyncClient client, CancellationToken ct) => client.RunAsync({|#0:"GetTask"|}, ct);
                }
                """,
        };
        test.ExpectedDiagnostics.Add(Warning(0, "No profile named 'GetTask' is defined in SmartSync.xml; did you mean 'GetTasks'?"));
        await test.RunAsync();
    }

    [Fact]
    public async Task Unknown_profile_in_Find_is_a_warning_without_a_suggestion_when_nothing_is_close()
    {
        var test = new UsageCodeFixTest
        {
            UnchangedCode = """
                using SmartSync;

                namespace TestProject;

                internal static class App
                {
                    public static SmartSyncProfile? Lookup() => SmartSyncCatalog.Compiled.Find({|#0:"Everything"|});
                }
                """,
        };
        test.ExpectedDiagnostics.Add(Warning(0, "No profile named 'Everything' is defined in SmartSync.xml"));
        await test.RunAsync();
    }

    [Fact]
    public async Task Existing_profile_in_RunAsync_is_an_info_fixed_to_the_typed_API()
    {
        var test = new UsageCodeFixTest
        {
            TestCode = """
                using System.Threading;
                using System.Threading.Tasks;
                using SmartSync;

                namespace TestProject;

                internal static class App
                {
                    public static async Task Run(SmartSyncClient client, CancellationToken ct)
                    {
                        var result = await client.RunAsync({|#0:"GetTasks"|}, ct);
                        _ = result;
                    }
                }
                """,
            FixedCode = """
                using System.Threading;
                using System.Threading.Tasks;
                using SmartSync;

                namespace TestProject;

                internal static class App
                {
                    public static async Task Run(SmartSyncClient client, CancellationToken ct)
                    {
                        var result = await Profiles.GetTasks.RunAsync(client, ct);
                        _ = result;
                    }
                }
                """,
        };
        test.ExpectedDiagnostics.Add(Info(0, "GetTasks"));
        await test.RunAsync();
    }

    [Fact]
    public async Task Existing_profile_in_Find_is_fixed_to_the_profile_property_with_its_declared_casing()
    {
        var test = new UsageCodeFixTest
        {
            TestCode = """
                using SmartSync;

                namespace TestProject;

                internal static class App
                {
                    public static SmartSyncProfile? Lookup() => SmartSyncCatalog.Compiled.Find({|#0:"uploadactivities"|});
                }
                """,
            FixedCode = """
                using SmartSync;

                namespace TestProject;

                internal static class App
                {
                    public static SmartSyncProfile? Lookup() => Profiles.UploadActivities;
                }
                """,
        };
        test.ExpectedDiagnostics.Add(Info(0, "UploadActivities"));
        await test.RunAsync();
    }

    [Fact]
    public async Task Constant_names_and_named_arguments_are_recognised_and_the_fix_qualifies_Profiles_from_another_namespace()
    {
        var test = new UsageCodeFixTest
        {
            TestCode = """
                using System.Threading.Tasks;
                using SmartSync;

                namespace Elsewhere;

                internal static class App
                {
                    private const string Name = "GetTasks";

                    public static Task<SyncResult> Run(SmartSyncClient client) => client.RunAsync(profileName: {|#0:Name|});
                }
                """,
            FixedCode = """
                using System.Threading.Tasks;
                using SmartSync;

                namespace Elsewhere;

                internal static class App
                {
                    private const string Name = "GetTasks";

                    public static Task<SyncResult> Run(SmartSyncClient client) => TestProject.Profiles.GetTasks.RunAsync(client);
                }
                """,
        };
        test.ExpectedDiagnostics.Add(Info(0, "GetTasks"));
        await test.RunAsync();
    }

    [Fact]
    public async Task Typed_API_computed_names_invalid_profiles_and_other_methods_are_not_reported()
    {
        var test = new UsageCodeFixTest
        {
            UnchangedCode = """
                using System.Threading;
                using System.Threading.Tasks;
                using SmartSync;

                namespace TestProject;

                internal static class App
                {
                    public static async Task Run(SmartSyncClient client, string fromSettings, CancellationToken ct)
                    {
                        await Profiles.GetTasks.RunAsync(client, ct);
                        await client.RunAsync(fromSettings, ct);
                        _ = SmartSyncCatalog.Compiled.Find("Broken"); // declared (with its own SS0010 in the XML): not SS0050's business
                        _ = RunAsync("GetTask");
                    }

                    private static Task<int> RunAsync(string name) => Task.FromResult(name.Length);
                }
                """,
        };
        await test.RunAsync();
    }

    [Fact]
    public async Task Without_SmartSync_xml_nothing_is_reported()
    {
        var test = new UsageCodeFixTest(xml: null)
        {
            UnchangedCode = """
                using SmartSync;

                internal static class App
                {
                    public static SmartSyncProfile? Lookup() => SmartSyncCatalog.Compiled.Find("Anything");
                }
                """,
        };
        await test.RunAsync();
    }
}
