namespace SmartSync.ReferenceServer;

/// <summary>A user of the reference server with the bearer token that signs them in.</summary>
/// <param name="Id">The user's id (the key of their <c>systemuser</c> row).</param>
/// <param name="Name">The user's display name.</param>
/// <param name="Token">The bearer token.</param>
public sealed record SeededUser(string Id, string Name, string Token)
{
    /// <summary>Keeps the token out of logs that print the record.</summary>
    public override string ToString() => $"{Name} ({Id})";
}
