using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using SmartSync.Package.Tests.Infrastructure;
using Xunit;

namespace SmartSync.Package.Tests;

/// <summary>
/// A brand-new `dotnet new web` app takes SmartSync.Server from the local feed, plugs in JWT bearer exactly as
/// docs/server.md shows, builds with warnings as errors, runs, and answers: 401 without a token, the caller's
/// identity with one.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class ServerPackageTests(PackageFixture fixture)
{
    private const string Issuer = "https://login.example.test";
    private const string Audience = "smartsync";
    private const string Key = "a-test-signing-key-of-at-least-32-bytes!!";

    [Fact]
    public async Task A_dotnet_new_web_app_serves_the_protocol_from_the_package_behind_jwt_bearer()
    {
        var cli = fixture.ConsumerCli;
        var directory = Path.Combine(fixture.WorkRoot, "server-consumer");
        var project = Path.Combine(directory, "Consumer.csproj");
        Ensure(await cli.RunAsync(fixture.WorkRoot, CancellationToken.None, "new", "web", "-n", "Consumer", "-o", directory, "--no-restore"));
        Ensure(await cli.RunAsync(directory, CancellationToken.None, "add", project, "package", PackageFixture.ServerPackageId, "--version", fixture.PackageVersion));
        Ensure(await cli.RunAsync(directory, CancellationToken.None, "add", project, "package", "Microsoft.AspNetCore.Authentication.JwtBearer", "--version", "10.0.0"));
        // The package mirror lacks IdentityModel 8.0.1 (what JwtBearer 10.0.0 asks for): a newer one, as in the repository.
        Ensure(await cli.RunAsync(directory, CancellationToken.None, "add", project, "package", "Microsoft.IdentityModel.Protocols.OpenIdConnect", "--version", "8.16.0"));
        Ensure(await cli.RunAsync(directory, CancellationToken.None, "add", project, "package", "Microsoft.IdentityModel.Logging", "--version", "8.16.0"));
        File.Copy(RepositoryLayout.ConsumerFile("Server", "Program.cs"), Path.Combine(directory, "Program.cs"), overwrite: true);
        File.Copy(RepositoryLayout.ConsumerFile("crm.csdl"), Path.Combine(directory, "crm.csdl"), overwrite: true);
        Ensure(await cli.RunAsync(directory, CancellationToken.None, "build", project, "-c", "Release", "-warnaserror", "-tl:off", "-nologo"));

        var port = FreePort();
        var start = new ProcessStartInfo(DotNetCli.HostPath) { WorkingDirectory = directory, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
        {
            Path.Combine(directory, "bin", "Release", "net10.0", "Consumer.dll"), "--urls", $"http://127.0.0.1:{port}",
            "--Jwt:Issuer=" + Issuer, "--Jwt:Audience=" + Audience, "--Jwt:Key=" + Key, "--Db=" + Path.Combine(directory, "sync.db"),
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var server = Process.Start(start)!;
        server.OutputDataReceived += (_, _) => { };
        server.ErrorDataReceived += (_, _) => { };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/sync/"), Timeout = TimeSpan.FromSeconds(10) };
            var anonymous = await WaitForAsync(http, server);
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous);

            var userId = "4a2c9e10-0000-4000-8000-000000000042";
            using var request = new HttpRequestMessage(HttpMethod.Get, "api/whoami");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Jwt(userId));
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var whoami = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(userId, whoami.RootElement.GetProperty("userId").GetString());

            using var page = new HttpRequestMessage(HttpMethod.Get, "odata/accounts");
            page.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Jwt(userId));
            using var accounts = await http.SendAsync(page);
            Assert.Equal(HttpStatusCode.OK, accounts.StatusCode);
        }
        finally
        {
            // Only the process this test started.
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    private static async Task<HttpStatusCode> WaitForAsync(HttpClient http, Process server)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            try
            {
                using var response = await http.GetAsync("api/whoami");
                return response.StatusCode;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !server.HasExited)
            {
                await Task.Delay(250);
            }
        }
    }

    /// <summary>An HS256 JWT, built by hand (the test itself references no identity library).</summary>
    private static string Jwt(string subject)
    {
        static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = Encode(Encoding.UTF8.GetBytes("{\"alg\":\"HS256\",\"typ\":\"JWT\"}"));
        var payload = Encode(Encoding.UTF8.GetBytes($"{{\"sub\":\"{subject}\",\"iss\":\"{Issuer}\",\"aud\":\"{Audience}\",\"nbf\":{now - 60},\"exp\":{now + 3600}}}"));
        var signature = Encode(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Key), Encoding.UTF8.GetBytes(header + "." + payload)));
        return header + "." + payload + "." + signature;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Ensure(CommandResult result) => Assert.True(result.ExitCode == 0, result.Describe());
}
