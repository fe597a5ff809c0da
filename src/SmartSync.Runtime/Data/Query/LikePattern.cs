using System.Text;

namespace SmartSync.Data;

/// <summary>LIKE patterns with the argument's own <c>%</c>, <c>_</c> and escape characters made literal (ESCAPE '\').</summary>
internal static class LikePattern
{
    public const char Escape = '\\';

    public static string Prefix(string text) => Literal(text).Append('%').ToString();

    public static string Containing(string text) => Literal(text).Insert(0, '%').Append('%').ToString();

    private static StringBuilder Literal(string text)
    {
        var builder = new StringBuilder(text.Length + 4);
        foreach (var c in text)
        {
            if (c is '%' or '_' or Escape)
            {
                builder.Append(Escape);
            }

            builder.Append(c);
        }

        return builder;
    }
}
