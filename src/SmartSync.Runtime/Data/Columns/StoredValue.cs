using System;
using System.Globalization;

namespace SmartSync.Data;

/// <summary>
/// The one encoding of typed values into what the local tables hold (the same encoding the sync
/// engine and the untyped API use): invariant-culture text for decimals, GUIDs and dates, so
/// neither the device's culture nor its time zone changes what is stored or matched.
/// </summary>
internal static class StoredValue
{
    public static object From<T>(T value)
        where T : struct => value switch
        {
            int i => (long)i,
            long l => l,
            double d => d,
            decimal m => m.ToString(CultureInfo.InvariantCulture),
            bool b => b ? 1L : 0L,
            Guid g => g.ToString("D"),
            DateTimeOffset dto => dto.ToString("O", CultureInfo.InvariantCulture),
            DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            _ => throw new NotSupportedException($"Values of type {typeof(T).Name} cannot be stored."),
        };

    public static string FromBinary(byte[] value) => Convert.ToBase64String(value);

    /// <summary>Fails early (when generated code builds its columns) if a column's CLR type and kind disagree.</summary>
    public static void EnsureKindMatches<T>(ColumnKind kind)
        where T : struct
    {
        var expected = default(T) switch
        {
            int => ColumnKind.Int32,
            long => ColumnKind.Int64,
            double => ColumnKind.Double,
            decimal => ColumnKind.Decimal,
            bool => ColumnKind.Boolean,
            Guid => ColumnKind.Guid,
            DateTimeOffset => ColumnKind.DateTimeOffset,
            DateOnly => ColumnKind.Date,
            _ => throw new NotSupportedException($"Columns of type {typeof(T).Name} are not supported."),
        };
        // The untyped API hands every integer out as long, also over an Int32 column (Edm.Int16/Int32/Byte/SByte).
        if (expected != kind && !(expected == ColumnKind.Int64 && kind == ColumnKind.Int32))
        {
            throw new ArgumentException($"A column of {typeof(T).Name} values must be of kind {expected}, not {kind}.", nameof(kind));
        }
    }
}
