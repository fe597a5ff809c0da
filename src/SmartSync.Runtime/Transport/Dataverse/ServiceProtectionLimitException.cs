namespace SmartSync.Transport.Dataverse;

/// <summary>
/// Dataverse kept answering 429 (service protection limits) after the allowed retries. Not a connection failure:
/// the server is reachable and asked the client to slow down, so the circuit breaker does not count it.
/// </summary>
public sealed class ServiceProtectionLimitException(string message) : SyncTransportException(message);
