namespace SmartSync.Server.Storage;

/// <summary>A signed-in user as the endpoints see them.</summary>
internal sealed record UserAccount(string Id, string Name, string Token);
