using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace SmartSync.Testing.DataverseModels;

/// <summary>
/// Writes a Dataverse-shaped <c>$metadata</c> from <see cref="DataverseModelOptions"/>, reproducibly from its seed:
/// one aliased schema (optionally a second), the abstract keyless <c>crmbaseentity</c>, <c>expando</c>, the abstract
/// keyed <c>principal</c> with systemuser and team, activity tables inheriting <c>activityid</c> from activitypointer,
/// keys without <c>Nullable</c>, lookups as <c>_x_value</c> columns plus navigations with ReferentialConstraint and
/// Partner, collection-valued partners, complex and enum types, type definitions, functions, actions, a term,
/// annotations, imports and navigation property bindings. Shared by the oracle tests, the end-to-end tests and the
/// IDE-speed benchmark.
/// </summary>
internal static class DataverseCsdlGenerator
{
    public const string Namespace = "Microsoft.Dynamics.CRM";
    public const string TypesNamespace = "Microsoft.Dynamics.CRM.Types";

    private static readonly string[] StorableTypes =
    [
        "Edm.String", "Edm.String", "Edm.String", "Edm.String", "Edm.Int32", "Edm.Int32", "Edm.Decimal", "Edm.Boolean",
        "Edm.DateTimeOffset", "Edm.DateTimeOffset", "Edm.Guid", "Edm.Double", "Edm.Int64", "Edm.Date", "Edm.Binary",
        "Edm.Int16", "Edm.Byte", "Edm.SByte", "Edm.Single", "Edm.TimeOfDay", "Edm.Duration",
    ];

    private static readonly string[] UnstorablePrimitives = ["Edm.Stream", "Edm.GeographyPoint", "Edm.GeometryLineString", "Collection(Edm.String)"];

    /// <summary>The logical names of the generated custom tables, in document order.</summary>
    public static IReadOnlyList<string> CustomTableNames(DataverseModelOptions options)
    {
        var names = new List<string>();
        for (var i = 0; i < options.Tables; i++)
        {
            names.Add(TableName(i));
        }

        for (var i = 0; i < options.ActivityTables; i++)
        {
            names.Add(ActivityName(i));
        }

        return names;
    }

    public static string TableName(int index) => "new_table" + index.ToString(CultureInfo.InvariantCulture);

    public static string ActivityName(int index) => "new_activity" + index.ToString(CultureInfo.InvariantCulture);

