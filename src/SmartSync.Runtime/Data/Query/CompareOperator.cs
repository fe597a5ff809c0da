namespace SmartSync.Data;

/// <summary>The comparisons a filter can make.</summary>
internal enum CompareOperator
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}
