using System.Globalization;
using System.Text;

namespace SmartSync.Benchmarks.Tooling;

/// <summary>
/// Large, valid inputs for the generator and analyzers, generated in code: a CSDL with N entity types (each with a
/// key, ten attributes and a lookup to the previous entity) and a SmartSync.xml with M profiles and triggers.
/// </summary>
public static class SyntheticInputs
{
    public static string EntityName(int index) => "entity" + index.ToString("D4", CultureInfo.InvariantCulture);

    public static string ProfileName(int index) => "Profile" + index.ToString("D4", CultureInfo.InvariantCulture);

    public static string Csdl(int entities)
    {
        var xml = new StringBuilder(entities * 1200);
        xml.AppendLine("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        xml.AppendLine("<edmx:Edmx Version=\"4.0\" xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\">");
        xml.AppendLine("  <edmx:DataServices>");
        xml.AppendLine("    <Schema Namespace=\"Bench.Model\" Alias=\"bench\" xmlns=\"http://docs.oasis-open.org/odata/ns/edm\">");
        for (var i = 0; i < entities; i++)
        {
            var name = EntityName(i);
            xml.Append("      <EntityType Name=\"").Append(name).AppendLine("\">");
            xml.Append("        <Key><PropertyRef Name=\"").Append(name).AppendLine("id\" /></Key>");
            xml.Append("        <Property Name=\"").Append(name).AppendLine("id\" Type=\"Edm.Guid\" Nullable=\"false\" />");
            xml.AppendLine("        <Property Name=\"name\" Type=\"Edm.String\" MaxLength=\"200\" />");
            xml.AppendLine("        <Property Name=\"description\" Type=\"Edm.String\" />");
            xml.AppendLine("        <Property Name=\"statecode\" Type=\"Edm.Int32\" />");
            xml.AppendLine("        <Property Name=\"amount\" Type=\"Edm.Decimal\" />");
            xml.AppendLine("        <Property Name=\"score\" Type=\"Edm.Double\" />");
            xml.AppendLine("        <Property Name=\"isactive\" Type=\"Edm.Boolean\" />");
            xml.AppendLine("        <Property Name=\"createdon\" Type=\"Edm.DateTimeOffset\" />");
            xml.AppendLine("        <Property Name=\"modifiedon\" Type=\"Edm.DateTimeOffset\" />");
            xml.AppendLine("        <Property Name=\"code\" Type=\"Edm.String\" MaxLength=\"20\" />");
            if (i > 0)
            {
                var target = EntityName(i - 1);
                xml.Append("        <Property Name=\"_parent_value\" Type=\"Edm.Guid\" />").AppendLine();
                xml.Append("        <NavigationProperty Name=\"parent\" Type=\"bench.").Append(target).AppendLine("\">");
                xml.Append("          <ReferentialConstraint Property=\"_parent_value\" ReferencedProperty=\"").Append(target).AppendLine("id\" />");
                xml.AppendLine("        </NavigationProperty>");
            }

            xml.AppendLine("      </EntityType>");
        }

        xml.AppendLine("      <EntityContainer Name=\"System\">");
        for (var i = 0; i < entities; i++)
        {
            var name = EntityName(i);
            xml.Append("        <EntitySet Name=\"").Append(name).Append("s\" EntityType=\"bench.").Append(name).AppendLine("\" />");
        }

        xml.AppendLine("      </EntityContainer>");
        xml.AppendLine("    </Schema>");
        xml.AppendLine("  </edmx:DataServices>");
        xml.AppendLine("</edmx:Edmx>");
        return xml.ToString();
    }

    public static string SmartSyncXml(int profiles, int entities)
    {
        string[] actions = ["DownSync", "UpSync", "UpDownSync"];
        string[] modules = ["NoEntityImages NoAttachments", "OnlyCoreModules", "NoDocuments", "NoExchange NoSyncShared", ""];
        var xml = new StringBuilder(profiles * 600);
        xml.AppendLine("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        xml.AppendLine("<SmartSyncSetup>");
        for (var i = 0; i < profiles; i++)
        {
            var action = actions[i % actions.Length];
            var excluded = action == "UpSync" ? "OnlyCoreModules" : modules[i % modules.Length];
            xml.Append("  <SmartSync Name=\"").Append(ProfileName(i)).Append("\" SyncAction=\"").Append(action).Append('"');
            if (excluded.Length > 0)
            {
                xml.Append(" ExcludedModules=\"").Append(excluded).Append('"');
            }

            xml.AppendLine(">");
            xml.Append("    <Description>benchmark profile ").Append(i.ToString(CultureInfo.InvariantCulture)).AppendLine("</Description>");
            xml.AppendLine("    <Entities>");
            for (var e = 0; e < 3; e++)
            {
                var entity = EntityName((i * 7 + e * 131) % entities);
                xml.Append("      <Entity Name=\"").Append(entity).Append('"');
                if (e == 0 && i % 4 == 0)
                {
                    xml.Append(" WithRelated=\"true\"");
                }

                xml.AppendLine(" />");
            }

            xml.AppendLine("    </Entities>");
            xml.AppendLine("  </SmartSync>");
            if (i % 2 == 0)
            {
                xml.Append("  <Trigger Launch=\"").Append(ProfileName(i)).Append("\" Delay=\"").Append((300 + i).ToString(CultureInfo.InvariantCulture)).AppendLine("\" Action=\"PeriodicSync\" />");
            }
        }

        xml.AppendLine("</SmartSyncSetup>");
        return xml.ToString();
    }
}