    public static string Generate(DataverseModelOptions options)
    {
        var random = new Random(options.Seed);
        var p = options.UseAlias ? "mscrm" : Namespace;
        var t = options.SecondSchema ? (options.UseAlias ? "mstypes" : TypesNamespace) : p;
        var complexNames = new List<string>();
        for (var i = 0; i < options.ComplexTypes; i++)
        {
            complexNames.Add("new_complex" + i.ToString(CultureInfo.InvariantCulture));
        }

        var enumNames = new List<string>();
        for (var i = 0; i < options.EnumTypes; i++)
        {
            enumNames.Add("new_enum" + i.ToString(CultureInfo.InvariantCulture));
        }

        // Tables and their members first, so collection-valued partners can be added to the lookup targets.
        var tables = new List<Table>();
        var byName = new Dictionary<string, Table>(StringComparer.Ordinal);
        void Add(Table table)
        {
            table.Base = table.BaseType is null ? null : byName[table.BaseType];
            tables.Add(table);
            byName.Add(table.Name, table);
        }

        Add(new Table("crmbaseentity", null, isAbstract: true, key: null, entitySet: null));
        Add(new Table("expando", "crmbaseentity", isAbstract: false, key: null, entitySet: null) { Open = true });
        Add(new Table("principal", "crmbaseentity", isAbstract: true, key: "ownerid", entitySet: null));
        byName["principal"].Properties.Add(("ownerid", "Edm.Guid", null));
        Add(new Table("systemuser", "principal", false, null, "systemusers"));
        byName["systemuser"].Properties.Add(("systemuserid", "Edm.Guid", null));
        byName["systemuser"].Properties.Add(("fullname", "Edm.String", 200));
        Add(new Table("team", "principal", false, null, "teams"));
        byName["team"].Properties.Add(("teamid", "Edm.Guid", null));
        byName["team"].Properties.Add(("name", "Edm.String", 160));

        // Optional abstract levels between crmbaseentity and the custom tables; the deepest may declare the key.
        var customBase = "crmbaseentity";
        string? sharedKey = null;
        for (var level = 0; level < options.InheritanceDepth; level++)
        {
            var name = "new_baselevel" + level.ToString(CultureInfo.InvariantCulture);
            var declareKey = level == options.InheritanceDepth - 1 && random.Next(2) == 0;
            var table = new Table(name, customBase, isAbstract: true, key: declareKey ? "new_recordid" : null, entitySet: null);
            if (declareKey)
            {
                sharedKey = "new_recordid";
                table.Properties.Add(("new_recordid", "Edm.Guid", null));
            }

            table.Properties.Add(("new_level" + level.ToString(CultureInfo.InvariantCulture) + "note", "Edm.String", 100));
            Add(table);
            customBase = name;
        }

        Add(new Table("account", "crmbaseentity", false, "accountid", "accounts"));
        Add(new Table("contact", "crmbaseentity", false, "contactid", "contacts"));
        Add(new Table("activitypointer", "crmbaseentity", false, "activityid", "activitypointers"));
        Add(new Table("task", "activitypointer", false, null, "tasks"));
        foreach (var (name, key) in new[] { ("account", "accountid"), ("contact", "contactid"), ("activitypointer", "activityid") })
        {
            byName[name].Properties.Add((key, "Edm.Guid", null));
        }

        byName["account"].Properties.Add(("name", "Edm.String", 160));
        byName["account"].Properties.Add(("revenue", "Edm.Decimal", null));
        byName["contact"].Properties.Add(("fullname", "Edm.String", 160));
        byName["activitypointer"].Properties.Add(("subject", "Edm.String", 200));
        byName["activitypointer"].Properties.Add(("scheduledend", "Edm.DateTimeOffset", null));
        byName["task"].Properties.Add(("percentcomplete", "Edm.Int32", null));
        AddLookup(byName["contact"], "parentcustomerid_account", "parentcustomerid", byName["account"], "contact_customer_accounts");
        AddLookup(byName["activitypointer"], "regardingobjectid_account", "regardingobjectid", byName["account"], "account_activitypointers");
        AddLookup(byName["activitypointer"], "ownerid", "ownerid", byName["principal"], partner: null);
        AddLookup(byName["account"], "ownerid", "ownerid", byName["principal"], partner: null);
        AddLookup(byName["account"], "parentaccountid", "parentaccountid", byName["account"], "account_parent_account");

        var activityBase = "activitypointer";
        if (options.InheritanceDepth > 0)
        {
            Add(new Table("new_activitybase", "activitypointer", isAbstract: true, key: null, entitySet: null));
            byName["new_activitybase"].Properties.Add(("new_channel", "Edm.Int32", null));
            activityBase = "new_activitybase";
        }

        var customTables = new List<Table>();
        for (var i = 0; i < options.Tables; i++)
        {
            var name = TableName(i);
            var key = sharedKey is null ? name + "id" : null;
            var table = new Table(name, customBase, false, key, name + "s");
            if (key is not null)
            {
                table.Properties.Add((key, "Edm.Guid", null));
            }

            Add(table);
            customTables.Add(table);
        }

        for (var i = 0; i < options.ActivityTables; i++)
        {
            var name = ActivityName(i);
            Add(new Table(name, activityBase, false, null, name + "s"));
        }

        var lookupTargets = new List<Table> { byName["account"], byName["contact"], byName["systemuser"] };
        lookupTargets.AddRange(customTables);
        foreach (var table in tables)
        {
            var custom = table.Name.StartsWith("new_table", StringComparison.Ordinal) || table.Name.StartsWith("new_activity", StringComparison.Ordinal) && table.Name != "new_activitybase";
            if (!custom)
            {
                continue;
            }

            for (var j = 0; j < options.PropertiesPerTable; j++)
            {
                var column = table.Name + "_f" + j.ToString(CultureInfo.InvariantCulture);
                table.Properties.Add((column, PickType(random, options, p, t, complexNames, enumNames), random.Next(4) == 0 ? 100 + random.Next(900) : null));
            }

            if (table.Name.StartsWith("new_table", StringComparison.Ordinal))
            {
                AddLookup(table, "ownerid", "ownerid", byName["principal"], partner: null);
            }

            for (var j = 0; j < options.LookupsPerTable; j++)
            {
                var target = lookupTargets[random.Next(lookupTargets.Count)];
                var column = table.Name + "_lk" + j.ToString(CultureInfo.InvariantCulture);
                AddLookup(table, column, column, target, table.Name + "_" + column + "_" + target.Name);
            }
        }

        var text = new StringBuilder(Math.Max(4096, (options.Tables + options.ActivityTables) * (options.PropertiesPerTable * 90 + options.LookupsPerTable * 500 + 600)));
        text.Append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
        text.Append("<edmx:Edmx Version=\"4.0\" xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\">\n  <edmx:DataServices>\n");
        text.Append("    <Schema Namespace=\"").Append(Namespace).Append("\" Alias=\"mscrm\" xmlns=\"http://docs.oasis-open.org/odata/ns/edm\">\n");
        foreach (var table in tables)
        {
            WriteTable(text, table, p, options.Annotations);
        }

        if (!options.SecondSchema)
        {
            WriteTypes(text, options, p, complexNames, enumNames);
        }

        WriteOperations(text, options, p, t, complexNames, enumNames);
        text.Append("      <Term Name=\"new_solutionid\" Type=\"Edm.Guid\" AppliesTo=\"EntityType\" />\n");
        text.Append("      <EntityContainer Name=\"System\">\n");
        foreach (var table in tables)
        {
            if (table.EntitySet is null)
            {
                continue;
            }

            text.Append("        <EntitySet Name=\"").Append(table.EntitySet).Append("\" EntityType=\"").Append(Namespace).Append('.').Append(table.Name).Append('"');
            var bindings = new List<(string Path, string Target)>();
            foreach (var lookup in table.Lookups)
            {
                if (lookup.Target.EntitySet is not null)
                {
                    bindings.Add((lookup.Navigation, lookup.Target.EntitySet));
                }
            }

            if (bindings.Count == 0)
            {
                text.Append(" />\n");
                continue;
            }

            text.Append(">\n");
            foreach (var (path, target) in bindings)
            {
                text.Append("          <NavigationPropertyBinding Path=\"").Append(path).Append("\" Target=\"").Append(target).Append("\" />\n");
            }

            text.Append("        </EntitySet>\n");
        }

        for (var i = 0; i < options.Functions; i++)
        {
            if (i % 2 == 0)
            {
                text.Append("        <FunctionImport Name=\"new_Function").Append(i).Append("\" Function=\"").Append(Namespace).Append(".new_Function").Append(i).Append("\" />\n");
            }
        }

        for (var i = 0; i < options.Actions; i++)
        {
            if (i % 2 == 0)
            {
                text.Append("        <ActionImport Name=\"new_Action").Append(i).Append("\" Action=\"").Append(Namespace).Append(".new_Action").Append(i).Append("\" />\n");
            }
        }

        text.Append("      </EntityContainer>\n");
        if (options.Annotations)
        {
            text.Append("      <Annotations Target=\"").Append(p).Append(".account\">\n");
            text.Append("        <Annotation Term=\"Org.OData.Core.V1.Description\" String=\"Business that represents a customer.\" />\n");
            text.Append("      </Annotations>\n");
        }

        text.Append("    </Schema>\n");
        if (options.SecondSchema)
        {
            text.Append("    <Schema Namespace=\"").Append(TypesNamespace).Append("\" Alias=\"mstypes\" xmlns=\"http://docs.oasis-open.org/odata/ns/edm\">\n");
            WriteTypes(text, options, t, complexNames, enumNames);
            text.Append("    </Schema>\n");
        }

        text.Append("  </edmx:DataServices>\n</edmx:Edmx>\n");
        return text.ToString();
    }

