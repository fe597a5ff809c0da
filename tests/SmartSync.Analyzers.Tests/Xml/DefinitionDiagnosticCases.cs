using Xunit;

namespace SmartSync.Analyzers.Tests.Xml;

/// <summary>
/// One or more SmartSync.xml documents per diagnostic ID that must report it exactly where the markup
/// says (<c>{|SS0010:taks|}</c>), and a corrected document per ID that must report nothing. All are read
/// against the demo's crm.csdl.
/// </summary>
public static class DefinitionDiagnosticCases
{
    private const string Tasks = """<SmartSync Name="GetTasks" SyncAction="DownSync"><Entities><Entity Name="task" /></Entities></SmartSync>""";

    public static TheoryData<string, string> Positive => new()
    {
        { "SS0001 unclosed element", "<SmartSyncSetup>\n  <SmartSync Name=\"A\">\n</{|SS0001:S|}martSyncSetup>" },
        { "SS0001 stray ampersand", "<SmartSyncSetup>\n  <SmartSync Name=\"A & B\" />\n</SmartSyncSetup>".Replace("& B", "&{|SS0001: |}B") },
        { "SS0001 hostile nesting depth", "<SmartSyncSetup>" + string.Concat(System.Linq.Enumerable.Repeat("<x>", 256)) + "<{|SS0001:x|}>" + string.Concat(System.Linq.Enumerable.Repeat("</x>", 257)) + "</SmartSyncSetup>" },
        { "SS0002 wrong root", """<{|SS0002:Profiles|}><SmartSync Name="A" /></Profiles>""" },
        { "SS0003 unknown attribute", Setup("""<SmartSync Name="GetTasks" {|SS0003:SyncActon|}="DownSync"><Entities><Entity Name="task" /></Entities></SmartSync>""") },
        { "SS0003 unknown element", Setup("""<SmartSync Name="GetTasks"><{|SS0003:Descripton|}>x</Descripton><Entities><Entity Name="task" /></Entities></SmartSync>""") },
        { "SS0003 Entity on a non-RecordChange trigger", Setup(Tasks + """<Trigger Launch="GetTasks" Action="AppStart" {|SS0003:Entity|}="task" />""") },
        { "SS0004 profile without Name", Setup("""<{|SS0004:SmartSync|} SyncAction="DownSync"><Entities><Entity Name="task" /></Entities></SmartSync>""") },
        { "SS0004 PeriodicSync without Delay", Setup(Tasks + """<{|SS0004:Trigger|} Launch="GetTasks" Action="PeriodicSync" />""") },
        { "SS0005 SyncAction", Setup("""<SmartSync Name="GetTasks" SyncAction="{|SS0005:Download|}"><Entities><Entity Name="task" /></Entities></SmartSync>""") },
        { "SS0005 module token", Setup("""<SmartSync Name="GetTasks" ExcludedModules="NoAttachments {|SS0005:NoImages|}"><Entities><Entity Name="task" /></Entities></SmartSync>""") },
        { "SS0005 Delay", Setup(Tasks + """<Trigger Launch="GetTasks" Action="AppStart" Delay="{|SS0005:-5|}" />""") },
        { "SS0006 duplicate name, other case", Setup(Tasks + """<SmartSync Name="{|SS0006:gettasks|}"><Entities><Entity Name="phonecall" /></Entities></SmartSync>""") },
        { "SS0007 hyphen", Setup("""<SmartSync Name="{|SS0007:Get-Tasks|}"><Entities><Entity Name="task" /></Entities></SmartSync>""") },
        { "SS0007 keyword", Setup("""<SmartSync Name="{|SS0007:class|}"><Entities><Entity Name="task" /></Entities></SmartSync>""") },
        { "SS0007 reserved member", Setup("""<SmartSync Name="{|SS0007:All|}"><Entities><Entity Name="task" /></Entities></SmartSync>""") },
        { "SS0010 profile entity", Setup("""<SmartSync Name="GetTasks"><Entities><Entity Name="{|SS0010:taks|}" /></Entities></SmartSync>""") },
        { "SS0010 trigger entity", Setup("""<SmartSync Name="Push" SyncAction="UpSync"><Entities><Entity Name="task" /></Entities></SmartSync><Trigger Launch="Push" Action="RecordChange" Entity="{|SS0010:Task|}" />""") },
        { "SS0010 global exclusion", Setup(Tasks + """<GlobalExclusions><Entity Name="{|SS0010:systemusers|}" /></GlobalExclusions>""") },
        { "SS0010 app entity", Setup(Tasks + """<AppEntities><Entity Name="{|SS0010:acount|}" /></AppEntities>""") },
        { "SS0003 second AppEntities", Setup(Tasks + """<AppEntities /><{|SS0003:AppEntities|} />""") },
        { "SS0011 entity twice", Setup("""<SmartSync Name="GetTasks"><Entities><Entity Name="task" /><Entity Name="{|SS0011:task|}" WithRelated="true" /></Entities></SmartSync>""") },
        { "SS0012 empty Include list", Setup("""<SmartSync Name="Nothing"><{|SS0012:Entities|} Mode="Include" /></SmartSync>""") },
        { "SS0012 no Entities element", Setup("""<{|SS0012:SmartSync|} Name="Nothing" />""") },
        { "SS0013 WithRelated without lookups", Setup("""<SmartSync Name="Org"><Entities><Entity Name="organization" WithRelated="{|SS0013:true|}" /></Entities></SmartSync>""") },
        { "SS0013 Deep without lookups", Setup("""<SmartSync Name="Org"><Entities><Entity Name="industrycode" Deep="{|SS0013:true|}" /></Entities></SmartSync>""") },
        { "SS0020 redundant with OnlyCoreModules", Setup("""<SmartSync Name="Up" SyncAction="UpSync" ExcludedModules="OnlyCoreModules {|SS0020:NoExchange|}"><Entities><Entity Name="task" /></Entities></SmartSync>""") },
        { "SS0021 download phase in UpSync", Setup("""<SmartSync Name="Up" SyncAction="UpSync" ExcludedModules="NoExchange, {|SS0021:NoAttachments|}"><Entities><Entity Name="task" /></Entities></SmartSync>""") },
        { "SS0021 remote conflicts in DownSync", Setup("""<SmartSync Name="Down" SyncAction="DownSync" ExcludedModules="{|SS0021:NoRemoteConflicts|}"><Entities><Entity Name="task" /></Entities></SmartSync>""") },
        { "SS0022 Full with NoCleanup", Setup("""<SmartSync Name="Refresh" SyncAction="DownSync" SyncMethod="Full" ExcludedModules="{|SS0022:NoCleanup|}"><Entities><Entity Name="task" /></Entities></SmartSync>""") },
        { "SS0022 Full on UpSync", Setup("""<SmartSync Name="Up" SyncAction="UpSync" SyncMethod="{|SS0022:Full|}"><Entities><Entity Name="task" /></Entities></SmartSync>""") },
        { "SS0030 unknown profile", Setup(Tasks + """<Trigger Launch="{|SS0030:GetTask|}" Action="AppStart" />""") },
        { "SS0031 short period", Setup(Tasks + """<Trigger Launch="GetTasks" Action="PeriodicSync" Delay="{|SS0031:10|}" />""") },
        { "SS0032 RecordChange on DownSync", Setup(Tasks + """<Trigger Launch="{|SS0032:GetTasks|}" Action="RecordChange" Delay="10" />""") },
        { "SS0033 duplicate trigger", Setup(Tasks + """<Trigger Launch="GetTasks" Action="AppStart" Delay="5" /><{|SS0033:Trigger|} Action="AppStart" Launch="GetTasks" Delay="5" />""") },
    };

