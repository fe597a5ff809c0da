using System;

namespace SmartSync.Data;

/// <summary>A typed lookup value: the key of a <typeparamref name="TTarget"/> record (follow it with <c>Records.GetAsync(reference)</c>).</summary>
/// <typeparam name="TTarget">The record type the lookup points to.</typeparam>
/// <param name="Key">The target record's key.</param>
public readonly record struct RecordReference<TTarget>(Guid Key)
    where TTarget : class, IRecord<TTarget>
{
    /// <summary>The table the reference points into.</summary>
    public static RecordTable<TTarget> Target => TTarget.Table;

    public override string ToString() => TTarget.Table.EntityName + "(" + Key.ToString("D") + ")";
}
