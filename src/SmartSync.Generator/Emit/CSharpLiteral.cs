using System;
using System.Globalization;
using System.Text;

namespace SmartSync.Generator.Emit;

/// <summary>C# literals for values from the definitions, safe for any input text.</summary>
internal static class CSharpLiteral
{
    public static string Bool(bool value) => value ? "true" : "false";

    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string StringOrNull(string? value) => value is null ? "null" : String(value);

    /// <summary>A regular string literal; everything outside printable ASCII is a \u escape, so the file stays ASCII and no character can end a line.</summary>
    public static string String(string value)
    {
        var builder = new StringBuilder(value.Length + 2);
        builder.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\r': builder.Append("\\r"); break;
                case '\n': builder.Append("\\n"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (c < 0x20 || c > 0x7E)
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append('"');
        return builder.ToString();
    }

    /// <summary>An enum member access, or a cast of its number when the value is not a single defined member.</summary>
    public static string Enum<TEnum>(TEnum value)
        where TEnum : struct, System.Enum
    {
        var typeName = "global::" + typeof(TEnum).FullName;
        return System.Enum.IsDefined(typeof(TEnum), value)
            ? typeName + "." + value
            : "(" + typeName + ")" + Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
    }
}
