namespace SmartSync;

/// <summary>Whether a profile's entity list is a whitelist or a blacklist.</summary>
public enum EntitiesMode
{
    /// <summary>Exactly the listed entities (plus related ones when asked).</summary>
    Include = 0,

    /// <summary>Every entity of the data model except the listed ones.</summary>
    Exclude = 1,
}
