using System;
using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SmartSync.ReferenceServer.Authentication;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;dev token&gt;</c>: scheme <see cref="UserScheme"/> for users
/// (claims <c>sub</c> and <c>name</c>), <see cref="AdminScheme"/> for the admin token. A failed challenge is a
/// 401 with <c>WWW-Authenticate: Bearer</c> and no body (docs/protocol.md).
/// </summary>
public sealed class DevTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, DevTokenBook book)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string UserScheme = "DevToken";
    public const string AdminScheme = "DevAdminToken";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        if (!header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) || header.Length <= prefix.Length)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var token = header[prefix.Length..].Trim();
        if (Scheme.Name == AdminScheme)
        {
            return Task.FromResult(book.IsAdmin(token)
                ? Success(new Claim("sub", "admin"), new Claim(ClaimTypes.Role, "admin"))
                : AuthenticateResult.Fail("Invalid admin token."));
        }

        return Task.FromResult(book.FindUser(token) is { } user
            ? Success(new Claim("sub", user.Id), new Claim("name", user.Name))
            : AuthenticateResult.Fail("Invalid token."));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = 401;
        Response.Headers.WWWAuthenticate = "Bearer";
        Response.ContentLength = 0;
        return Task.CompletedTask;
    }

    private AuthenticateResult Success(params Claim[] claims) =>
        AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name, "name", ClaimTypes.Role)), Scheme.Name));
}
