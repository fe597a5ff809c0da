using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Xml.Linq;
using SmartSync.Definitions.Diagnostics;
using SmartSync.Definitions.Syntax;
using SmartSync.Definitions.Text;
using SmartSync.Definitions.Validation;
using static SmartSync.Definitions.Parsing.SmartSyncVocabulary;

namespace SmartSync.Definitions.Parsing;

/// <summary>
/// Reads SmartSync.xml into located syntax (docs/smartsync-xml.md) and reports structural problems:
/// SS0001 malformed XML, SS0002 wrong root, SS0003 unknown names, SS0004 missing attributes,
/// SS0005 invalid values. Never throws on bad input.
/// </summary>
internal sealed class SmartSyncXmlParser
{
    private readonly string _filePath;
    private readonly List<DefinitionDiagnostic> _diagnostics = [];
    private XmlSource _source = null!;
    private bool _currentHasErrors;

    private SmartSyncXmlParser(string filePath) => _filePath = filePath;

    public static (SmartSyncDocumentSyntax Document, IReadOnlyList<DefinitionDiagnostic> Diagnostics) Parse(string text, string filePath)
    {
        var parser = new SmartSyncXmlParser(filePath);
        var document = parser.ParseDocument(text ?? string.Empty);
        return (document, parser._diagnostics);
    }

    private SmartSyncDocumentSyntax ParseDocument(string text)
    {
        if (!XmlSource.TryLoad(text, out var source, out var error, out var errorRange))
        {
            Report(DiagnosticRules.MalformedXml, errorRange, error);
            return new SmartSyncDocumentSyntax { FilePath = _filePath, IsLoaded = false };
        }

        _source = source!;
        var root = _source.Root;
        var rootRange = _source.NameRange(root);
        if (root.Name.LocalName != Root)
        {
            Report(DiagnosticRules.WrongRoot, rootRange, root.Name.LocalName);
            return new SmartSyncDocumentSyntax { FilePath = _filePath, RootRange = rootRange, IsLoaded = false };
        }

        CheckAttributes(root, []);
        var profiles = new List<ProfileSyntax>();
        var triggers = new List<TriggerSyntax>();
        List<EntitySyntax>? globalExclusions = null;
        List<EntitySyntax>? appEntities = null;
        foreach (var child in root.Elements())
        {
            switch (child.Name.LocalName)
            {
                case Profile:
                    profiles.Add(ParseProfile(child));
                    break;
                case Trigger:
                    triggers.Add(ParseTrigger(child));
                    break;
                case GlobalExclusions when globalExclusions is null:
                    globalExclusions = ParseEntityList(child, GlobalExclusions);
                    break;
                case GlobalExclusions:
                    ReportUnknownElement(child, Root, "; only one <GlobalExclusions> is allowed");
                    break;
                case AppEntities when appEntities is null:
                    appEntities = ParseEntityList(child, AppEntities);
                    break;
                case AppEntities:
                    ReportUnknownElement(child, Root, "; only one <AppEntities> is allowed");
                    break;
                default:
                    ReportUnknownElement(child, Root, NameSuggester.Hint(child.Name.LocalName, RootChildren));
                    break;
            }
        }

        return new SmartSyncDocumentSyntax
        {
            FilePath = _filePath,
            RootRange = rootRange,
            IsLoaded = true,
            Profiles = profiles,
            Triggers = triggers,
            GlobalExclusions = globalExclusions,
            AppEntities = appEntities,
        };
    }

    private ProfileSyntax ParseProfile(XElement element)
    {
        _currentHasErrors = false;
        var attributes = CheckAttributes(element, ProfileAttributes);
        var name = Required(element, attributes, "Name");
        var action = ParseEnum(attributes, "SyncAction", SyncAction.UpDownSync, out var actionAttribute);
        var method = ParseEnum(attributes, "SyncMethod", SyncMethod.Default, out var methodAttribute);
        var useGlobal = ParseBoolean(attributes, "GlobalExclusions", true, out _);
        var useAuto = ParseBoolean(attributes, "AutoExclusions", true, out _);
        var (modules, tokens, modulesAttribute) = ParseModules(element, attributes);

        string? description = null;
        var mode = EntitiesMode.Include;
        var entitiesRange = _source.NameRange(element);
        var entities = new List<EntitySyntax>();
        var sawEntities = false;
        foreach (var child in element.Elements())
        {
            switch (child.Name.LocalName)
            {
                case Description when description is null:
                    CheckAttributes(child, []);
                    description = NormalizeWhitespace(child.Value);
                    break;
                case Entities when !sawEntities:
                    sawEntities = true;
                    entitiesRange = _source.NameRange(child);
                    var entitiesAttributes = CheckAttributes(child, EntitiesAttributes);
                    mode = ParseEnum(entitiesAttributes, "Mode", EntitiesMode.Include, out _);
                    foreach (var entityElement in child.Elements())
                    {
                        if (entityElement.Name.LocalName == Entity)
                        {
                            entities.Add(ParseEntity(entityElement, EntityAttributes));
                        }
                        else
                        {
                            ReportUnknownElement(entityElement, Entities, NameSuggester.Hint(entityElement.Name.LocalName, [Entity]));
                        }
                    }

                    break;
                case Description or Entities:
                    ReportUnknownElement(child, Profile, $"; only one <{child.Name.LocalName}> is allowed");
                    break;
                default:
                    ReportUnknownElement(child, Profile, NameSuggester.Hint(child.Name.LocalName, ProfileChildren));
                    break;
            }
        }

        return new ProfileSyntax
        {
            ElementRange = _source.NameRange(element),
            Name = name,
            Action = action,
            ActionAttribute = actionAttribute,
            Method = method,
            MethodAttribute = methodAttribute,
            UseGlobalExclusions = useGlobal,
            UseAutoExclusions = useAuto,
            ExcludedModules = modules,
            ExcludedModulesAttribute = modulesAttribute,
            ModuleTokens = tokens,
            Description = string.IsNullOrEmpty(description) ? null : description,
            Mode = mode,
            EntitiesRange = entitiesRange,
            Entities = entities,
            HasErrors = _currentHasErrors || entities.Any(e => e.HasErrors),
        };
    }

