using System.IO;
using System.Linq;
using SmartSync.Definitions.Parsing;
using SmartSync.Testing.DataverseModels;
using Xunit;

namespace SmartSync.Definitions.Tests.Oracle;

/// <summary>
/// Our CSDL reader against Microsoft's (<c>Microsoft.OData.Edm</c> CsdlReader) on the same documents: where Microsoft
/// reads a document we read it too (no SS0040) and agree on entity types, abstractness, keys after inheritance,
/// property names and Edm types, single-valued navigations and their targets, and entity set names.
/// </summary>
public class OracleTests
{
    public static TheoryData<int> GeneratedIndexes()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < OracleCorpus.GeneratedCount; i++)
        {
            data.Add(i);
        }

        return data;
    }

    public static TheoryData<string> RepositoryFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in OracleCorpus.RepositoryFiles())
        {
            data.Add(file);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(GeneratedIndexes))]
    public void Agrees_with_Microsofts_reader_on_a_generated_Dataverse_document(int index)
    {
        AssertAgreement(DataverseCsdlGenerator.Generate(OracleCorpus.Generated(index)));
    }

    [Theory]
    [MemberData(nameof(RepositoryFiles))]
    public void Agrees_with_Microsofts_reader_on_every_csdl_file_of_the_repository(string relativePath)
    {
        AssertAgreement(File.ReadAllText(Path.Combine(OracleCorpus.RepositoryRoot(), relativePath)));
    }

    /// <summary>Hand-written documents in the shapes Microsoft's CSDL and Dataverse documentation show, besides TestData/dataverse-sample.csdl.</summary>
    public static TheoryData<string> HandWritten() => new()
    {
        // Two schemas with aliases, references by alias and by namespace, a base type in the other schema.
        Edmx("""
            <Schema Namespace="Org.Base" Alias="b" xmlns="http://docs.oasis-open.org/odata/ns/edm">
              <EntityType Name="entity" Abstract="true"><Key><PropertyRef Name="id" /></Key><Property Name="id" Type="Edm.Guid" /></EntityType>
              <ComplexType Name="Address"><Property Name="City" Type="Edm.String" /></ComplexType>
            </Schema>
            <Schema Namespace="Org.Sales" Alias="s" xmlns="http://docs.oasis-open.org/odata/ns/edm">
              <EntityType Name="order" BaseType="b.entity"><Property Name="total" Type="Edm.Decimal" /><Property Name="ship" Type="Org.Base.Address" />
                <NavigationProperty Name="customer" Type="Org.Sales.customer"><ReferentialConstraint Property="id" ReferencedProperty="id" /></NavigationProperty></EntityType>
              <EntityType Name="customer" BaseType="Org.Base.entity"><Property Name="tags" Type="Collection(Edm.String)" /><NavigationProperty Name="orders" Type="Collection(s.order)" /></EntityType>
              <EntityContainer Name="c"><EntitySet Name="orders" EntityType="s.order" /><EntitySet Name="customers" EntityType="Org.Sales.customer" /><Singleton Name="me" Type="s.customer" /></EntityContainer>
            </Schema>
            """),
        // Every element kind that is not a table, annotations inside elements, type definitions and enums as property types.
        Edmx("""
            <Schema Namespace="ns" xmlns="http://docs.oasis-open.org/odata/ns/edm">
              <EnumType Name="Rights" IsFlags="true"><Member Name="None" Value="0" /><Member Name="Read" Value="1" /></EnumType>
              <TypeDefinition Name="Money" UnderlyingType="Edm.Decimal" />
              <Action Name="Win"><Parameter Name="Status" Type="Edm.Int32" /></Action>
              <Function Name="WhoAmI"><ReturnType Type="Edm.String" /></Function>
              <Term Name="SolutionId" Type="Edm.Guid" />
              <EntityType Name="a"><Key><PropertyRef Name="id" /></Key><Property Name="id" Type="Edm.Guid"><Annotation Term="ns.SolutionId" Guid="00000000-0000-0000-0000-000000000000" /></Property>
                <Property Name="amount" Type="ns.Money" /><Property Name="rights" Type="ns.Rights" /><Property Name="at" Type="Edm.TimeOfDay" /><Property Name="span" Type="Edm.Duration" />
                <Property Name="where" Type="Edm.GeographyPoint" /><Property Name="blob" Type="Edm.Stream" /></EntityType>
              <EntityContainer Name="c">
                <EntitySet Name="as" EntityType="ns.a" />
                <FunctionImport Name="WhoAmI" Function="ns.WhoAmI" />
                <ActionImport Name="Win" Action="ns.Win" />
              </EntityContainer>
              <Annotations Target="ns.a"><Annotation Term="ns.SolutionId" Guid="00000000-0000-0000-0000-000000000000" /></Annotations>
            </Schema>
            """),
        // Dataverse's activity shape: abstract keyless root, abstract keyed principal as a lookup target, keys without Nullable.
        Edmx("""
            <Schema Namespace="Microsoft.Dynamics.CRM" Alias="mscrm" xmlns="http://docs.oasis-open.org/odata/ns/edm">
              <EntityType Name="crmbaseentity" Abstract="true" />
              <EntityType Name="principal" BaseType="mscrm.crmbaseentity" Abstract="true"><Key><PropertyRef Name="ownerid" /></Key><Property Name="ownerid" Type="Edm.Guid" /></EntityType>
              <EntityType Name="systemuser" BaseType="mscrm.principal"><Property Name="fullname" Type="Edm.String" /></EntityType>
              <EntityType Name="activitypointer" BaseType="mscrm.crmbaseentity"><Key><PropertyRef Name="activityid" /></Key><Property Name="activityid" Type="Edm.Guid" />
                <Property Name="_ownerid_value" Type="Edm.Guid" /><NavigationProperty Name="ownerid_activitypointer" Type="mscrm.principal"><ReferentialConstraint Property="_ownerid_value" ReferencedProperty="ownerid" /></NavigationProperty></EntityType>
              <EntityType Name="phonecall" BaseType="mscrm.activitypointer"><Property Name="phonenumber" Type="Edm.String" MaxLength="200" /></EntityType>
              <EntityContainer Name="System"><EntitySet Name="phonecalls" EntityType="Microsoft.Dynamics.CRM.phonecall" /><EntitySet Name="systemusers" EntityType="Microsoft.Dynamics.CRM.systemuser" /></EntityContainer>
            </Schema>
            """),
    };

    [Theory]
    [MemberData(nameof(HandWritten))]
    public void Agrees_with_Microsofts_reader_on_hand_written_documents(string text)
    {
        AssertAgreement(text);
    }

    [Fact]
    public void The_corpus_covers_the_repositorys_csdl_files()
    {
        Assert.Contains(OracleCorpus.RepositoryFiles(), f => f.EndsWith("dataverse-sample.csdl", System.StringComparison.Ordinal));
        Assert.Contains(OracleCorpus.RepositoryFiles(), f => f.EndsWith(Path.Combine("SmartSync.Demo", "crm.csdl"), System.StringComparison.Ordinal));
    }

    [Fact]
    public void The_generated_corpus_varies_inheritance_aliases_schemas_and_element_kinds()
    {
        var options = Enumerable.Range(0, OracleCorpus.GeneratedCount).Select(OracleCorpus.Generated).ToList();

        Assert.Equal(5, options.Select(o => o.InheritanceDepth).Distinct().Count());
        Assert.Equal(2, options.Select(o => o.UseAlias).Distinct().Count());
        Assert.Equal(2, options.Select(o => o.SecondSchema).Distinct().Count());
        Assert.Contains(options, o => o.ComplexTypes == 0 && o.EnumTypes == 0);
        Assert.Contains(options, o => o.Functions > 0 && o.Actions > 0 && o.UnstorableProperties && o.TypeDefinitions);
        var text = DataverseCsdlGenerator.Generate(options.First(o => o.Tables > 5 && o.PropertiesPerTable > 8 && o.UnstorableProperties && o.ComplexTypes > 0 && o.EnumTypes > 0 && o.Functions > 0 && o.Actions > 0 && o.TypeDefinitions && o.Annotations));
        foreach (var element in new[] { "<ComplexType ", "<EnumType ", "<TypeDefinition ", "<Function ", "<Action ", "<Term ", "<Annotations ", "<FunctionImport ", "<ActionImport ", "<NavigationPropertyBinding ", "Abstract=\"true\"", "Partner=", "Collection(" })
        {
            Assert.Contains(element, text);
        }
    }

    [Fact]
    public void The_comparison_reports_a_key_property_or_lookup_that_differs()
    {
        var text = DataverseCsdlGenerator.Generate(new DataverseModelOptions { Tables = 3, PropertiesPerTable = 4, LookupsPerTable = 2 });
        var microsoft = MicrosoftReader.Read(text, out _)!;
        var ours = ModelShape.Of(CsdlParser.Parse(text, "m.csdl").Model!, out var unusable);
        var task = ours.Types["task"];
        ours.Types["task"] = task with { Key = "subject", Properties = task.Properties.Where(p => !p.StartsWith("activityid:", System.StringComparison.Ordinal)).ToList(), Lookups = [] };

        var differences = ModelShape.Differences(ours, unusable, microsoft);

        Assert.Contains("type 'task': key is subject in ours, activityid in Microsoft's", differences);
        Assert.Contains("type 'task': property 'activityid: Edm.Guid' only in Microsoft's", differences);
        Assert.Contains("type 'task': lookup 'ownerid -> principal' only in Microsoft's", differences);
        Assert.Equal(string.Empty, ModelShape.Differences(ModelShape.Of(CsdlParser.Parse(text, "m.csdl").Model!, out _), unusable, microsoft));
    }

    private static string Edmx(string schemas) =>
        "<edmx:Edmx Version=\"4.0\" xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\"><edmx:DataServices>\n" + schemas + "\n</edmx:DataServices></edmx:Edmx>";

    /// <summary>Microsoft's reader must accept the document, and ours must read the same model from it.</summary>
    private static void AssertAgreement(string text)
    {
        var microsoft = MicrosoftReader.Read(text, out var microsoftErrors);
        Assert.True(microsoft is not null, "Microsoft's reader refused the document: " + string.Join("; ", microsoftErrors));

        var ours = CsdlParser.Parse(text, "model.csdl");
        Assert.DoesNotContain(ours.Diagnostics, d => d.Id == "SS0040");
        var model = Assert.IsType<DataModel.EntityDataModel>(ours.Model);
        var shape = ModelShape.Of(model, out var unusable);
        var differences = ModelShape.Differences(shape, unusable, microsoft);
        Assert.True(differences.Length == 0, differences);
        Assert.NotEmpty(microsoft.Types);
    }
}
