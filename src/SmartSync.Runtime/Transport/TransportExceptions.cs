using System;

namespace SmartSync.Transport;

/// <summary>Base type of the failures a transport reports.</summary>
public abstract class SyncTransportException : Exception
{
    protected SyncTransportException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}

/// <summary>The server answered 401: the user must sign in again.</summary>
public sealed class AuthorizationRequiredException(string message) : SyncTransportException(message);

/// <summary>The server answered 410 Gone: a delta or paging token expired; the entity needs a full download.</summary>
public sealed class SyncTokenExpiredException(string entity, string message) : SyncTransportException(message)
{
    public string Entity { get; } = entity;
}

/// <summary>The server could not be reached, or kept failing after retries (feeds the circuit breaker).</summary>
public sealed class TransportUnavailableException(string message, Exception? inner = null) : SyncTransportException(message, inner);

/// <summary>The server sent something the client refuses: malformed JSON, wrong types, unknown names.</summary>
/// <param name="entity">The entity being read.</param>
/// <param name="position">Where in the payload: a record index or a byte offset, as text.</param>
/// <param name="message">What was wrong.</param>
public sealed class SyncPayloadException(string entity, string position, string message)
    : SyncTransportException($"Invalid payload for '{entity}' at {position}: {message}")
{
    public string Entity { get; } = entity;

    public string Position { get; } = position;
}

/// <summary>
/// The server has no counterpart for a phase (a Dataverse environment has no delete log, no Exchange mailbox
/// endpoint...). The pipeline skips the phase and writes <see cref="Exception.Message"/> to the sync log.
/// </summary>
public sealed class PhaseNotSupportedException(string message) : SyncTransportException(message);
