namespace SmartSync.Testing.DataverseModels;

/// <summary>The knobs of a generated Dataverse-shaped <c>$metadata</c> (see <see cref="DataverseCsdlGenerator"/>).</summary>
internal sealed record DataverseModelOptions
{
    /// <summary>Seeds every random choice, so a document is reproduced from its options.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Custom tables besides the fixed core (account, contact, systemuser, team, activitypointer, task).</summary>
    public int Tables { get; init; } = 20;

    /// <summary>Structural properties per custom table, lookup columns excluded.</summary>
    public int PropertiesPerTable { get; init; } = 12;

    /// <summary>Lookups per custom table: an <c>_x_value</c> Guid column plus a navigation with ReferentialConstraint and Partner.</summary>
    public int LookupsPerTable { get; init; } = 3;

    /// <summary>Custom activity tables deriving from activitypointer (the key is inherited).</summary>
    public int ActivityTables { get; init; } = 3;

    /// <summary>Extra abstract levels between crmbaseentity and the custom tables (0 = Dataverse as published).</summary>
    public int InheritanceDepth { get; init; }

    /// <summary>Refer to types by the alias (<c>mscrm.account</c>) or by the full namespace.</summary>
    public bool UseAlias { get; init; } = true;

    /// <summary>Put complex and enum types in a second schema with its own alias.</summary>
    public bool SecondSchema { get; init; }

    public int ComplexTypes { get; init; } = 3;

    public int EnumTypes { get; init; } = 2;

    public int Functions { get; init; } = 5;

    public int Actions { get; init; } = 5;

    /// <summary>Add properties SmartSync skips: streams, geography, collections, complex values.</summary>
    public bool UnstorableProperties { get; init; } = true;

    /// <summary>Add <c>Annotation</c> elements inside properties and types, as Dataverse does for descriptions.</summary>
    public bool Annotations { get; init; } = true;

    /// <summary>Add a <c>TypeDefinition</c> and properties using it.</summary>
    public bool TypeDefinitions { get; init; } = true;
}
