using System.Linq;
using SmartSync.Definitions.Diagnostics;
using SmartSync.Definitions.Semantics;
using Xunit;
using static SmartSync.Definitions.Tests.TestData;

namespace SmartSync.Definitions.Tests;

public class DefinitionReaderTests
{
    [Fact]
    public void The_sample_reads_without_diagnostics()
    {
        var set = DefinitionReader.Read(SampleXml, "SmartSync.xml", CrmModel);

        Assert.Empty(set.Diagnostics);
        Assert.Equal(["GetTasks", "UploadActivities", "SalesPipeline", "AllButActivities"], set.Profiles.Select(p => p.Name));
        Assert.Equal(4, set.Triggers.Count);

        var getTasks = set.Profiles[0];
        Assert.Equal(
            new ProfileSpec(
                "GetTasks", "retrieve tasks from the server every 5 minutes", SyncAction.DownSync, SyncMethod.Default, true, true,
                SyncModules.NoEntityImages | SyncModules.NoAttachments, EntitiesMode.Include,
                Collections.EquatableArray.Create(new EntitySpec("task", false, false))),
            getTasks);
        Assert.Equal(new TriggerSpec("GetTasks", TriggerAction.PeriodicSync, 300, null), set.Triggers[0]);
    }

    [Fact]
    public void Defaults_apply_when_attributes_are_absent()
    {
        var set = DefinitionReader.Read(Setup("""<SmartSync Name="P"><Entities><Entity Name="task" /></Entities></SmartSync>"""), "s.xml", CrmModel);

        var profile = Assert.Single(set.Profiles);
        Assert.Equal(SyncAction.UpDownSync, profile.Action);
        Assert.Equal(SyncMethod.Default, profile.Method);
        Assert.True(profile.UseGlobalExclusions);
        Assert.True(profile.UseAutoExclusions);
        Assert.Equal(SyncModules.None, profile.ExcludedModules);
        Assert.Equal(EntitiesMode.Include, profile.Mode);
        Assert.Null(profile.Description);
    }

    [Theory]
    [InlineData("SyncAction", "UpSync")]
    [InlineData("SyncAction", "DownSync")]
    [InlineData("SyncAction", "UpDownSync")]
    [InlineData("SyncMethod", "Default")]
    [InlineData("SyncMethod", "Incremental")]
    [InlineData("SyncMethod", "Full")]
    [InlineData("GlobalExclusions", "true")]
    [InlineData("GlobalExclusions", "false")]
    [InlineData("AutoExclusions", "true")]
    [InlineData("AutoExclusions", "false")]
    public void Every_profile_attribute_value_is_accepted(string attribute, string value)
    {
        var xml = Setup($"""<SmartSync Name="P" {attribute}="{value}"><Entities><Entity Name="account" /></Entities></SmartSync>""");

        var set = DefinitionReader.Read(xml, "s.xml", CrmModel);

        Assert.DoesNotContain(set.Diagnostics, d => d.IsError);
        var profile = Assert.Single(set.Profiles);
        var actual = attribute switch
        {
            "SyncAction" => profile.Action.ToString(),
            "SyncMethod" => profile.Method.ToString(),
            "GlobalExclusions" => profile.UseGlobalExclusions ? "true" : "false",
            _ => profile.UseAutoExclusions ? "true" : "false",
        };
        Assert.Equal(value, actual);
    }

    [Fact]
    public void Every_module_flag_is_read_from_spaces_and_commas()
    {
        var flags = "NoPreparation NoRemoteConflicts,NoSyncDeletes, NoEntityImages NoSyncShared NoDocuments NoAttachments NoExchange NoCleanup";
        var xml = Setup($"""<SmartSync Name="P" ExcludedModules="{flags}"><Entities><Entity Name="account" /></Entities></SmartSync>""");

        var set = DefinitionReader.Read(xml, "s.xml", CrmModel);

        Assert.Empty(set.Diagnostics);
        Assert.Equal(
            SyncModules.NoPreparation | SyncModules.NoRemoteConflicts | SyncModules.NoSyncDeletes | SyncModules.NoEntityImages |
            SyncModules.NoSyncShared | SyncModules.NoDocuments | SyncModules.NoAttachments | SyncModules.NoExchange | SyncModules.NoCleanup,
            Assert.Single(set.Profiles).ExcludedModules);
    }

