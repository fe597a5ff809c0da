using System.Net.Http;

namespace SmartSync.ReliabilityTests.Infrastructure;

/// <summary>One request as the fault plan sees it: <see cref="Index"/> counts requests of the same <see cref="Kind"/> from 1.</summary>
public sealed record RequestInfo(HttpMethod Method, string Path, string Kind, int Index)
{
    /// <summary>A page of an entity download (<c>GET /odata/{set}</c>, not <c>$metadata</c>).</summary>
    public bool IsEntityPage => Kind == "page";

    /// <summary>An upload (<c>PATCH</c> or <c>DELETE</c> of one record).</summary>
    public bool IsUpload => Kind == "upload";
}
