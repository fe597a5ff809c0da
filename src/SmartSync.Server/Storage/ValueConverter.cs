using System;
using System.Globalization;
using System.Text.Json;
using SmartSync.Definitions.DataModel;

namespace SmartSync.Server.Storage;

/// <summary>Converts JSON values of uploaded records into SQLite values, validating them against the EDM type.</summary>
internal static class ValueConverter
{
    /// <summary>Converts <paramref name="value"/>; returns false with an error text when it does not fit the type.</summary>
    public static bool TryConvert(JsonElement value, EdmValueKind kind, out object? stored, out string? error)
    {
        stored = null;
        error = null;
        if (value.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        switch (kind)
        {
            case EdmValueKind.String when value.ValueKind == JsonValueKind.String:
                stored = value.GetString();
                return true;
            case EdmValueKind.Integer when value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var integer):
                stored = integer;
                return true;
            case EdmValueKind.Double when value.ValueKind == JsonValueKind.Number:
                stored = value.GetDouble();
                return true;
            case EdmValueKind.Decimal when value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number):
                stored = number.ToString(CultureInfo.InvariantCulture);
                return true;
            case EdmValueKind.Decimal when value.ValueKind == JsonValueKind.String
                && decimal.TryParse(value.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed):
                stored = parsed.ToString(CultureInfo.InvariantCulture);
                return true;
            case EdmValueKind.Boolean when value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                stored = value.GetBoolean() ? 1L : 0L;
                return true;
            case EdmValueKind.Guid when value.ValueKind == JsonValueKind.String && Guid.TryParse(value.GetString(), out var guid):
                stored = guid.ToString("D");
                return true;
            case EdmValueKind.DateTimeOffset when value.ValueKind == JsonValueKind.String
                && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var date):
                stored = date.ToString("O", CultureInfo.InvariantCulture);
                return true;
            default:
                error = $"expected {kind} but got {value.ValueKind}";
                return false;
        }
    }

    /// <summary>The canonical form of a key as stored (GUID keys lower-case "D").</summary>
    public static bool TryNormalizeKey(string raw, EdmValueKind kind, out string key)
    {
        var text = raw.Trim();
        if (text.Length >= 2 && text[0] == '\'' && text[^1] == '\'')
        {
            text = text[1..^1].Replace("''", "'", StringComparison.Ordinal);
        }

        if (kind == EdmValueKind.Guid)
        {
            if (Guid.TryParse(text, out var guid))
            {
                key = guid.ToString("D");
                return true;
            }

            key = string.Empty;
            return false;
        }

        key = text;
        return text.Length > 0;
    }

    /// <summary>Whether an uploaded value equals what the row stores (idempotent retries change nothing).</summary>
    public static bool SameValue(object? stored, object? incoming, EdmValueKind kind)
    {
        if (stored is null || stored is DBNull)
        {
            return incoming is null;
        }

        if (incoming is null)
        {
            return false;
        }

        return kind switch
        {
            EdmValueKind.Integer or EdmValueKind.Boolean => Convert.ToInt64(stored, CultureInfo.InvariantCulture) == (long)incoming,
            EdmValueKind.Double => Convert.ToDouble(stored, CultureInfo.InvariantCulture).Equals((double)incoming),
            EdmValueKind.Decimal => decimal.Parse((string)stored, CultureInfo.InvariantCulture) == decimal.Parse((string)incoming, CultureInfo.InvariantCulture),
            EdmValueKind.DateTimeOffset => DateTimeOffset.Parse((string)stored, CultureInfo.InvariantCulture) == DateTimeOffset.Parse((string)incoming, CultureInfo.InvariantCulture),
            _ => string.Equals(Convert.ToString(stored, CultureInfo.InvariantCulture), (string)incoming, StringComparison.Ordinal),
        };
    }
}

/// <summary>Converts values the backend's own code passes (CLR types) into the stored form.</summary>
internal static class ClrValueConverter
{
    public static bool TryConvert(object? value, EdmValueKind kind, out object? stored, out string? error)
    {
        error = null;
        stored = null;
        switch (value)
        {
            case null:
                return true;
            case System.Text.Json.JsonElement element:
                return ValueConverter.TryConvert(element, kind, out stored, out error);
        }

        try
        {
            stored = kind switch
            {
                EdmValueKind.Integer => Convert.ToInt64(value, CultureInfo.InvariantCulture),
                EdmValueKind.Boolean => value is bool flag ? (flag ? 1L : 0L) : Convert.ToInt64(value, CultureInfo.InvariantCulture) != 0 ? 1L : 0L,
                EdmValueKind.Double => Convert.ToDouble(value, CultureInfo.InvariantCulture),
                EdmValueKind.Decimal => Convert.ToDecimal(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
                EdmValueKind.Guid => (value is Guid guid ? guid : Guid.Parse(Convert.ToString(value, CultureInfo.InvariantCulture)!)).ToString("D"),
                EdmValueKind.DateTimeOffset => (value switch
                {
                    DateTimeOffset date => date,
                    DateTime time => new DateTimeOffset(time),
                    _ => DateTimeOffset.Parse(Convert.ToString(value, CultureInfo.InvariantCulture)!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                }).ToString("O", CultureInfo.InvariantCulture),
                _ => Convert.ToString(value, CultureInfo.InvariantCulture),
            };
            return true;
        }
        catch (Exception ex) when (ex is FormatException or InvalidCastException or OverflowException)
        {
            error = $"expected {kind} but got '{value}' ({value.GetType().Name})";
            return false;
        }
    }
}
