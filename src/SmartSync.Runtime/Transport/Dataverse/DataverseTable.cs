using System;
using System.Collections.Generic;

namespace SmartSync.Transport.Dataverse;

/// <summary>
/// What the transport needs to know of one table beyond the CSDL, from its table definition
/// (<c>EntityDefinitions(LogicalName='…')</c>): whether change tracking is on, and which columns a create or an
/// update may set (system columns such as <c>createdon</c> or <c>versionnumber</c> may not).
/// </summary>
internal sealed class DataverseTable
{
    private readonly HashSet<string> _creatable;
    private readonly HashSet<string> _updatable;

    public DataverseTable(string logicalName, string? entitySetName, string? primaryId, bool changeTracking, IEnumerable<AttributeWire> attributes)
    {
        LogicalName = logicalName;
        EntitySetName = entitySetName;
        PrimaryId = primaryId;
        ChangeTracking = changeTracking;
        _creatable = new HashSet<string>(StringComparer.Ordinal);
        _updatable = new HashSet<string>(StringComparer.Ordinal);
        foreach (var attribute in attributes)
        {
            if (string.IsNullOrEmpty(attribute.LogicalName))
            {
                continue;
            }

            if (attribute.IsValidForCreate == true)
            {
                _creatable.Add(attribute.LogicalName);
            }

            if (attribute.IsValidForUpdate == true)
            {
                _updatable.Add(attribute.LogicalName);
            }
        }
    }

    public string LogicalName { get; }

    public string? EntitySetName { get; }

    public string? PrimaryId { get; }

    public bool ChangeTracking { get; }

    /// <summary>Whether a create (<paramref name="create"/>) or an update may set the column.</summary>
    public bool IsWritable(string attribute, bool create) => create ? _creatable.Contains(attribute) : _updatable.Contains(attribute);
}
