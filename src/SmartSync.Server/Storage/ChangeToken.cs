using System;
using System.Buffers.Text;
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
/// another user or entity; <see cref="Epoch"/> lets the admin expire every outstanding token. <see cref="Visibility"/>
/// is the visibility policy's fingerprint when the enumeration started (a changed visibility makes the token stale);
/// <see cref="Device"/> names the device it was issued to (<see cref="DeviceTag"/>): a cursor says what one device
/// holds, so another device of the same user presenting it gets 410.
/// </summary>
internal sealed record ChangeToken(
    TokenScope Scope, string Entity, string UserId, long Since, long After, long Upper, long Epoch, string Visibility = "", string Device = "")
{
    /// <summary>A short hash of a device id (any text): what a token keeps of it.</summary>
    public static string DeviceTag(string deviceId) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(deviceId)), 0, 8);

    public string Encode(byte[] key)
    {
        // The user id comes from a claim and may contain anything (Auth0's sub is "auth0|…"), so it goes last and
        // the decoder splits off only the fields before it (none of which can hold a '|').
        var payload = string.Join(
            '|',
            "v3",
            ((int)Scope).ToString(CultureInfo.InvariantCulture),
            Entity,
            Since.ToString(CultureInfo.InvariantCulture),
            After.ToString(CultureInfo.InvariantCulture),
            Upper.ToString(CultureInfo.InvariantCulture),
            Epoch.ToString(CultureInfo.InvariantCulture),
            Visibility,
            Device,
            UserId);
        var bytes = Encoding.UTF8.GetBytes(payload);
        var mac = HMACSHA256.HashData(key, bytes).AsSpan(0, 16);
        var all = new byte[bytes.Length + mac.Length];
        bytes.CopyTo(all, 0);
        mac.CopyTo(all.AsSpan(bytes.Length));
        return Base64Url.EncodeToString(all);
    }

    /// <summary>Decodes and verifies a token; null when it is malformed or its signature does not match.</summary>
    public static ChangeToken? TryDecode(string? token, byte[] key)
    {
        // TryDecodeFromChars throws on characters outside the alphabet: a hostile token is checked first.
        if (string.IsNullOrEmpty(token) || token.Length > 1024 || !Base64Url.IsValid(token))
        {
            return null;
        }

        var all = new byte[Base64Url.GetMaxDecodedLength(token.Length)];
        if (!Base64Url.TryDecodeFromChars(token, all, out var written) || written <= 16)
        {
            return null;
        }

        all = all[..written];

        var bytes = all.AsSpan(0, all.Length - 16);
        var mac = HMACSHA256.HashData(key, bytes).AsSpan(0, 16);
        if (!CryptographicOperations.FixedTimeEquals(mac, all.AsSpan(all.Length - 16)))
        {
            return null;
        }

        var parts = Encoding.UTF8.GetString(bytes).Split('|', 10);
        if (parts.Length != 10 || parts[0] != "v3"
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var scope)
            || !long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var since)
            || !long.TryParse(parts[4], NumberStyles.None, CultureInfo.InvariantCulture, out var after)
            || !long.TryParse(parts[5], NumberStyles.None, CultureInfo.InvariantCulture, out var upper)
            || !long.TryParse(parts[6], NumberStyles.None, CultureInfo.InvariantCulture, out var epoch))
        {
            return null;
        }

        return new ChangeToken((TokenScope)scope, parts[2], parts[9], since, after, upper, epoch, parts[7], parts[8]);
    }
}
