using System;
using System.Collections.Generic;
using System.Globalization;
using SmartSync.Definitions.DataModel;

namespace SmartSync.Benchmarks.Replay;

/// <summary>
/// Already-parsed task records, in <see cref="EntityTypeDefinition.Properties"/> order and in the value types the
/// transport produces (string, long, double, bool): what the apply path receives after JSON parsing.
/// </summary>
public sealed class PrebuiltRecords
{
    private static readonly string[] Words = ["Contoso", "Fabrikam", "Northwind", "Adventure", "Litware", "Tailspin", "Proseware", "Woodgrove"];

    private PrebuiltRecords(EntityTypeDefinition entity, int keyOrdinal, string[] keys, string[] etags, object?[][] values)
    {
        Entity = entity;
        KeyOrdinal = keyOrdinal;
        Keys = keys;
        ETags = etags;
        Values = values;
    }

    public EntityTypeDefinition Entity { get; }

    public int KeyOrdinal { get; }

    public string[] Keys { get; }

    public string[] ETags { get; }

    public object?[][] Values { get; }

    public int Count => Keys.Length;

    public static PrebuiltRecords Create(EntityTypeDefinition entity, int count, int seed = 42)
    {
        var random = new Random(seed);
        var properties = entity.Properties;
        var keyOrdinal = -1;
        for (var i = 0; i < properties.Count; i++)
        {
            if (properties[i].Name == entity.Key)
            {
                keyOrdinal = i;
            }
        }

        var keys = new string[count];
        var etags = new string[count];
        var values = new object?[count][];

        // A few hundred distinct texts and dates, as real data repeats itself; keys and subjects stay unique.
        var descriptions = new string[256];
        var dates = new string[256];
        for (var i = 0; i < descriptions.Length; i++)
        {
            descriptions[i] = $"{Words[i % Words.Length]} notes {i}: follow up with the customer about the next steps.";
            dates[i] = new DateTimeOffset(2024, 1, 1, 8, 0, 0, TimeSpan.Zero).AddMinutes(random.Next(0, 1_000_000)).ToString("O", CultureInfo.InvariantCulture);
        }

        var owner = new Guid(1, 0, 0x4000, 1, 2, 3, 4, 5, 6, 7, 8).ToString("D");
        for (var row = 0; row < count; row++)
        {
            var record = new object?[properties.Count];
            keys[row] = new Guid(row + 1, 7, 0x4000, 0x8a, 0x5e, 0, 42, 0x53, 0x59, 0x4e, 0x43).ToString("D");
            etags[row] = "W/\"" + (row + 1).ToString(CultureInfo.InvariantCulture) + "\"";
            for (var i = 0; i < properties.Count; i++)
            {
                var property = properties[i];
                record[i] = i == keyOrdinal ? keys[row] : ValueFor(property, row, random, descriptions, dates, owner);
            }

            values[row] = record;
        }

        return new PrebuiltRecords(entity, keyOrdinal, keys, etags, values);
    }

    private static object? ValueFor(PropertyDefinition property, int row, Random random, string[] descriptions, string[] dates, string owner) => property.EdmType switch
    {
        "Edm.Int32" or "Edm.Int64" or "Edm.Int16" => (long)random.Next(0, 100),
        "Edm.Double" => Math.Round(random.NextDouble() * 1000, 3),
        "Edm.Boolean" => random.Next(2) == 1,
        "Edm.DateTimeOffset" => dates[random.Next(dates.Length)],
        "Edm.Guid" => property.Name.Contains("owner", StringComparison.Ordinal) ? owner : (random.Next(4) == 0 ? null : new Guid(random.Next(), 3, 0x4000, 1, 2, 3, 4, 5, 6, 7, 8).ToString("D")),
        _ => property.Name == "description" ? descriptions[random.Next(descriptions.Length)] : $"{Words[row % Words.Length]} {property.Name} {row.ToString(CultureInfo.InvariantCulture)}",
    };
}