    private EntitySyntax ParseEntity(XElement element, string[] allowedAttributes)
    {
        var outerHasErrors = _currentHasErrors;
        _currentHasErrors = false;
        var attributes = CheckAttributes(element, allowedAttributes);
        var name = Required(element, attributes, "Name");
        var withRelated = ParseBoolean(attributes, "WithRelated", false, out var withRelatedAttribute);
        var deep = ParseBoolean(attributes, "Deep", false, out var deepAttribute);
        var entity = new EntitySyntax
        {
            ElementRange = _source.NameRange(element),
            Name = name,
            WithRelated = withRelated,
            WithRelatedAttribute = withRelatedAttribute,
            Deep = deep,
            DeepAttribute = deepAttribute,
            HasErrors = _currentHasErrors,
        };
        _currentHasErrors = outerHasErrors;
        return entity;
    }

    private TriggerSyntax ParseTrigger(XElement element)
    {
        _currentHasErrors = false;
        var attributes = CheckAttributes(element, TriggerAttributes);
        foreach (var child in element.Elements())
        {
            ReportUnknownElement(child, Trigger, string.Empty);
        }

        var launch = Required(element, attributes, "Launch");
        var actionText = Required(element, attributes, "Action");
        TriggerAction? action = null;
        if (actionText is not null)
        {
            if (TryParseEnum<TriggerAction>(actionText.Value, out var parsed))
            {
                action = parsed;
            }
            else
            {
                ReportInvalidValue(actionText, "Action", Enum.GetNames(typeof(TriggerAction)));
            }
        }

        var delay = 0;
        attributes.TryGetValue("Delay", out var delayAttribute);
        if (delayAttribute is not null)
        {
            if (!int.TryParse(delayAttribute.Value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out delay))
            {
                ReportInvalidValue(delayAttribute, "Delay", "a whole number of seconds, 0 or more");
                delay = 0;
            }
        }
        else if (action == TriggerAction.PeriodicSync)
        {
            Report(DiagnosticRules.MissingAttribute, _source.NameRange(element), "Trigger Action=\"PeriodicSync\"", "Delay");
        }

        attributes.TryGetValue("Entity", out var entity);
        return new TriggerSyntax
        {
            ElementRange = _source.NameRange(element),
            Launch = launch,
            Action = action,
            ActionAttribute = actionText,
            DelaySeconds = delay,
            DelayAttribute = delayAttribute,
            Entity = entity,
            HasErrors = _currentHasErrors,
        };
    }

    /// <summary>A list of <c>&lt;Entity Name="…"/&gt;</c> children: <c>&lt;GlobalExclusions&gt;</c> or <c>&lt;AppEntities&gt;</c>.</summary>
    private List<EntitySyntax> ParseEntityList(XElement element, string listName)
    {
        CheckAttributes(element, []);
        var result = new List<EntitySyntax>();
        foreach (var child in element.Elements())
        {
            if (child.Name.LocalName == Entity)
            {
                _currentHasErrors = false;
                result.Add(ParseEntity(child, ExcludedEntityAttributes));
            }
            else
            {
                ReportUnknownElement(child, listName, NameSuggester.Hint(child.Name.LocalName, [Entity]));
            }
        }

        return result;
    }