    public static TheoryData<string, string> Negative => new()
    {
        { "SS0001 well-formed", Setup(Tasks) },
        { "SS0002 SmartSyncSetup root", Setup(Tasks) },
        { "SS0003 known names and namespaced attribute", """<SmartSyncSetup xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="SmartSync.xsd">""" + Tasks + "</SmartSyncSetup>" },
        { "SS0003 Entity on a RecordChange trigger", Setup("""<SmartSync Name="Push" SyncAction="UpSync"><Entities><Entity Name="task" /></Entities></SmartSync><Trigger Launch="Push" Action="RecordChange" Entity="task" />""") },
        { "SS0004 all required attributes", Setup(Tasks + """<Trigger Launch="GetTasks" Action="PeriodicSync" Delay="300" />""") },
        { "SS0005 valid values", Setup("""<SmartSync Name="GetTasks" SyncAction="DownSync" SyncMethod="Incremental" GlobalExclusions="false" AutoExclusions="true" ExcludedModules="NoAttachments,NoEntityImages  NoExchange"><Entities Mode="Include"><Entity Name="task" WithRelated="false" Deep="false" /></Entities></SmartSync><Trigger Launch="GetTasks" Action="AppStart" Delay="0" />""") },
        { "SS0006 distinct names", Setup(Tasks + """<SmartSync Name="GetPhoneCalls"><Entities><Entity Name="phonecall" /></Entities></SmartSync>""") },
        { "SS0007 identifier with underscore and digits", Setup("""<SmartSync Name="_Get_Tasks2"><Entities><Entity Name="task" /></Entities></SmartSync>""") },
        { "SS0010 known entities everywhere", Setup("""<SmartSync Name="Push" SyncAction="UpSync"><Entities><Entity Name="task" /></Entities></SmartSync><Trigger Launch="Push" Action="RecordChange" Entity="task" /><GlobalExclusions><Entity Name="systemuser" /></GlobalExclusions><AppEntities><Entity Name="account" /></AppEntities>""") },
        { "SS0011 each entity once", Setup("""<SmartSync Name="GetTasks"><Entities><Entity Name="task" /><Entity Name="phonecall" /></Entities></SmartSync>""") },
        { "SS0012 Exclude list leaves entities", Setup("""<SmartSync Name="Most"><Entities Mode="Exclude"><Entity Name="task" /></Entities></SmartSync>""") },
        { "SS0013 WithRelated on an entity with lookups", Setup("""<SmartSync Name="Sales"><Entities><Entity Name="opportunity" WithRelated="true" Deep="true" /></Entities></SmartSync>""") },
        { "SS0020 OnlyCoreModules alone", Setup("""<SmartSync Name="Up" SyncAction="UpSync" ExcludedModules="OnlyCoreModules"><Entities><Entity Name="task" /></Entities></SmartSync>""") },
        { "SS0021 phases that apply", Setup("""<SmartSync Name="Up" SyncAction="UpSync" ExcludedModules="NoRemoteConflicts NoExchange"><Entities><Entity Name="task" /></Entities></SmartSync><SmartSync Name="Down" SyncAction="DownSync" ExcludedModules="NoAttachments NoCleanup"><Entities><Entity Name="task" /></Entities></SmartSync>""") },
        { "SS0022 Full with cleanup on DownSync", Setup("""<SmartSync Name="Refresh" SyncAction="DownSync" SyncMethod="Full" ExcludedModules="NoAttachments"><Entities><Entity Name="task" /></Entities></SmartSync>""") },
        { "SS0030 known profile", Setup(Tasks + """<Trigger Launch="GetTasks" Action="AppStart" />""") },
        { "SS0031 period of a minute", Setup(Tasks + """<Trigger Launch="GetTasks" Action="PeriodicSync" Delay="60" />""") },
        { "SS0032 RecordChange on UpDownSync", Setup("""<SmartSync Name="Both"><Entities><Entity Name="task" /></Entities></SmartSync><Trigger Launch="Both" Action="RecordChange" Delay="10" />""") },
        { "SS0033 triggers that differ", Setup(Tasks + """<Trigger Launch="GetTasks" Action="AppStart" Delay="5" /><Trigger Launch="GetTasks" Action="AppStart" Delay="30" />""") },
    };

    public static string Setup(string body) => "<SmartSyncSetup>\n  " + body + "\n</SmartSyncSetup>\n";
}
