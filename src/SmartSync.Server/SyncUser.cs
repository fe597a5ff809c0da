namespace SmartSync.Server;

/// <summary>The caller of a SmartSync endpoint: the user from the app's authentication and the device it syncs.</summary>
/// <param name="UserId">The user id (the configured claim).</param>
/// <param name="Name">The display name.</param>
/// <param name="DeviceId">The device id header; empty when the client sends none (one shared state for the user).</param>
public sealed record SyncUser(string UserId, string Name, string DeviceId);
