using System;
using System.Collections.Generic;
using System.Net.Http;
using Microsoft.Extensions.Time.Testing;

namespace SmartSync.Tests.Shared;

/// <summary>Knobs of a <see cref="Device"/>; unset ones take the client's and transport's own defaults.</summary>
public sealed class DeviceOptions
{
    public int? PageSize { get; init; }

    public int MaxRetryAttempts { get; init; }

    public FakeTimeProvider? Time { get; init; }

    /// <summary>The HttpClient timeout; null keeps the project's default (HttpClient's 100 s unless the project sets one).</summary>
    public TimeSpan? HttpTimeout { get; init; }

    /// <summary>A handler between the transport and the server (e.g. one that loses a response); null: a plain one.</summary>
    public HttpMessageHandler? Handler { get; init; }

    public int MaxStringBytes { get; init; } = 4 * 1024 * 1024;

    public CircuitBreakerOptions? CircuitBreaker { get; init; }

    public ConflictStrategy ConflictStrategy { get; init; } = ConflictStrategy.ServerWins;

    public IReadOnlyDictionary<string, ConflictStrategy>? ConflictStrategies { get; init; }

    public SmartSyncCatalog? Catalog { get; init; }

    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(100);

    public RetentionOptions? Retention { get; init; }

    public int MaxDocumentBytes { get; init; } = 64 * 1024 * 1024;

    /// <summary>Leave the folder on dispose (another device on the same folder still uses it).</summary>
    public bool KeepFolder { get; init; }
}