    [Theory]
    [InlineData("AppStart", "0")]
    [InlineData("RecordChange", "15")]
    [InlineData("PeriodicSync", "600")]
    public void Every_trigger_action_is_accepted(string action, string delay)
    {
        var xml = Setup($"""
            <SmartSync Name="P"><Entities><Entity Name="task" /></Entities></SmartSync>
            <Trigger Launch="P" Action="{action}" Delay="{delay}" />
            """);

        var set = DefinitionReader.Read(xml, "s.xml", CrmModel);

        Assert.Empty(set.Diagnostics);
        var trigger = Assert.Single(set.Triggers);
        Assert.Equal(action, trigger.Action.ToString());
        Assert.Equal(int.Parse(delay, System.Globalization.CultureInfo.InvariantCulture), trigger.DelaySeconds);
    }

    [Fact]
    public void RecordChange_trigger_may_name_its_entity()
    {
        var xml = Setup("""
            <SmartSync Name="P"><Entities><Entity Name="task" /></Entities></SmartSync>
            <Trigger Launch="P" Action="RecordChange" Delay="5" Entity="task" />
            """);

        var trigger = Assert.Single(DefinitionReader.Read(xml, "s.xml", CrmModel).Triggers);

        Assert.Equal("task", trigger.Entity);
    }

    [Fact]
    public void Explicit_global_exclusions_replace_the_computed_list()
    {
        var xml = Setup("""
            <GlobalExclusions><Entity Name="product" /></GlobalExclusions>
            <SmartSync Name="P"><Entities><Entity Name="task" /></Entities></SmartSync>
            """);

        var set = DefinitionReader.Read(xml, "s.xml", CrmModel);

        Assert.Equal(["product"], set.ExplicitGlobalExclusions!.Value);
        Assert.Equal(["product"], set.GlobalExclusions.Select(e => e.Name));
    }

