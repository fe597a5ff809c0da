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
        AssertAgreement(DataverseCsdlGenerator.Generate(OracleCorpus.Generated(index)), requireMicrosoftReads: true);
    }

    [Theory]
    [MemberData(nameof(RepositoryFiles))]
    public void Agrees_with_Microsofts_reader_on_every_csdl_file_of_the_repository(string relativePath)
    {
        AssertAgreement(File.ReadAllText(Path.Combine(OracleCorpus.RepositoryRoot(), relativePath)), requireMicrosoftReads: true);
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

    private static void AssertAgreement(string text, bool requireMicrosoftReads)
    {
        var microsoft = MicrosoftReader.Read(text, out var microsoftErrors);
        if (microsoft is null)
        {
            Assert.False(requireMicrosoftReads, "Microsoft's reader refused the document: " + string.Join("; ", microsoftErrors));
            return;
        }

        var ours = CsdlParser.Parse(text, "model.csdl");
        Assert.DoesNotContain(ours.Diagnostics, d => d.Id == "SS0040");
        var model = Assert.IsType<DataModel.EntityDataModel>(ours.Model);
        var shape = ModelShape.Of(model, out var unusable);
        var differences = ModelShape.Differences(shape, unusable, microsoft);
        Assert.True(differences.Length == 0, differences);
        Assert.NotEmpty(microsoft.Types);
    }
}
