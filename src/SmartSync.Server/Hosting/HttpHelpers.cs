using System;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using SmartSync.Server.Json;

namespace SmartSync.Server.Hosting;

/// <summary>Small helpers shared by the endpoint groups.</summary>
internal static class HttpHelpers
{
    public const string JsonContentType = "application/json; odata.metadata=minimal; charset=utf-8";

    /// <summary>Readable output (links keep their '&amp;'); still valid JSON, and no HTML is ever served.</summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string BaseUrl(this HttpContext context) =>
        $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}";

    public static async Task WriteJsonAsync<T>(HttpContext context, int status, T value, JsonTypeInfo<T> typeInfo)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = JsonContentType;
        await JsonSerializer.SerializeAsync(context.Response.Body, value, typeInfo, context.RequestAborted).ConfigureAwait(false);
    }

    public static Task WriteErrorAsync(HttpContext context, int status, string code, string message) =>
        WriteJsonAsync(context, status, new ErrorResponse(new ErrorDetail(code, message)), ServerJsonContext.Default.ErrorResponse);

    /// <summary>401 with a challenge and no body: nothing about the data leaks to an unauthenticated caller.</summary>
    public static void Challenge(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Bearer";
        context.Response.ContentLength = 0;
    }

    /// <summary>The bearer token of the request, or null.</summary>
    public static string? BearerToken(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        return header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && header.Length > prefix.Length
            ? header[prefix.Length..].Trim()
            : null;
    }

    /// <summary>Parses a page size query value; default when absent, clamped to the server's maximum.</summary>
    public static int PageSize(HttpContext context, string name, int defaultSize, int maxSize)
    {
        var text = context.Request.Query[name].ToString();
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size > 0
            ? Math.Min(size, maxSize)
            : defaultSize;
    }

    /// <summary>Parses a numeric cursor: empty means "from the start"; anything else must be a version the server issued.</summary>
    public static bool TryCursor(string? text, long currentVersion, out long cursor)
    {
        cursor = 0;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out cursor) && cursor <= currentVersion;
    }
}
