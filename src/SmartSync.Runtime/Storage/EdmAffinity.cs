using System;
using System.Globalization;
using SmartSync.Definitions.DataModel;

namespace SmartSync.Storage;

/// <summary>Normalises app-supplied and stored values to the types the transport uses.</summary>
internal static class EdmAffinity
{
    public static bool IsBoolean(string edmType) => EdmTypes.KindOf(edmType) == EdmValueKind.Boolean;

    /// <summary>
    /// Brings an app-supplied value to the types the transport and the store use:
    /// string, long, double, bool, byte[] or null.
    /// </summary>
    public static object? Normalize(object? value) => value switch
    {
        null => null,
        DBNull => null,
        string or long or double or bool or byte[] => value,
        int i => (long)i,
        short s => (long)s,
        byte b => (long)b,
        uint u => (long)u,
        float f => (double)f,
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        Guid g => g.ToString("D"),
        DateTimeOffset dto => dto.ToString("O", CultureInfo.InvariantCulture),
        DateTime dt => new DateTimeOffset(dt.ToUniversalTime()).ToString("O", CultureInfo.InvariantCulture),
        _ => throw new ArgumentException($"Values of type {value.GetType().Name} cannot be stored."),
    };

    /// <summary>Reads a stored value back into the transport's types.</summary>
    public static object? FromStored(object? stored, string edmType)
    {
        if (stored is null or DBNull)
        {
            return null;
        }

        if (IsBoolean(edmType) && stored is long l)
        {
            return l != 0;
        }

        return stored;
    }
}