    private (SyncModules Modules, List<ModuleTokenSyntax> Tokens, AttributeSyntax? Attribute) ParseModules(
        XElement element, Dictionary<string, AttributeSyntax> attributes)
    {
        var tokens = new List<ModuleTokenSyntax>();
        if (!attributes.TryGetValue("ExcludedModules", out var attribute))
        {
            return (SyncModules.None, tokens, null);
        }

        var value = attribute.Value;
        var modules = SyncModules.None;
        var xmlAttribute = element.Attribute("ExcludedModules")!;
        var i = 0;
        while (i < value.Length)
        {
            while (i < value.Length && IsSeparator(value[i]))
            {
                i++;
            }

            var start = i;
            while (i < value.Length && !IsSeparator(value[i]))
            {
                i++;
            }

            if (i == start)
            {
                break;
            }

            var text = value.Substring(start, i - start);
            var range = _source.ValueSubRange(xmlAttribute, start, i - start);
            if (ModuleFlags.TryGetValue(text, out var flag))
            {
                modules |= flag;
                tokens.Add(new ModuleTokenSyntax(flag, text, range));
            }
            else
            {
                var hint = NameSuggester.Closest(text, ModuleFlags.Keys);
                var allowed = string.Join(", ", ModuleFlags.Keys) + (hint is null ? string.Empty : $" (did you mean '{hint}'?)");
                Report(DiagnosticRules.InvalidValue, range, text, "ExcludedModules", allowed);
            }
        }

        return (modules, tokens, attribute);

        static bool IsSeparator(char c) => c == ',' || char.IsWhiteSpace(c);
    }

    private Dictionary<string, AttributeSyntax> CheckAttributes(XElement element, string[] allowed)
    {
        var result = new Dictionary<string, AttributeSyntax>(StringComparer.Ordinal);
        foreach (var attribute in element.Attributes())
        {
            // Namespace declarations and namespaced attributes (xsi:schemaLocation) belong to XML tooling.
            if (attribute.IsNamespaceDeclaration || attribute.Name.Namespace != XNamespace.None)
            {
                continue;
            }

            var name = attribute.Name.LocalName;
            if (Array.IndexOf(allowed, name) < 0)
            {
                Report(
                    DiagnosticRules.UnknownElementOrAttribute,
                    _source.NameRange(attribute),
                    "attribute",
                    name,
                    element.Name.LocalName,
                    NameSuggester.Hint(name, allowed));
                continue;
            }

            result[name] = new AttributeSyntax(name, attribute.Value, _source.NameRange(attribute), _source.ValueRange(attribute));
        }

        return result;
    }

    private AttributeSyntax? Required(XElement element, Dictionary<string, AttributeSyntax> attributes, string name)
    {
        if (attributes.TryGetValue(name, out var attribute) && attribute.Value.Trim().Length > 0)
        {
            return attribute;
        }

        if (attribute is not null)
        {
            ReportInvalidValue(attribute, name, "a non-empty value");
            return null;
        }

        Report(DiagnosticRules.MissingAttribute, _source.NameRange(element), element.Name.LocalName, name);
        return null;
    }

    private T ParseEnum<T>(Dictionary<string, AttributeSyntax> attributes, string name, T defaultValue, out AttributeSyntax? attribute)
        where T : struct, Enum
    {
        if (!attributes.TryGetValue(name, out attribute))
        {
            return defaultValue;
        }

        if (TryParseEnum<T>(attribute.Value, out var value))
        {
            return value;
        }

        ReportInvalidValue(attribute, name, Enum.GetNames(typeof(T)));
        return defaultValue;
    }

    private bool ParseBoolean(Dictionary<string, AttributeSyntax> attributes, string name, bool defaultValue, out AttributeSyntax? attribute)
    {
        if (!attributes.TryGetValue(name, out attribute))
        {
            return defaultValue;
        }

        switch (attribute.Value.Trim())
        {
            case "true":
                return true;
            case "false":
                return false;
            default:
                ReportInvalidValue(attribute, name, Booleans);
                return defaultValue;
        }
    }

    private static bool TryParseEnum<T>(string text, out T value)
        where T : struct, Enum
    {
        // Exact, case-sensitive names only (as the XSD allows); numbers are not names.
        var trimmed = text.Trim();
        foreach (var candidate in Enum.GetNames(typeof(T)))
        {
            if (candidate == trimmed)
            {
                value = (T)Enum.Parse(typeof(T), candidate);
                return true;
            }
        }

        value = default;
        return false;
    }

    private void ReportInvalidValue(AttributeSyntax attribute, string name, string[] allowed)
    {
        var hint = NameSuggester.Closest(attribute.Value.Trim(), allowed);
        var list = string.Join(", ", allowed) + (hint is null ? string.Empty : $" (did you mean '{hint}'?)");
        ReportInvalidValue(attribute, name, list);
    }

    private void ReportInvalidValue(AttributeSyntax attribute, string name, string allowed) =>
        Report(DiagnosticRules.InvalidValue, attribute.ValueRange, Truncate(attribute.Value), name, allowed);

    private void ReportUnknownElement(XElement element, string parent, string suffix) =>
        Report(DiagnosticRules.UnknownElementOrAttribute, _source.NameRange(element), "element", Truncate(element.Name.LocalName), parent, suffix);

    private void Report(DiagnosticRule rule, SourceRange range, params string[] arguments)
    {
        if (rule.DefaultSeverity == DefinitionSeverity.Error)
        {
            _currentHasErrors = true;
        }

        _diagnostics.Add(DefinitionDiagnostic.Create(rule, _filePath, range, arguments));
    }

    private static string NormalizeWhitespace(string text)
    {
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>Keeps messages readable when a value is enormous (hostile input).</summary>
    internal static string Truncate(string value) => value.Length <= 80 ? value : value.Substring(0, 77) + "...";
}