    private static void AddLookup(Table source, string navigation, string column, Table target, string? partner)
    {
        var foreignKey = "_" + column + "_value";
        if (!source.Properties.Exists(p => p.Name == foreignKey))
        {
            source.Properties.Add((foreignKey, "Edm.Guid", null));
        }

        source.Lookups.Add(new Lookup(navigation, foreignKey, target, partner));
        if (partner is not null)
        {
            target.Collections.Add((partner, source.Name, navigation));
        }
    }

    private static string PickType(Random random, DataverseModelOptions options, string p, string t, List<string> complexNames, List<string> enumNames)
    {
        var roll = random.Next(100);
        if (options.UnstorableProperties && roll < 4)
        {
            return roll switch
            {
                0 when complexNames.Count > 0 => t + "." + complexNames[random.Next(complexNames.Count)],
                1 when complexNames.Count > 0 => "Collection(" + t + "." + complexNames[random.Next(complexNames.Count)] + ")",
                _ => UnstorablePrimitives[random.Next(UnstorablePrimitives.Length)],
            };
        }

        if (roll < 7 && enumNames.Count > 0)
        {
            return t + "." + enumNames[random.Next(enumNames.Count)];
        }

        if (roll < 9 && options.TypeDefinitions)
        {
            return t + ".new_money";
        }

        return StorableTypes[random.Next(StorableTypes.Length)];
    }

