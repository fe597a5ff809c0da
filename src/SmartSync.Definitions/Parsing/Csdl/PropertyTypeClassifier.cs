using System;
using System.Collections.Generic;

namespace SmartSync.Definitions.Parsing.Csdl;

/// <summary>
/// Decides, per structural property, whether the runtime can store it in a SQLite column: every Edm
/// primitive a record carries can; streams, collections, complex values, geography/geometry and untyped
/// values cannot and are skipped (SS0042), never failing the model. Type definitions stand for their
/// underlying type; enum values travel as their member names, so they are stored as text.
/// </summary>
internal sealed class PropertyTypeClassifier(RawCsdlDocument document, CsdlNames names)
{
    /// <summary>The primitive types stored as a column; the array's strings are shared by every property.</summary>
    private static readonly Dictionary<string, string> Storable = ToSet(
        "Edm.Binary", "Edm.Boolean", "Edm.Byte", "Edm.Date", "Edm.DateTimeOffset", "Edm.Decimal", "Edm.Double", "Edm.Duration",
        "Edm.Guid", "Edm.Int16", "Edm.Int32", "Edm.Int64", "Edm.SByte", "Edm.Single", "Edm.String", "Edm.TimeOfDay");

    private readonly Dictionary<string, (string Type, string? Reason)> _cache = new(StringComparer.Ordinal);

    /// <summary>
    /// The shared instance of a storable primitive type name as written (<c>Edm.String</c>...), or the text itself. The
    /// reader keeps this one instead of the string the XML reader just allocated, which then dies young instead of
    /// being copied through the GC's generations with the rest of a 100,000-property document.
    /// </summary>
    public static string Share(string written) => Storable.TryGetValue(written, out var shared) ? shared : written;

    /// <summary>The type to record (aliases resolved, type definitions replaced) and, when it cannot be stored, why.</summary>
    public (string Type, string? SkipReason) Classify(string written)
    {
        if (_cache.TryGetValue(written, out var cached))
        {
            return cached;
        }

        var result = ClassifyCore(written, depth: 0);
        _cache[written] = result;
        return result;
    }

    private (string Type, string? SkipReason) ClassifyCore(string written, int depth)
    {
        if (CsdlNames.CollectionElement(written) is { } element)
        {
            var inner = ClassifyCore(element, depth + 1).Type;
            return ("Collection(" + inner + ")", "a collection cannot be stored in a column");
        }

        var qualified = names.Qualify(written);
        if (Storable.TryGetValue(qualified, out var shared))
        {
            return (shared, null);
        }

        if (qualified == "Edm.Stream")
        {
            return (qualified, "a stream is not part of the record");
        }

        if (qualified.StartsWith("Edm.Geography", StringComparison.Ordinal) || qualified.StartsWith("Edm.Geometry", StringComparison.Ordinal))
        {
            return (qualified, "geographic and geometric values are not supported");
        }

        if (qualified.StartsWith("Edm.", StringComparison.Ordinal))
        {
            return (qualified, "the type '" + qualified + "' has no column representation");
        }

        if (document.TypeDefinitions.TryGetValue(qualified, out var underlying) && depth < 8)
        {
            return ClassifyCore(underlying, depth + 1);
        }

        if (document.EnumTypes.Contains(qualified))
        {
            return (qualified, null);
        }

        if (document.ComplexTypes.Contains(qualified))
        {
            return (qualified, "a complex value cannot be stored in a column");
        }

        return (qualified, "the type '" + qualified + "' is not declared in the document");
    }

    private static Dictionary<string, string> ToSet(params string[] values)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            result[value] = value;
        }

        return result;
    }
}
