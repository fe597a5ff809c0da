using System;
using System.IO;
using System.Linq;
using SmartSync.Definitions.Parsing;
using Xunit;

namespace SmartSync.Definitions.Tests;

/// <summary>A document in the shape Microsoft documents for the Dataverse Web API $metadata (TestData/dataverse-sample.csdl).</summary>
public class DataverseDocumentTests
{
    private static string Text => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "dataverse-sample.csdl"));

    [Fact]
    public void A_Dataverse_document_is_read_without_SS0040()
    {
        var result = CsdlParser.Parse(Text, "crm.csdl");

        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "SS0040");
        var model = Assert.IsType<DataModel.EntityDataModel>(result.Model);
        var task = model.Find("task")!;
        Assert.Equal("activityid", task.Key);
        Assert.Equal("tasks", task.EntitySetName);
        Assert.Equal("activitypointer", task.BaseType);
        Assert.Equal(["activityid", "subject", "scheduledend", "_regardingobjectid_value", "_ownerid_value", "percentcomplete", "actualdurationminutes"], task.Properties.Select(p => p.Name));
        Assert.Contains(task.Lookups, l => l.Name == "regardingobjectid_account_task" && l.TargetEntity == "account" && l.ForeignKey == "_regardingobjectid_value");
        Assert.Contains(task.Lookups, l => l.Name == "ownerid_activitypointer" && l.TargetEntity == "principal");
        Assert.Equal("accountid", model.Find("account")!.Key);
        Assert.True(model.Find("account")!.FindProperty("accountid")!.Nullable);
        Assert.Equal("ownerid", model.Find("systemuser")!.Key);
        Assert.Equal(["account", "activitypointer", "contact", "systemuser", "task", "team"], model.SyncableEntities.Select(e => e.Name).OrderBy(n => n, StringComparer.Ordinal));
    }

    [Fact]
    public void A_profile_naming_a_table_SmartSync_cannot_sync_gets_SS0040_at_the_name_with_the_reason()
    {
        var xml = TestData.Setup("""<SmartSync Name="P"><Entities><Entity Name="expando" /><Entity Name="account" /></Entities></SmartSync>""");

        var set = DefinitionReader.Read(xml, "SmartSync.xml", CsdlParser.Parse(Text, "crm.csdl"));

        var diagnostic = Assert.Single(set.Diagnostics);
        Assert.Equal("SS0040", diagnostic.Id);
        Assert.Contains("'expando' cannot be synced: entity type 'expando' has no key", diagnostic.Message);
        Assert.Equal("expando", xml.Substring(diagnostic.Range.Start, diagnostic.Range.Length));
        Assert.Empty(set.Profiles);
    }
}
