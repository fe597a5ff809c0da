using System;
using System.Collections.Immutable;
using System.Linq;

namespace SmartSync.Generator.Inputs;

/// <summary>The SmartSync.xml the generator compiles: the first by ordinal path when there are several.</summary>
internal sealed record ProfilesSource(string Path, string Text)
{
    public static ProfilesSource? From(ImmutableArray<InputFile> files)
    {
        var first = files.OrderBy(f => f.Path, StringComparer.Ordinal).FirstOrDefault();
        return first is null ? null : new ProfilesSource(first.Path, first.Text);
    }
}