    private static void WriteTable(StringBuilder text, Table table, string p, bool annotations)
    {
        text.Append("      <EntityType Name=\"").Append(table.Name).Append('"');
        if (table.BaseType is not null)
        {
            text.Append(" BaseType=\"").Append(p).Append('.').Append(table.BaseType).Append('"');
        }

        if (table.IsAbstract)
        {
            text.Append(" Abstract=\"true\"");
        }

        if (table.Open)
        {
            text.Append(" OpenType=\"true\"");
        }

        if (table.Key is null && table.Properties.Count == 0 && table.Lookups.Count == 0 && table.Collections.Count == 0)
        {
            text.Append(" />\n");
            return;
        }

        text.Append(">\n");
        if (table.Key is not null)
        {
            text.Append("        <Key>\n          <PropertyRef Name=\"").Append(table.Key).Append("\" />\n        </Key>\n");
        }

        foreach (var (name, type, maxLength) in table.Properties)
        {
            text.Append("        <Property Name=\"").Append(name).Append("\" Type=\"").Append(type).Append('"');
            if (maxLength is { } length && type == "Edm.String")
            {
                text.Append(" MaxLength=\"").Append(length).Append('"');
            }

            if (annotations && type == "Edm.String")
            {
                text.Append(">\n          <Annotation Term=\"Org.OData.Core.V1.Description\" String=\"Text column ").Append(name).Append(" of ").Append(table.Name).Append(".\" />\n        </Property>\n");
            }
            else
            {
                text.Append(" />\n");
            }
        }

        foreach (var lookup in table.Lookups)
        {
            text.Append("        <NavigationProperty Name=\"").Append(lookup.Navigation).Append("\" Type=\"").Append(p).Append('.').Append(lookup.Target.Name).Append('"');
            if (lookup.Partner is not null)
            {
                text.Append(" Nullable=\"false\" Partner=\"").Append(lookup.Partner).Append('"');
            }

            var referenced = KeyOf(lookup.Target);
            text.Append(">\n          <ReferentialConstraint Property=\"").Append(lookup.ForeignKey).Append("\" ReferencedProperty=\"").Append(referenced).Append("\" />\n        </NavigationProperty>\n");
        }

        foreach (var (name, source, partner) in table.Collections)
        {
            text.Append("        <NavigationProperty Name=\"").Append(name).Append("\" Type=\"Collection(").Append(p).Append('.').Append(source).Append(")\" Partner=\"").Append(partner).Append("\" />\n");
        }

        if (annotations)
        {
            text.Append("        <Annotation Term=\"Org.OData.Core.V1.Description\" String=\"The ").Append(table.Name).Append(" table.\" />\n");
        }

        text.Append("      </EntityType>\n");
    }

