using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading.Tasks;
using SmartSync.ReferenceServer;

namespace SmartSync.ReliabilityTests.Infrastructure;

/// <summary>One record as the server shows it to a user over the wire (<c>GET /odata/{set}({key})</c>).</summary>
public static class ServerRecords
{
    /// <returns>The record's properties as JSON text per name, or null when the server has no such record.</returns>
    public static async Task<Dictionary<string, string>?> GetAsync(CrmServer server, string token, string entitySet, string key)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server.BaseAddress, "odata/" + entitySet + "(" + key + ")"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            values[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
        }

        return values;
    }
}
