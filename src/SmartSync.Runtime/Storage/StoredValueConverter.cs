using System;
using System.Globalization;
using SmartSync.Definitions.DataModel;

namespace SmartSync.Storage;

/// <summary>
/// Converts a value stored under an older data model to the storage form of a column's new kind (a table
/// rebuild after a type change). Conversions that would lose or invent information fail instead.
/// </summary>
internal static class StoredValueConverter
{
    public static bool TryConvert(object? stored, EdmValueKind kind, out object? converted)
    {
        converted = null;
        if (stored is null or DBNull)
        {
            return true;
        }

        switch (kind)
        {
            case EdmValueKind.Integer:
                switch (stored)
                {
                    case long l: converted = l; return true;
                    case double d when Math.Floor(d) == d && d is >= long.MinValue and <= long.MaxValue: converted = (long)d; return true;
                    case string s when long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed): converted = parsed; return true;
                    default: return false;
                }

            case EdmValueKind.Boolean:
                switch (stored)
                {
                    case long l when l is 0 or 1: converted = l; return true;
                    case double d when d is 0 or 1: converted = (long)d; return true;
                    case string s when bool.TryParse(s, out var flag): converted = flag ? 1L : 0L; return true;
                    case string s when s is "0" or "1": converted = s == "1" ? 1L : 0L; return true;
                    default: return false;
                }

            case EdmValueKind.Double:
                switch (stored)
                {
                    case long l: converted = (double)l; return true;
                    case double d: converted = d; return true;
                    case string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed): converted = parsed; return true;
                    default: return false;
                }

            case EdmValueKind.Decimal:
                switch (stored)
                {
                    case long l: converted = l.ToString(CultureInfo.InvariantCulture); return true;
                    case double d when d is > -7.9e28 and < 7.9e28: converted = ((decimal)d).ToString(CultureInfo.InvariantCulture); return true;
                    case string s when decimal.TryParse(s, NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var parsed):
                        converted = parsed.ToString(CultureInfo.InvariantCulture);
                        return true;
                    default: return false;
                }

            case EdmValueKind.Guid:
                if (stored is string g && Guid.TryParse(g, out var guid))
                {
                    converted = guid.ToString("D");
                    return true;
                }

                return false;

            case EdmValueKind.DateTimeOffset:
                if (stored is string t && DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
                {
                    converted = date.ToString("O", CultureInfo.InvariantCulture);
                    return true;
                }

                return false;

            default:
                converted = stored switch
                {
                    string s => s,
                    long l => l.ToString(CultureInfo.InvariantCulture),
                    double d => d.ToString("R", CultureInfo.InvariantCulture),
                    byte[] bytes => Convert.ToBase64String(bytes),
                    _ => Convert.ToString(stored, CultureInfo.InvariantCulture),
                };
                return true;
        }
    }
}
