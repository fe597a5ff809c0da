namespace SmartSync.Data;

/// <summary>A binary column (Edm.Binary): it can be read, written and tested for null, not compared.</summary>
/// <typeparam name="TRecord">The record type.</typeparam>
public sealed class BinaryColumn<TRecord> : Column<TRecord>
    where TRecord : class
{
    public BinaryColumn(string name, int ordinal)
        : base(name, ColumnKind.Binary, ordinal)
    {
    }
}
