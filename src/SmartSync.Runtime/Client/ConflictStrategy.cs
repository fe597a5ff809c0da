namespace SmartSync;

/// <summary>What happens when an uploaded change meets a server row that changed since the device's version.</summary>
public enum ConflictStrategy
{
    /// <summary>The server's row replaces the local change.</summary>
    ServerWins = 0,

    /// <summary>The local change is uploaded again without If-Match and overwrites the server's row.</summary>
    DeviceWins = 1,

    /// <summary>A sync error is recorded; SmartSync is blocked until it is resolved locally or on the server's dashboard.</summary>
    Manual = 2,
}
