using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using SmartSync.Generator.Emit;
using SmartSync.Generator.Tests.Infrastructure;
using Xunit;

namespace SmartSync.Generator.Tests;

/// <summary>Record types: only the app's tables, and app code written against them compiles with zero warnings.</summary>
public sealed class RecordTypesTests
{
    private const string UsesTypedData = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using SmartSync.Data;

        namespace Demo.App
        {
            /// <summary>App code written against the generated record types.</summary>
            public static class TypedUsage
            {
                /// <summary>Open tasks due this week, edited and observed.</summary>
                public static async Task<int> RunAsync(global::SmartSync.SmartSyncClient client, DateTimeOffset monday, CancellationToken ct)
                {
                    var due = await client.Records.Query(TaskRecord.Table)
                        .Where(t => t.Statecode == 0 & t.Scheduledend.InRange(monday, monday.AddDays(7)))
                        .Where(t => t.Subject.StartsWith("Call") | t.Subject.Contains("50%") | t.Subject == null)
                        .Where(t => t.Prioritycode.In(1, 2) && !(t.Percentcomplete >= 100))
                        .OrderBy(t => t.Scheduledend)
                        .ThenByDescending(t => t.Prioritycode)
                        .Skip(0)
                        .Take(50)
                        .ToListAsync(ct);
                    foreach (var task in due)
                    {
                        task.Percentcomplete = 50;
                        await client.Records.UpdateAsync(task, ct);
                        if (task.Regardingobjectid is { } account)
                        {
                            AccountRecord? regarding = await client.Records.GetAsync(account, ct);
                            _ = regarding?.Revenue;
                        }
                    }

                    var byAccount = client.Records.Query(TaskRecord.Table).Where(t => t.Regardingobjectid.IsNotNull());
                    long count = await byAccount.CountAsync(ct);
                    await client.Records.EnsureIndexAsync(TaskRecord.Table, t => t.Scheduledend, ct);
                    await client.Records.CreateAsync(new TaskRecord { Subject = "new", Scheduledend = monday }, ct);
                    IObservable<IReadOnlyList<TaskRecord>> live = client.Records.Query(TaskRecord.Table).Where(TaskRecord.Columns.Statecode == 0).Observe();
                    _ = live;
                    return (int)count;
                }
            }
        }
        """;

    [Fact]
    public void App_code_using_the_typed_api_compiles_with_zero_warnings()
    {
        var outcome = GeneratorHarness.Create(GeneratorCases.Inputs("Sample"), sources: UsesTypedData).Run();

        Assert.Contains(RecordTypesEmitter.HintName, outcome.Sources.Keys);
        Assert.Empty(outcome.CompilationProblems);
        Assert.True(outcome.Output.Emit(System.IO.Stream.Null).Success);
    }

    [Fact]
    public void A_filter_on_another_tables_column_does_not_compile()
    {
        const string wrong = """
            namespace Demo.App
            {
                /// <summary>Mixes tables.</summary>
                public static class Wrong
                {
                    /// <summary>Account column in a task query.</summary>
                    public static object Query(global::SmartSync.SmartSyncClient client) =>
                        client.Records.Query(TaskRecord.Table).Where(AccountRecord.Columns.Name == "x");
                }
            }
            """;
        var outcome = GeneratorHarness.Create(GeneratorCases.Inputs("Sample"), sources: wrong).Run();

        // The record types were generated, and the only error is the mixed-table filter at its argument.
        Assert.Contains(RecordTypesEmitter.HintName, outcome.Sources.Keys);
        var error = Assert.Single(outcome.CompilationProblems, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("CS1503", error.Id);
        Assert.Contains("AccountRecord", error.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_tables_of_include_profiles_get_record_types_and_exclude_profiles_are_noted()
    {
        var outcome = GeneratorHarness.Create(GeneratorCases.Inputs("Sample")).Run();
        var source = outcome.Sources[RecordTypesEmitter.HintName];

        // The sample's Exclude profile would cover every entity of crm.csdl; only Include profiles count.
        Assert.Contains("No record types for the tables of Exclude-mode profiles (AllButActivities)", source, StringComparison.Ordinal);
        Assert.Contains("class TaskRecord", source, StringComparison.Ordinal);
        Assert.Contains("class OpportunityRecord", source, StringComparison.Ordinal);
        Assert.DoesNotContain("class EmailRecord", source, StringComparison.Ordinal);
        Assert.DoesNotContain("class AnnotationRecord", source, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_edm_type_maps_to_its_clr_type_and_unreachable_lookups_stay_plain_guids()
    {
        const string csdl = """
            <edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices>
            <Schema Namespace="N" xmlns="http://docs.oasis-open.org/odata/ns/edm">
              <EntityType Name="thing">
                <Key><PropertyRef Name="thingid" /></Key>
                <Property Name="thingid" Type="Edm.Guid" Nullable="false" />
                <Property Name="name" Type="Edm.String" MaxLength="100" />
                <Property Name="count" Type="Edm.Int32" />
                <Property Name="big" Type="Edm.Int64" />
                <Property Name="ratio" Type="Edm.Double" />
                <Property Name="price" Type="Edm.Decimal" />
                <Property Name="flag" Type="Edm.Boolean" />
                <Property Name="at" Type="Edm.DateTimeOffset" />
                <Property Name="day" Type="Edm.Date" />
                <Property Name="blob" Type="Edm.Binary" />
                <Property Name="class" Type="Edm.String" />
                <Property Name="version" Type="Edm.Int32" />
                <Property Name="_parent_value" Type="Edm.Guid" />
                <Property Name="_other_value" Type="Edm.Guid" />
                <NavigationProperty Name="parent" Type="N.thing"><ReferentialConstraint Property="_parent_value" ReferencedProperty="thingid" /></NavigationProperty>
                <NavigationProperty Name="other" Type="N.elsewhere"><ReferentialConstraint Property="_other_value" ReferencedProperty="elsewhereid" /></NavigationProperty>
              </EntityType>
              <EntityType Name="elsewhere"><Key><PropertyRef Name="elsewhereid" /></Key><Property Name="elsewhereid" Type="Edm.Guid" /></EntityType>
              <EntityContainer Name="C"><EntitySet Name="things" EntityType="N.thing" /><EntitySet Name="elsewheres" EntityType="N.elsewhere" /></EntityContainer>
            </Schema></edmx:DataServices></edmx:Edmx>
            """;
        const string xml = """<SmartSyncSetup><SmartSync Name="Things"><Entities><Entity Name="thing" /></Entities></SmartSync></SmartSyncSetup>""";
        var outcome = GeneratorHarness.Create([GeneratorInput.Profiles(xml), GeneratorInput.DataModel(csdl)]).Run();

        Assert.Empty(outcome.CompilationProblems);
        var type = outcome.Output.GetTypeByMetadataName("Demo.App.ThingRecord");
        Assert.NotNull(type);
        Assert.Null(outcome.Output.GetTypeByMetadataName("Demo.App.ElsewhereRecord"));
        string TypeOf(string property) => type.GetMembers(property).OfType<IPropertySymbol>().Single().Type.ToDisplayString();
        Assert.Equal("System.Guid?", TypeOf("Thingid"));
        Assert.Equal("string?", TypeOf("Name"));
        Assert.Equal("int?", TypeOf("Count"));
        Assert.Equal("long?", TypeOf("Big"));
        Assert.Equal("double?", TypeOf("Ratio"));
        Assert.Equal("decimal?", TypeOf("Price"));
        Assert.Equal("bool?", TypeOf("Flag"));
        Assert.Equal("System.DateTimeOffset?", TypeOf("At"));
        Assert.Equal("System.DateOnly?", TypeOf("Day"));
        Assert.Equal("byte[]?", TypeOf("Blob"));
        Assert.Equal("string?", TypeOf("Class"));
        Assert.Equal("int?", TypeOf("Version_2"));
        Assert.Equal("SmartSync.Data.RecordReference<Demo.App.ThingRecord>?", TypeOf("Parent"));
        Assert.Equal("System.Guid?", TypeOf("Other"));
    }
}