    private static string KeyOf(Table table)
    {
        for (var current = table; current is not null; current = current.Base)
        {
            if (current.Key is not null)
            {
                return current.Key;
            }
        }

        return "id";
    }

    private static void WriteTypes(StringBuilder text, DataverseModelOptions options, string t, List<string> complexNames, List<string> enumNames)
    {
        foreach (var name in complexNames)
        {
            text.Append("      <ComplexType Name=\"").Append(name).Append("\">\n");
            text.Append("        <Property Name=\"Label\" Type=\"Edm.String\" />\n");
            text.Append("        <Property Name=\"LanguageCode\" Type=\"Edm.Int32\" Nullable=\"false\" />\n");
            text.Append("        <Property Name=\"Tags\" Type=\"Collection(Edm.String)\" />\n");
            text.Append("      </ComplexType>\n");
        }

        foreach (var name in enumNames)
        {
            text.Append("      <EnumType Name=\"").Append(name).Append("\" IsFlags=\"true\">\n");
            text.Append("        <Member Name=\"None\" Value=\"0\" />\n        <Member Name=\"Read\" Value=\"1\" />\n        <Member Name=\"Write\" Value=\"2\" />\n");
            text.Append("      </EnumType>\n");
        }

        if (options.TypeDefinitions)
        {
            text.Append("      <TypeDefinition Name=\"new_money\" UnderlyingType=\"Edm.Decimal\" />\n");
        }
    }

    private static void WriteOperations(StringBuilder text, DataverseModelOptions options, string p, string t, List<string> complexNames, List<string> enumNames)
    {
        for (var i = 0; i < options.Functions; i++)
        {
            var bound = i % 2 == 1;
            text.Append("      <Function Name=\"new_Function").Append(i).Append('"').Append(bound ? " IsBound=\"true\"" : string.Empty).Append(">\n");
            if (bound)
            {
                text.Append("        <Parameter Name=\"entity\" Type=\"").Append(p).Append(".account\" Nullable=\"false\" />\n");
            }

            text.Append("        <Parameter Name=\"Target\" Type=\"").Append(p).Append(".crmbaseentity\" />\n");
            var returns = complexNames.Count > 0 ? t + "." + complexNames[i % complexNames.Count] : enumNames.Count > 0 ? t + "." + enumNames[0] : "Edm.String";
            text.Append("        <ReturnType Type=\"").Append(returns).Append("\" Nullable=\"false\" />\n      </Function>\n");
        }

        for (var i = 0; i < options.Actions; i++)
        {
            text.Append("      <Action Name=\"new_Action").Append(i).Append("\">\n");
            text.Append("        <Parameter Name=\"Status\" Type=\"Edm.Int32\" Nullable=\"false\" />\n");
            text.Append("        <Parameter Name=\"Records\" Type=\"Collection(").Append(p).Append(".crmbaseentity)\" />\n      </Action>\n");
        }
    }

    private sealed class Table(string name, string? baseType, bool isAbstract, string? key, string? entitySet)
    {
        public string Name { get; } = name;

        public string? BaseType { get; } = baseType;

        public Table? Base { get; set; }

        public bool IsAbstract { get; } = isAbstract;

        public bool Open { get; init; }

        public string? Key { get; } = key;

        public string? EntitySet { get; } = entitySet;

        public List<(string Name, string Type, int? MaxLength)> Properties { get; } = [];

        public List<Lookup> Lookups { get; } = [];

        public List<(string Name, string Source, string Partner)> Collections { get; } = [];
    }

    private sealed record Lookup(string Navigation, string ForeignKey, Table Target, string? Partner);
}
