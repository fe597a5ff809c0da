using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;

namespace SmartSync.ReferenceServer.Authentication;

/// <summary>
/// The reference server's development bearer tokens: each user's token is derived from a secret
/// (HMAC-SHA256 of the user id), and only the SHA-256 of each token is kept in memory to check requests.
/// For tests and the demo; a real backend plugs in its own authentication (docs/server.md).
/// </summary>
public sealed class DevTokenBook
{
    private readonly Dictionary<string, (string Id, string Name)> _byHash = new(StringComparer.Ordinal);
    private readonly byte[] _secret;
    private byte[]? _adminHash;

    public DevTokenBook(byte[] secret) => _secret = secret;

    /// <summary>Registers a user and returns their token (the caller hands it to the client; it is not stored).</summary>
    public string AddUser(string id, string name)
    {
        var token = Convert.ToHexString(HMACSHA256.HashData(_secret, Encoding.UTF8.GetBytes("user:" + id))).ToLowerInvariant();
        _byHash[Hash(token)] = (id, name);
        return token;
    }

    public void SetAdminToken(string token) => _adminHash = SHA256.HashData(Encoding.UTF8.GetBytes(token));

    public (string Id, string Name)? FindUser(string token) => _byHash.TryGetValue(Hash(token), out var user) ? user : null;

    public bool IsAdmin(string token) =>
        _adminHash is not null && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(token)), _adminHash);

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
