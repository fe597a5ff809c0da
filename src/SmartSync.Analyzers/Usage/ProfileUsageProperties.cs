namespace SmartSync.Analyzers.Usage;

/// <summary>Keys of the SS0050 diagnostic properties the code fix reads.</summary>
internal static class ProfileUsageProperties
{
    /// <summary>The profile's name as SmartSync.xml spells it (the string may differ in case).</summary>
    public const string ProfileName = "SmartSync.ProfileName";

    /// <summary>Which by-name API was called: <see cref="RunAsync"/> or <see cref="Find"/>.</summary>
    public const string Api = "SmartSync.Api";

    public const string RunAsync = "RunAsync";

    public const string Find = "Find";
}