    [Theory]
    [InlineData("<SmartSyncSetup>", "SS0001", "(1,17)")]
    [InlineData("<SmartSyncSetup><SmartSync Name=\"a\"></SmartSyncSetup>", "SS0001", "(1,")]
    [InlineData("", "SS0001", "(1,1)")]
    [InlineData("<Setup />", "SS0002", "(1,2)")]
    public void Structural_failures_are_reported_at_their_position(string xml, string id, string position)
    {
        var set = DefinitionReader.Read(xml, "s.xml", CrmModel);

        var diagnostic = Assert.Single(set.Diagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.StartsWith("s.xml" + position, diagnostic.ToString());
        Assert.Empty(set.Profiles);
    }

    [Theory]
    // id, xml (the offending text is wrapped in [[ ]]), whether the profile survives
    [InlineData("SS0003", """<SmartSync Name="P" [[SyncActon]]="DownSync"><Entities><Entity Name="task" /></Entities></SmartSync>""", true)]
    [InlineData("SS0003", """<SmartSync Name="P"><[[Entites]]><Entity Name="task" /></Entites><Entities><Entity Name="task" /></Entities></SmartSync>""", true)]
    [InlineData("SS0004", """<[[SmartSync]] SyncAction="DownSync"><Entities><Entity Name="task" /></Entities></SmartSync>""", false)]
    [InlineData("SS0004", """<SmartSync Name="P"><Entities><[[Entity]] /></Entities></SmartSync>""", false)]
    [InlineData("SS0005", """<SmartSync Name="P" SyncAction="[[Download]]"><Entities><Entity Name="task" /></Entities></SmartSync>""", false)]
    [InlineData("SS0005", """<SmartSync Name="P" SyncMethod="[[full]]"><Entities><Entity Name="task" /></Entities></SmartSync>""", false)]
    [InlineData("SS0005", """<SmartSync Name="P" GlobalExclusions="[[yes]]"><Entities><Entity Name="task" /></Entities></SmartSync>""", false)]
    [InlineData("SS0005", """<SmartSync Name="P" ExcludedModules="NoCleanup [[NoImages]]"><Entities><Entity Name="task" /></Entities></SmartSync>""", false)]
    [InlineData("SS0005", """<SmartSync Name="P"><Entities Mode="[[Only]]"><Entity Name="task" /></Entities></SmartSync>""", false)]
    [InlineData("SS0005", """<SmartSync Name="P"><Entities><Entity Name="task" WithRelated="[[1]]" /></Entities></SmartSync>""", false)]
    [InlineData("SS0007", """<SmartSync Name="[[9Lives]]"><Entities><Entity Name="task" /></Entities></SmartSync>""", false)]
    [InlineData("SS0007", """<SmartSync Name="[[class]]"><Entities><Entity Name="task" /></Entities></SmartSync>""", false)]
    [InlineData("SS0007", """<SmartSync Name="[[All]]"><Entities><Entity Name="task" /></Entities></SmartSync>""", false)]
    [InlineData("SS0010", """<SmartSync Name="P"><Entities><Entity Name="[[taks]]" /></Entities></SmartSync>""", false)]
    [InlineData("SS0011", """<SmartSync Name="P"><Entities><Entity Name="task" /><Entity Name="[[task]]" /></Entities></SmartSync>""", true)]
    [InlineData("SS0012", """<SmartSync Name="P"><[[Entities]] /></SmartSync>""", false)]
    [InlineData("SS0013", """<SmartSync Name="P"><Entities><Entity Name="organization" WithRelated="[[true]]" /></Entities></SmartSync>""", true)]
    [InlineData("SS0020", """<SmartSync Name="P" ExcludedModules="OnlyCoreModules [[NoExchange]]"><Entities><Entity Name="task" /></Entities></SmartSync>""", true)]
    [InlineData("SS0021", """<SmartSync Name="P" SyncAction="UpSync" ExcludedModules="[[NoAttachments]]"><Entities><Entity Name="task" /></Entities></SmartSync>""", true)]
    [InlineData("SS0021", """<SmartSync Name="P" SyncAction="DownSync" ExcludedModules="[[NoRemoteConflicts]]"><Entities><Entity Name="task" /></Entities></SmartSync>""", true)]
    [InlineData("SS0022", """<SmartSync Name="P" SyncMethod="Full" ExcludedModules="[[NoCleanup]]"><Entities><Entity Name="task" /></Entities></SmartSync>""", true)]
    [InlineData("SS0022", """<SmartSync Name="P" SyncAction="UpSync" SyncMethod="[[Full]]"><Entities><Entity Name="task" /></Entities></SmartSync>""", true)]
    public void Each_profile_rule_is_reported_at_its_exact_span(string id, string marked, bool profileSurvives)
    {
        var (xml, start, length) = Unmark(Setup(marked));

        var set = DefinitionReader.Read(xml, "s.xml", CrmModel);

        var diagnostic = Assert.Single(set.Diagnostics, d => d.Id == id);
        Assert.Equal((start, length), (diagnostic.Range.Start, diagnostic.Range.Length));
        Assert.DoesNotContain(set.Diagnostics, d => d.IsError && d.Id != id);
        Assert.Equal(profileSurvives, set.Profiles.Count == 1);
    }

    [Theory]
    [InlineData("SS0006", """<SmartSync Name="p"><Entities><Entity Name="task" /></Entities></SmartSync><Trigger Launch="P" Action="AppStart" /><SmartSync Name="[[P]]"><Entities><Entity Name="task" /></Entities></SmartSync>""")]
    [InlineData("SS0030", """<SmartSync Name="GetTasks"><Entities><Entity Name="task" /></Entities></SmartSync><Trigger Launch="[[GetTask]]" Action="AppStart" />""")]
    [InlineData("SS0031", """<SmartSync Name="P"><Entities><Entity Name="task" /></Entities></SmartSync><Trigger Launch="P" Action="PeriodicSync" Delay="[[30]]" />""")]
    [InlineData("SS0032", """<SmartSync Name="P" SyncAction="DownSync"><Entities><Entity Name="task" /></Entities></SmartSync><Trigger Launch="[[P]]" Action="RecordChange" />""")]
    [InlineData("SS0033", """<SmartSync Name="P"><Entities><Entity Name="task" /></Entities></SmartSync><Trigger Launch="P" Action="AppStart" /><[[Trigger]] Launch="P" Action="AppStart" />""")]
    [InlineData("SS0004", """<SmartSync Name="P"><Entities><Entity Name="task" /></Entities></SmartSync><[[Trigger]] Launch="P" Action="PeriodicSync" />""")]
    [InlineData("SS0005", """<SmartSync Name="P"><Entities><Entity Name="task" /></Entities></SmartSync><Trigger Launch="P" Action="PeriodicSync" Delay="[[-5]]" />""")]
    [InlineData("SS0005", """<SmartSync Name="P"><Entities><Entity Name="task" /></Entities></SmartSync><Trigger Launch="P" Action="[[OnStart]]" />""")]
    [InlineData("SS0010", """<SmartSync Name="P"><Entities><Entity Name="task" /></Entities></SmartSync><Trigger Launch="P" Action="RecordChange" Entity="[[tsk]]" />""")]
    [InlineData("SS0003", """<SmartSync Name="P"><Entities><Entity Name="task" /></Entities></SmartSync><Trigger Launch="P" Action="AppStart" [[Entity]]="task" />""")]
    [InlineData("SS0010", """<GlobalExclusions><Entity Name="[[uoms]]" /></GlobalExclusions>""")]
    public void Each_document_rule_is_reported_at_its_exact_span(string id, string marked)
    {
        var (xml, start, length) = Unmark(Setup(marked));

        var set = DefinitionReader.Read(xml, "s.xml", CrmModel);

        var diagnostic = Assert.Single(set.Diagnostics, d => d.Id == id);
        Assert.Equal((start, length), (diagnostic.Range.Start, diagnostic.Range.Length));
    }

    [Fact]
    public void Invalid_triggers_and_triggers_of_invalid_profiles_are_dropped()
    {
        var xml = Setup("""
            <SmartSync Name="Bad" SyncAction="Sideways"><Entities><Entity Name="task" /></Entities></SmartSync>
            <SmartSync Name="Good"><Entities><Entity Name="task" /></Entities></SmartSync>
            <Trigger Launch="Bad" Action="AppStart" />
            <Trigger Launch="Good" Action="AppStart" />
            <Trigger Launch="Nope" Action="AppStart" />
            """);

        var set = DefinitionReader.Read(xml, "s.xml", CrmModel);

        Assert.Equal(["Good"], set.Profiles.Select(p => p.Name));
        Assert.Equal(["Good"], set.Triggers.Select(t => t.Launch));
    }

    [Fact]
    public void Suggestions_name_the_closest_known_name()
    {
        var xml = Setup("""
            <SmartSync Name="GetTasks" SyncActon="DownSync"><Entities><Entity Name="taks" /></Entities></SmartSync>
            <Trigger Launch="GetTask" Action="AppStart" />
            """);

        var messages = DefinitionReader.Read(xml, "s.xml", CrmModel).Diagnostics.Select(d => d.Message).ToList();

        Assert.Contains(messages, m => m.Contains("did you mean 'SyncAction'?"));
        Assert.Contains(messages, m => m.Contains("did you mean 'task'?"));
        Assert.Contains(messages, m => m.Contains("did you mean 'GetTasks'?"));
    }

    [Fact]
    public void Invalid_values_list_the_allowed_ones()
    {
        var xml = Setup("""<SmartSync Name="P" SyncAction="Down"><Entities><Entity Name="task" /></Entities></SmartSync>""");

        var diagnostic = Assert.Single(DefinitionReader.Read(xml, "s.xml", CrmModel).Diagnostics);

        Assert.Contains("UpDownSync, UpSync, DownSync", diagnostic.Message);
    }

    [Fact]
    public void Without_a_data_model_names_are_checked_for_form_and_SS0041_says_so()
    {
        var xml = Setup("""<SmartSync Name="P"><Entities><Entity Name="anything" /><Entity Name="not valid" /></Entities></SmartSync>""");

        var set = DefinitionReader.Read(xml, "dir/SmartSync.xml", dataModel: null);

        Assert.Contains(set.Diagnostics, d => d.Id == "SS0041" && d.Severity == DefinitionSeverity.Info && d.Message.Contains("'SmartSync.xml'"));
        Assert.Contains(set.Diagnostics, d => d.Id == "SS0005" && d.Message.Contains("'not valid'"));
    }

    [Fact]
    public void Exclude_everything_is_an_empty_profile()
    {
        var all = string.Join("", CrmModel.Model!.EntityNames.Select(n => $"<Entity Name=\"{n}\" />"));
        var xml = Setup($"""<SmartSync Name="P"><Entities Mode="Exclude">{all}</Entities></SmartSync>""");

        var set = DefinitionReader.Read(xml, "s.xml", CrmModel);

        Assert.Equal("SS0012", Assert.Single(set.Diagnostics).Id);
        Assert.Empty(set.Profiles);
    }

    [Fact]
    public void Whitespace_edits_leave_the_specs_equal()
    {
        var original = DefinitionReader.Read(SampleXml, "SmartSync.xml", CrmModel);
        var reformatted = DefinitionReader.Read(SampleXml.Replace("\n", "\n\n    "), "SmartSync.xml", CrmModel);

        Assert.Equal(original.Profiles, reformatted.Profiles);
        Assert.Equal(original.Triggers, reformatted.Triggers);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(50)]
    [InlineData(400)]
    public void Truncated_input_never_throws(int cut)
    {
        var complete = SampleXml.TrimEnd();
        var text = complete.Substring(0, complete.Length - cut);

        var set = DefinitionReader.Read(text, "s.xml", CrmModel);

        Assert.Contains(set.Diagnostics, d => d.Id == "SS0001");
    }

    [Fact]
    public void Huge_values_are_diagnosed_not_thrown()
    {
        var huge = new string('x', 1_000_000);
        var xml = Setup($"""<SmartSync Name="{huge}" SyncAction="{huge}"><Entities><Entity Name="{huge}" /></Entities></SmartSync><{huge} />""");

        var set = DefinitionReader.Read(xml, "s.xml", CrmModel);

        Assert.Contains(set.Diagnostics, d => d.Id == "SS0007");
        Assert.Contains(set.Diagnostics, d => d.Id == "SS0005" && d.Message.Length < 1000);
        Assert.Contains(set.Diagnostics, d => d.Id == "SS0003" && d.Message.Length < 1000);
        Assert.Empty(set.Profiles);
    }

    [Fact]
    public void Excessive_nesting_is_refused_before_loading()
    {
        var deep = string.Concat(Enumerable.Repeat("<a>", 20_000)) + string.Concat(Enumerable.Repeat("</a>", 20_000));

        var set = DefinitionReader.Read(Setup(deep), "s.xml", CrmModel);

        var diagnostic = Assert.Single(set.Diagnostics);
        Assert.Equal("SS0001", diagnostic.Id);
        Assert.Contains("nested more than 256 levels", diagnostic.Message);
    }

    [Theory]
    [InlineData(256, false)]
    [InlineData(257, true)]
    public void The_depth_limit_is_256_levels_below_the_root(int levels, bool refused)
    {
        var nested = string.Concat(Enumerable.Repeat("<a x='>'>", levels)) + string.Concat(Enumerable.Repeat("</a>", levels));

        var set = DefinitionReader.Read(Setup(nested), "s.xml", CrmModel);

        Assert.Equal(refused, set.Diagnostics.Any(d => d.Id == "SS0001"));
    }

    [Fact]
    public void Tags_inside_comments_and_cdata_do_not_count_as_nesting()
    {
        var tags = string.Concat(Enumerable.Repeat("<a>", 1000));
        var xml = Setup($"<!-- {tags} --><SmartSync Name=\"P\"><Description><![CDATA[{tags}]]></Description><Entities><Entity Name=\"task\" /></Entities></SmartSync>");

        var set = DefinitionReader.Read(xml, "s.xml", CrmModel);

        Assert.Empty(set.Diagnostics);
        Assert.Single(set.Profiles);
    }

    private static (string Text, int Start, int Length) Unmark(string marked)
    {
        var start = marked.IndexOf("[[", System.StringComparison.Ordinal);
        var end = marked.IndexOf("]]", System.StringComparison.Ordinal);
        var text = marked.Remove(end, 2).Remove(start, 2);
        return (text, start, end - start - 2);
    }
}
