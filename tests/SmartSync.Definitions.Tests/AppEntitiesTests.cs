using System;
using System.Linq;
using SmartSync.Definitions.DataModel;
using SmartSync.Definitions.Diagnostics;
using SmartSync.Definitions.Parsing;
using SmartSync.Definitions.Semantics;
using SmartSync.Testing.DataverseModels;
using Xunit;

namespace SmartSync.Definitions.Tests;

/// <summary>The app's tables (docs/smartsync-xml.md): &lt;AppEntities&gt;, SS0014, and Exclude/Deep/full sync staying inside them.</summary>
public class AppEntitiesTests
{
    // 150 custom tables + the Dataverse core: a "large" model.
    private static readonly Lazy<DataModelReadResult> Large = new(() =>
        CsdlParser.Parse(DataverseCsdlGenerator.Generate(new DataverseModelOptions { Seed = 7, Tables = 150, PropertiesPerTable = 3, LookupsPerTable = 3 }), "crm.csdl"));

    [Fact]
    public void A_large_model_without_AppEntities_gets_SS0014_on_the_root()
    {
        var xml = TestData.Setup("""<SmartSync Name="P"><Entities><Entity Name="task" /></Entities></SmartSync>""");

        var set = DefinitionReader.Read(xml, "SmartSync.xml", Large.Value);

        var diagnostic = Assert.Single(set.Diagnostics);
        Assert.Equal(("SS0014", DefinitionSeverity.Warning), (diagnostic.Id, diagnostic.Severity));
        Assert.Contains("has 159 tables", diagnostic.Message);
        Assert.Equal("SmartSyncSetup", xml.Substring(diagnostic.Range.Start, diagnostic.Range.Length));
        Assert.Null(set.AppEntityScope);
        Assert.Equal(159, set.AppEntities.Count);
    }

    [Fact]
    public void A_small_model_without_AppEntities_gets_no_warning_and_all_its_tables_are_the_apps()
    {
        var set = DefinitionReader.Read(TestData.SampleXml, "SmartSync.xml", TestData.CrmModel);

        Assert.Empty(set.Diagnostics);
        Assert.Equal(TestData.CrmModel.Model!.SyncableEntities.Select(e => e.Name).OrderBy(n => n, StringComparer.Ordinal), set.AppEntities);
    }

    [Fact]
    public void The_apps_tables_are_the_list_plus_every_entity_an_Include_list_names()
    {
        var xml = TestData.Setup("""
            <AppEntities><Entity Name="account" /><Entity Name="contact" /></AppEntities>
            <SmartSync Name="P"><Entities><Entity Name="task" /></Entities></SmartSync>
            <SmartSync Name="Q"><Entities Mode="Exclude"><Entity Name="new_table3" /></Entities></SmartSync>
            """);

        var set = DefinitionReader.Read(xml, "SmartSync.xml", Large.Value);

        Assert.Empty(set.Diagnostics);
        Assert.Equal(["account", "contact"], set.ExplicitAppEntities!.Value);
        Assert.Equal(["account", "contact", "task"], set.AppEntities);
        Assert.Equal(set.AppEntities, set.AppEntityScope!.Value);
    }

    [Fact]
    public void Exclude_mode_and_Deep_expansion_stay_inside_the_apps_tables()
    {
        var model = Large.Value.Model!;
        var scope = new[] { "account", "contact", "task", "new_table1" };
        var exclude = new ProfileSpec("Q", null, SyncAction.DownSync, SyncMethod.Default, false, false, SyncModules.None, EntitiesMode.Exclude,
            Collections.EquatableArray.Create(new EntitySpec("contact", false, false)));
        var deep = new ProfileSpec("D", null, SyncAction.DownSync, SyncMethod.Default, false, false, SyncModules.None, EntitiesMode.Include,
            Collections.EquatableArray.Create(new EntitySpec("new_table1", true, true)));

        Assert.Equal(["account", "new_table1", "task"], EffectiveEntityResolver.Resolve(exclude, model, [], [], scope).Entities);
        Assert.True(EffectiveEntityResolver.Resolve(exclude, model, [], []).Entities.Count > 150);
        var deepInScope = EffectiveEntityResolver.Resolve(deep, model, [], [], scope).Entities;
        Assert.All(deepInScope, name => Assert.Contains(name, scope));
        Assert.True(EffectiveEntityResolver.Resolve(deep, model, [], []).Entities.Count > deepInScope.Count);
    }

    [Fact]
    public void An_Exclude_profile_that_removes_every_app_table_is_SS0012()
    {
        var xml = TestData.Setup("""
            <AppEntities><Entity Name="account" /></AppEntities>
            <SmartSync Name="Q" GlobalExclusions="false"><Entities Mode="Exclude"><Entity Name="account" /></Entities></SmartSync>
            """);

        var set = DefinitionReader.Read(xml, "SmartSync.xml", Large.Value);

        var diagnostic = Assert.Single(set.Diagnostics);
        Assert.Equal("SS0012", diagnostic.Id);
        Assert.Contains("app's tables", diagnostic.Message);
    }

    [Theory]
    [InlineData("""<AppEntities><Entity Name="acount" /></AppEntities>""", "SS0010", "acount")]
    [InlineData("""<AppEntities><Table Name="account" /></AppEntities>""", "SS0003", "Table")]
    [InlineData("""<AppEntities><Entity Name="account" /></AppEntities><AppEntities />""", "SS0003", "AppEntities")]
    [InlineData("""<AppEntities><Entity /></AppEntities>""", "SS0004", "Entity")]
    public void Mistakes_in_AppEntities_are_reported_at_their_span(string element, string id, string span)
    {
        var xml = TestData.Setup(element + """<SmartSync Name="P"><Entities><Entity Name="task" /></Entities></SmartSync>""");

        var set = DefinitionReader.Read(xml, "SmartSync.xml", Large.Value);

        var diagnostic = Assert.Single(set.Diagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(span, xml.Substring(diagnostic.Range.Start, diagnostic.Range.Length));
    }
}
