using System;
using System.Net.Http;
using System.Threading;
using SmartSync.ReliabilityTests.Infrastructure;

namespace SmartSync.Tests.Shared;

/// <summary>The reliability tests' part of the shared <see cref="Device"/>: every request goes through a fault injector.</summary>
public sealed partial class Device
{
    /// <summary>Small pages, so a fault can land between pages of one entity.</summary>
    public const int PageSize = 7;

    /// <summary>The fault injector between this device's transport and the server.</summary>
    public FaultInjectingHandler Handler => (FaultInjectingHandler)HttpHandler!;

    /// <summary>Everything the device stored, read straight from its SQLite file.</summary>
    public StoreSnapshot Snapshot() => StoreSnapshot.Read(DatabasePath);

    static partial void ApplyProjectDefaults(ref HttpMessageHandler? handler, ref int? pageSize, ref TimeSpan? httpTimeout)
    {
        handler ??= new FaultInjectingHandler();
        pageSize ??= PageSize;

        // Hangs are injected on purpose: the transport's own attempt timeout ends them, not HttpClient's.
        httpTimeout ??= Timeout.InfiniteTimeSpan;
    }
}
