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

    /// <summary>A record body is at most this large (a CRM row; blobs have their own endpoints).</summary>
    public const int MaxRecordBodyBytes = 1 << 20;

    /// <summary>Reads a JSON request body, or answers 413 (too large) or 400 (not JSON) and returns null.</summary>
    public static async Task<JsonDocument?> ReadJsonBodyAsync(HttpContext context)
    {
        if (context.Request.ContentLength > MaxRecordBodyBytes)
        {
            await WriteErrorAsync(context, 413, "TooLarge", "The record is too large.").ConfigureAwait(false);
            return null;
        }

        try
        {
            return await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            await WriteErrorAsync(context, 400, "InvalidJson", "The body is not valid JSON.").ConfigureAwait(false);
            return null;
        }
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
