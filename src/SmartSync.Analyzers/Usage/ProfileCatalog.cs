using System;
using System.Collections.Generic;
using System.Linq;
using SmartSync.Analyzers.Inputs;

namespace SmartSync.Analyzers.Usage;

/// <summary>
/// The profile names SmartSync.xml declares, for checking strings in C#. <see cref="Declared"/> holds every
/// name written (even of a profile with errors, which SS00xx already reports in the XML);
/// <see cref="Generated"/> the valid ones, which get a typed <c>Profiles.X</c> property.
/// </summary>
internal sealed class ProfileCatalog
{
    private ProfileCatalog(Dictionary<string, string> declared, Dictionary<string, string> generated)
    {
        Declared = declared;
        Generated = generated;
    }

    /// <summary>Case-insensitive name -> name as written.</summary>
    public IReadOnlyDictionary<string, string> Declared { get; }

    /// <summary>Case-insensitive name -> name of a valid, generated profile.</summary>
    public IReadOnlyDictionary<string, string> Generated { get; }

    /// <summary>The catalog, or null when no SmartSync.xml could be read (then nothing can be said about names).</summary>
    public static ProfileCatalog? Create(SmartSyncInputs inputs)
    {
        var declared = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var generated = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var anyLoaded = false;
        foreach (var file in inputs.ProfileFiles)
        {
            var set = inputs.DefinitionsOf(file);
            if (set is null || !set.Syntax.IsLoaded)
            {
                continue;
            }

            anyLoaded = true;
            foreach (var name in set.Syntax.Profiles.Select(p => p.Name?.Value.Trim()).Where(n => !string.IsNullOrEmpty(n)))
            {
                if (!declared.ContainsKey(name!))
                {
                    declared.Add(name!, name!);
                }
            }

            // Only the first SmartSync.xml is compiled into Profiles (as the generator does).
            foreach (var profile in ReferenceEquals(file, inputs.ProfileFiles[0]) ? set.Profiles : default)
            {
                if (!generated.ContainsKey(profile.Name))
                {
                    generated.Add(profile.Name, profile.Name);
                }
            }
        }

        return anyLoaded ? new ProfileCatalog(declared, generated) : null;
    }
}
