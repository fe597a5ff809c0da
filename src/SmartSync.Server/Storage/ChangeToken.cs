using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SmartSync.Server.Storage;

/// <summary>Which enumeration a token belongs to.</summary>
internal enum TokenScope
{
    /// <summary>Records the user owns (or organization-wide records): <c>/odata/{set}</c>.</summary>
    Owned = 0,

    /// <summary>Records shared with the user: <c>/api/shared/{entity}</c>.</summary>
    Shared = 1,
}

/// <summary>
/// The state behind an opaque <c>$skiptoken</c>/<c>$deltatoken</c>: rows with a change version in
/// (<see cref="After"/>, <see cref="Upper"/>] remain; <see cref="Since"/> is where the enumeration started
/// (0 for a full download). Signed with the server's key so a client can neither forge nor reuse it for
/// another user or entity; <see cref="Epoch"/> lets the admin expire every outstanding token.
/// </summary>
internal sealed record ChangeToken(TokenScope Scope, string Entity, string UserId, long Since, long After, long Upper, long Epoch)
{
    public string Encode(byte[] key)
    {
        var payload = string.Join(
            '|',
            "v1",
            ((int)Scope).ToString(CultureInfo.InvariantCulture),
            Entity,
            UserId,
            Since.ToString(CultureInfo.InvariantCulture),
            After.ToString(CultureInfo.InvariantCulture),
            Upper.ToString(CultureInfo.InvariantCulture),
            Epoch.ToString(CultureInfo.InvariantCulture));
        var bytes = Encoding.UTF8.GetBytes(payload);
        var mac = HMACSHA256.HashData(key, bytes).AsSpan(0, 16);
        var all = new byte[bytes.Length + mac.Length];
        bytes.CopyTo(all, 0);
        mac.CopyTo(all.AsSpan(bytes.Length));
        return Base64Url.Encode(all);
    }

    /// <summary>Decodes and verifies a token; null when it is malformed or its signature does not match.</summary>
    public static ChangeToken? TryDecode(string? token, byte[] key)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1024 || !Base64Url.TryDecode(token, out var all) || all.Length <= 16)
        {
            return null;
        }

        var bytes = all.AsSpan(0, all.Length - 16);
        var mac = HMACSHA256.HashData(key, bytes).AsSpan(0, 16);
        if (!CryptographicOperations.FixedTimeEquals(mac, all.AsSpan(all.Length - 16)))
        {
            return null;
        }

        var parts = Encoding.UTF8.GetString(bytes).Split('|');
        if (parts.Length != 8 || parts[0] != "v1"
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var scope)
            || !long.TryParse(parts[4], NumberStyles.None, CultureInfo.InvariantCulture, out var since)
            || !long.TryParse(parts[5], NumberStyles.None, CultureInfo.InvariantCulture, out var after)
            || !long.TryParse(parts[6], NumberStyles.None, CultureInfo.InvariantCulture, out var upper)
            || !long.TryParse(parts[7], NumberStyles.None, CultureInfo.InvariantCulture, out var epoch))
        {
            return null;
        }

        return new ChangeToken((TokenScope)scope, parts[2], parts[3], since, after, upper, epoch);
    }
}

/// <summary>URL-safe base64 without padding.</summary>
internal static class Base64Url
{
    public static string Encode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static bool TryDecode(string text, out byte[] bytes)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += (padded.Length % 4) switch { 2 => "==", 3 => "=", _ => string.Empty };
        var buffer = new byte[padded.Length];
        if (Convert.TryFromBase64String(padded, buffer, out var written))
        {
            bytes = buffer[..written];
            return true;
        }

        bytes = [];
        return false;
    }
}
