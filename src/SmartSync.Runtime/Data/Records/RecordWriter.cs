using System;
using System.Globalization;
using SmartSync.Storage;

namespace SmartSync.Data;

/// <summary>
/// Collects a record's values in the store's encoding, column by column, as generated code hands
/// them over (<c>writer.Set(3, record.ScheduledEnd)</c>).
/// </summary>
public sealed class RecordWriter
{
    private readonly object?[] _values;

    internal RecordWriter(int columnCount)
    {
        _values = new object?[columnCount];
    }

    internal object? this[int ordinal] => _values[ordinal];

    internal int Count => _values.Length;

    public void Set(int ordinal, string? value) => _values[ordinal] = value;

    public void Set(int ordinal, int? value) => _values[ordinal] = value is { } v ? (long)v : null;

    public void Set(int ordinal, long? value) => _values[ordinal] = value;

    public void Set(int ordinal, double? value) => _values[ordinal] = value;

    public void Set(int ordinal, decimal? value) => _values[ordinal] = value?.ToString(CultureInfo.InvariantCulture);

    public void Set(int ordinal, bool? value) => _values[ordinal] = value is { } v ? (v ? 1L : 0L) : null;

    public void Set(int ordinal, Guid? value) => _values[ordinal] = value?.ToString("D");

    public void Set(int ordinal, DateTimeOffset? value) => _values[ordinal] = value?.ToString("O", CultureInfo.InvariantCulture);

    public void Set(int ordinal, DateOnly? value) => _values[ordinal] = value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public void Set(int ordinal, byte[]? value) => _values[ordinal] = value is null ? null : Convert.ToBase64String(value);

    public void Set<TTarget>(int ordinal, RecordReference<TTarget>? value)
        where TTarget : class, IRecord<TTarget> => _values[ordinal] = value?.Key.ToString("D");

    /// <summary>An untyped value, normalised as <see cref="LocalRecordStore.UpsertAsync"/> normalises it.</summary>
    internal void SetUntyped(int ordinal, object? value) => _values[ordinal] = EdmAffinity.Normalize(value);
}
