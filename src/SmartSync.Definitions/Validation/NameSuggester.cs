using System;
using System.Collections.Generic;

namespace SmartSync.Definitions.Validation;

/// <summary>Finds the known name closest to a misspelt one (Levenshtein distance, case-insensitive).</summary>
internal static class NameSuggester
{
    /// <summary>The closest candidate, or null when none is close enough to be a likely typo.</summary>
    public static string? Closest(string name, IEnumerable<string> candidates)
    {
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        // Long values (hostile input) cannot be typos of short names; avoid quadratic work on them.
        if (name.Length > 200)
        {
            return null;
        }

        var maxDistance = Math.Max(2, name.Length / 3);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            if (candidate.Length > 200 || Math.Abs(candidate.Length - name.Length) > maxDistance)
            {
                continue;
            }

            var distance = Distance(name.ToUpperInvariant(), candidate.ToUpperInvariant());
            if (distance <= maxDistance && (distance < bestDistance || (distance == bestDistance && string.CompareOrdinal(candidate, best) < 0)))
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }

    /// <summary>"; did you mean 'x'?" or an empty string, for message suffixes.</summary>
    public static string Hint(string name, IEnumerable<string> candidates)
    {
        var closest = Closest(name, candidates);
        return closest is null ? string.Empty : $"; did you mean '{closest}'?";
    }

    internal static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
