using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using SmartSync.Definitions;
using SmartSync.Definitions.DataModel;
using SmartSync.Definitions.Parsing;

namespace SmartSync.Analyzers.Inputs;

/// <summary>
/// What the shared reader produced, kept across compilations and keyed by the files' <em>content</em> (path plus
/// <see cref="SourceText.GetChecksum"/>), so a C# edit (a new compilation over the same AdditionalFiles) costs a
/// dictionary lookup instead of parsing a 12 MB <c>$metadata</c> again. Bounded by entry count, least recently used
/// out first. One instance per analyzer assembly load (<see cref="Shared"/>): both analyzers read through it, so a
/// file is parsed once for the two. Entries hold no <see cref="Compilation"/>, symbol or source text.
/// </summary>
internal sealed class ParseCache
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Lazy<DataModelReadResult?>> _dataModels = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Lazy<DefinitionSet?>> _definitions = new(StringComparer.Ordinal);
    private readonly List<string> _dataModelOrder = [];
    private readonly List<string> _definitionOrder = [];
    private readonly ConcurrentDictionary<string, int> _dataModelParses = new(StringComparer.Ordinal);
    private readonly int _maxDataModels;
    private readonly int _maxDefinitions;

    public ParseCache(int maxDataModels, int maxDefinitions)
    {
        _maxDataModels = maxDataModels;
        _maxDefinitions = maxDefinitions;
    }

    /// <summary>
    /// The cache the analyzers share: a few data models (a project has one; an IDE session a handful) and the
    /// SmartSync.xml readings against them.
    /// </summary>
    public static ParseCache Shared { get; } = new(maxDataModels: 4, maxDefinitions: 16);

    /// <summary>The content key of a file, or null when it has no text (empty files are not SmartSync inputs).</summary>
    public static string? KeyOf(AdditionalText file, SourceText? text)
    {
        if (text is null || text.Length == 0)
        {
            return null;
        }

        return file.Path + "|" + text.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) + "|" + Hex(text.GetChecksum());
    }

    /// <summary>The data model read from <paramref name="text"/>, parsed only when no reading of the same content is cached.</summary>
    public DataModelReadResult? GetDataModel(string key, string path, SourceText text) =>
        GetOrAdd(_dataModels, _dataModelOrder, _maxDataModels, key, () =>
        {
            _dataModelParses.AddOrUpdate(path, 1, (_, count) => count + 1);
            return CsdlParser.Parse(text.ToString(), path);
        });

    /// <summary>SmartSync.xml read against a data model; <paramref name="key"/> must name both contents.</summary>
    public DefinitionSet? GetDefinitions(string key, string path, SourceText text, DataModelReadResult? dataModel) =>
        GetOrAdd(_definitions, _definitionOrder, _maxDefinitions, key, () => DefinitionReader.Read(text.ToString(), path, dataModel));

    /// <summary>How many times a data model at <paramref name="path"/> was parsed (tests count parses through it).</summary>
    internal int DataModelParsesOf(string path) => _dataModelParses.TryGetValue(path, out var count) ? count : 0;

    private T? GetOrAdd<T>(Dictionary<string, Lazy<T?>> entries, List<string> order, int max, string key, Func<T?> read)
        where T : class
    {
        Lazy<T?> entry;
        lock (_gate)
        {
            if (entries.TryGetValue(key, out var existing))
            {
                entry = existing;
                order.Remove(key);
            }
            else
            {
                // The reading runs outside the lock; concurrent askers for the same key wait on the one Lazy.
                entry = new Lazy<T?>(read, LazyThreadSafetyMode.ExecutionAndPublication);
                entries.Add(key, entry);
                while (order.Count >= max)
                {
                    entries.Remove(order[0]);
                    order.RemoveAt(0);
                }
            }

            order.Add(key);
        }

        return entry.Value;
    }

    private static string Hex(ImmutableArray<byte> bytes)
    {
        var chars = new char[bytes.Length * 2];
        for (var i = 0; i < bytes.Length; i++)
        {
            chars[2 * i] = "0123456789abcdef"[bytes[i] >> 4];
            chars[(2 * i) + 1] = "0123456789abcdef"[bytes[i] & 0xF];
        }

        return new string(chars);
    }
}
