using System.Globalization;
using System.Text;
using SmartSync.Testing.DataverseModels;

namespace SmartSync.Benchmarks.Tooling;

/// <summary>
/// A Dataverse-scale data model (1,200 tables of about 110 columns: 90 plus 10 lookups of two each, the abstract keyless base,
/// activity inheritance, complex and enum types, 300 functions and actions: about 12 MB) and an everyday
/// SmartSync.xml with 20 profiles over the app's tables.
/// </summary>
internal static class DataverseScaleInputs
{
    public const int EverydayProfiles = 20;

    public static DataverseModelOptions Options(bool smoke) => new()
    {
        Seed = 2026,
        Tables = smoke ? 60 : 1_200,
        PropertiesPerTable = smoke ? 20 : 90,
        LookupsPerTable = 10,
        ActivityTables = smoke ? 4 : 20,
        InheritanceDepth = 1,
        ComplexTypes = 30,
        EnumTypes = 40,
        Functions = 150,
        Actions = 150,
        Annotations = false,
    };

    public static string Csdl(bool smoke) => DataverseCsdlGenerator.Generate(Options(smoke));

    /// <summary>20 profiles an app would have: includes with related expansion, an Exclude profile, uploads; the app's tables stated.</summary>
    public static string SmartSyncXml()
    {
        var text = new StringBuilder("<SmartSyncSetup>\n  <AppEntities>\n");
        foreach (var name in new[] { "account", "contact", "task", "systemuser", "team" })
        {
            text.Append("    <Entity Name=\"").Append(name).Append("\" />\n");
        }

        for (var i = 0; i < 35; i++)
        {
            text.Append("    <Entity Name=\"").Append(DataverseCsdlGenerator.TableName(i)).Append("\" />\n");
        }

        text.Append("  </AppEntities>\n");
        for (var p = 0; p < EverydayProfiles; p++)
        {
            var name = "Profile" + p.ToString("00", CultureInfo.InvariantCulture);
            var mode = p % 10 == 9 ? "Exclude" : "Include";
            var action = (p % 3) switch { 0 => "DownSync", 1 => "UpSync", _ => "UpDownSync" };
            text.Append("  <SmartSync Name=\"").Append(name).Append("\" SyncAction=\"").Append(action).Append("\">\n");
            text.Append("    <Description>everyday profile ").Append(p).Append("</Description>\n");
            text.Append("    <Entities Mode=\"").Append(mode).Append("\">\n");
            text.Append("      <Entity Name=\"").Append(DataverseCsdlGenerator.TableName(p)).Append("\" WithRelated=\"").Append(p % 2 == 0 ? "true" : "false").Append("\" Deep=\"").Append(p % 4 == 0 ? "true" : "false").Append("\" />\n");
            text.Append("      <Entity Name=\"").Append(p % 2 == 0 ? "account" : "contact").Append("\" />\n");
            text.Append("    </Entities>\n  </SmartSync>\n");
            text.Append("  <Trigger Launch=\"").Append(name).Append("\" Action=\"PeriodicSync\" Delay=\"").Append(300 + p).Append("\" />\n");
        }

        text.Append("</SmartSyncSetup>\n");
        return text.ToString();
    }
}
