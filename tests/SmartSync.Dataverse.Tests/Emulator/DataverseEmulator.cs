using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SmartSync.Dataverse.Tests.Emulator;

/// <summary>
/// A Dataverse Web API emulator on 127.0.0.1 for the transport's tests. It implements the documented behaviours the
/// transport relies on — paths under <c>/api/data/v9.2/</c>, headers, payload shapes, status codes, error bodies,
/// token expiry, change tracking, conditional writes, throttling — each with a comment naming its documentation page.
/// It is a test double: data lives in memory, and every request is recorded for assertions.
/// </summary>
public sealed partial class DataverseEmulator : IAsyncDisposable
{
    public const string ApiPath = "/api/data/v9.2/";

    private readonly WebApplication _app;
    private readonly object _lock = new();
    private readonly List<ReceivedRequest> _requests = [];
    private readonly HashSet<string> _issuedLinks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _recordsSent = new(StringComparer.Ordinal);
    private int _inFlight;
    private int _writesInFlight;
    private int _throttleNext;
    private Func<int, string, bool>? _throttleWhen;
    private TimeSpan _throttleFor;
    private DateTimeOffset _penaltyUntil = DateTimeOffset.MinValue;

    private DataverseEmulator(WebApplication app)
    {
        _app = app;
        Store = new EmulatorStore();
        OrganizationId = Guid.Parse("0f000000-0000-4000-8000-00000000000a");
        BusinessUnitId = Guid.Parse("0b000000-0000-4000-8000-00000000000b");
        Alice = AddUser("Alice Adams", "token-alice", Guid.Parse("a1000000-0000-4000-8000-000000000001"), deleteAccounts: true);
        Bob = AddUser("Bob Baker", "token-bob", Guid.Parse("b0000000-0000-4000-8000-000000000002"), deleteAccounts: true);
        Carol = AddUser("Carol Cole", "token-carol", Guid.Parse("c0000000-0000-4000-8000-000000000003"), deleteAccounts: false);
        var organization = Store.Insert(EmulatorSchema.ByName("organization")!, OrganizationId, null);
        organization.Values["name"] = "Contoso (Dataverse emulator)";
    }

    public Uri EnvironmentUrl { get; private set; } = new("http://127.0.0.1/");

    public EmulatorStore Store { get; }

    public Guid OrganizationId { get; }

    public Guid BusinessUnitId { get; }

    public EmulatorUser Alice { get; }

    public EmulatorUser Bob { get; }

    public EmulatorUser Carol { get; }

    public List<EmulatorUser> Users { get; } = [];

    /// <summary>Tokens that were valid and are no longer (a 401 tells the client to get a fresh one).</summary>
    public HashSet<string> ExpiredTokens { get; } = new(StringComparer.Ordinal);

    /// <summary>The most requests of one client that were in flight at once.</summary>
    public int MaxInFlight { get; private set; }

    /// <summary>The emulator's clock: throttling penalties and request times (a fake one shared with the client in tests).</summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;

    /// <summary>Writes (PATCH, DELETE, POST) being handled right now, and the most there were at once.</summary>
    public int WritesInFlight => Volatile.Read(ref _writesInFlight);

    public int MaxWritesInFlight { get; private set; }

    /// <summary>Requests being handled right now.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Requests that arrived while a 429's Retry-After was still running.</summary>
    public int RequestsDuringPenalty { get; private set; }

    /// <summary>An extra column in <c>$metadata</c> (a customization), to move the metadata hash.</summary>
    public string ExtraColumn { get; set; } = string.Empty;

    public IReadOnlyList<ReceivedRequest> Requests
    {
        get
        {
            lock (_lock)
            {
                return _requests.ToList();
            }
        }
    }

    public static async Task<DataverseEmulator> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var emulator = new DataverseEmulator(app);
        app.Run(emulator.HandleAsync);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        emulator.EnvironmentUrl = new Uri(address.TrimEnd('/') + "/");
        return emulator;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Runs <paramref name="action"/> on the data under the emulator's lock (the tests' admin access).</summary>
    public T Admin<T>(Func<EmulatorStore, T> action)
    {
        lock (_lock)
        {
            return action(Store);
        }
    }

    public void Admin(Action<EmulatorStore> action)
    {
        lock (_lock)
        {
            action(Store);
        }
    }

    /// <summary>Inserts or edits a row as a server-side user would (bumping its version).</summary>
    public EmulatorRow Put(string table, Guid key, Guid? owner, params (string Column, object? Value)[] values)
    {
        lock (_lock)
        {
            var definition = EmulatorSchema.ByName(table)!;
            var row = Store.Find(definition, key) ?? Store.Insert(definition, key, owner);
            foreach (var (column, value) in values)
            {
                row.Values[column] = value;
            }

            Store.Touch(row);
            return row;
        }
    }

    public bool Remove(string table, Guid key)
    {
        lock (_lock)
        {
            return Store.Delete(EmulatorSchema.ByName(table)!, key);
        }
    }

    public EmulatorRow? Row(string table, Guid key)
    {
        lock (_lock)
        {
            return Store.Find(EmulatorSchema.ByName(table)!, key);
        }
    }

    /// <summary>Every delta token issued so far expires (the change-tracking retention period ran out).</summary>
    public void ExpireDeltaTokens()
    {
        lock (_lock)
        {
            Store.OldestValidToken = Store.Version + 1;
        }
    }

    /// <summary>The first request for which <paramref name="when"/> (requests in flight, method) holds gets 429 with <c>Retry-After</c>.</summary>
    public void ThrottleWhen(Func<int, string, bool> when, TimeSpan retryAfter)
    {
        lock (_lock)
        {
            _throttleWhen = when;
            _throttleFor = retryAfter;
        }
    }

    /// <summary>The answer to each request waits for the task this returns (recorded request in hand): tests hold answers back with it.</summary>
    public Func<ReceivedRequest, Task>? Hold { get; set; }

    /// <summary>The next <paramref name="count"/> requests get 429 with <c>Retry-After: <paramref name="retryAfter"/></c>.</summary>
    public void Throttle(int count, TimeSpan retryAfter)
    {
        lock (_lock)
        {
            _throttleNext = count;
            _throttleFor = retryAfter;
        }
    }

    public int RecordsSent(string table)
    {
        lock (_lock)
        {
            return _recordsSent.GetValueOrDefault(table);
        }
    }

    public void ClearRequests()
    {
        lock (_lock)
        {
            _requests.Clear();
        }
    }

    private EmulatorUser AddUser(string name, string token, Guid id, bool deleteAccounts)
    {
        var user = new EmulatorUser(id, name, token);
        foreach (var suffix in new[] { "Account", "Contact", "Activity", "new_visit", "Note" })
        {
            // Basic depth: a user reads and changes the rows they own (security roles, privilege depth).
            user.Privileges["prvRead" + suffix] = "Basic";
            user.Privileges["prvCreate" + suffix] = "Basic";
            user.Privileges["prvWrite" + suffix] = "Basic";
            if (deleteAccounts || suffix != "Account")
            {
                user.Privileges["prvDelete" + suffix] = "Basic";
            }
        }

        user.Privileges["prvReadUser"] = "Global";
        user.Privileges["prvReadOrganization"] = "Global";
        Users.Add(user);
        var row = Store.Insert(EmulatorSchema.ByName("systemuser")!, id, null);
        row.Values["fullname"] = name;
        row.Values["domainname"] = name.Split(' ')[0].ToLowerInvariant() + "@contoso.example";
        return user;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        string body;
        using (var reader = new StreamReader(request.Body))
        {
            body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        }

        var target = request.Path.ToUriComponent() + request.QueryString.ToUriComponent();
        var token = request.Headers.Authorization.ToString() is { Length: > 7 } auth && auth.StartsWith("Bearer ", StringComparison.Ordinal) ? auth[7..] : null;
        var inFlight = Interlocked.Increment(ref _inFlight);
        var write = request.Method is "PATCH" or "DELETE" or "POST";
        if (write)
        {
            var writes = Interlocked.Increment(ref _writesInFlight);
            lock (_lock)
            {
                MaxWritesInFlight = Math.Max(MaxWritesInFlight, writes);
            }
        }

        EmulatorResponse response;
        ReceivedRequest received;
        try
        {
            lock (_lock)
            {
                MaxInFlight = Math.Max(MaxInFlight, inFlight);
                response = Gate(inFlight, request.Method, token, out var user) ?? Dispatch(context, user!, body);
                received = new ReceivedRequest(
                    request.Method, target, Header(request, "If-Match"), Header(request, "If-None-Match"), Header(request, "Prefer"), token, body, response.Status, Time.GetUtcNow());
                _requests.Add(received);
            }

            if (Hold is { } hold)
            {
                await hold(received).WaitAsync(context.RequestAborted).ConfigureAwait(false);
            }

            // A little time on the server, so concurrent requests overlap as they do against a real environment.
            await Task.Delay(5, context.RequestAborted).ConfigureAwait(false);
            if (BeforeResponse is { } hook)
            {
                await hook(target, context.RequestAborted).ConfigureAwait(false);
            }

            if (Flood is { } flood && flood.Matches(target))
            {
                await flood.WriteAsync(context, EnvironmentUrl).ConfigureAwait(false);
            }
            else if (Oversized is { } oversized && oversized.Matches(target))
            {
                await oversized.WriteAsync(context).ConfigureAwait(false);
            }
            else
            {
                await response.WriteAsync(context).ConfigureAwait(false);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
            if (write)
            {
                Interlocked.Decrement(ref _writesInFlight);
            }
        }
    }

    /// <summary>Runs before each response is written (path and query, the request's abort token): tests stall the server with it.</summary>
    public Func<string, CancellationToken, Task>? BeforeResponse { get; set; }

    /// <summary>Replaces the answers it matches with an endless-looking body (a broken or hostile environment).</summary>
    public OversizedBody? Oversized { get; set; }

    /// <summary>Replaces the answers it matches with a page of far more rows than asked for (a broken or hostile environment).</summary>
    public FloodPage? Flood { get; set; }

    /// <summary>Authentication, then service protection limits; null lets the request through.</summary>
    private EmulatorResponse? Gate(int inFlight, string method, string? token, out EmulatorUser? user)
    {
        // Authenticate with the Web API: every request carries an OAuth bearer token; a missing, wrong or expired
        // token gets 401 with a WWW-Authenticate challenge.
        // https://learn.microsoft.com/power-apps/developer/data-platform/webapi/authenticate-web-api
        user = token is null || ExpiredTokens.Contains(token) ? null : Users.FirstOrDefault(u => u.Token == token);
        if (user is null)
        {
            return new EmulatorResponse(401) { Headers = { ["WWW-Authenticate"] = "Bearer authorization_uri=https://login.microsoftonline.com/common/oauth2/authorize, error=\"invalid_token\"" } };
        }

        // Service protection API limits: 429 Too Many Requests with Retry-After (seconds); requests sent before the
        // wait is over are refused too. At most 52 concurrent requests per user.
        // https://learn.microsoft.com/power-apps/developer/data-platform/api-limits
        var now = Time.GetUtcNow();
        if (now < _penaltyUntil)
        {
            RequestsDuringPenalty++;
            return Throttled(_penaltyUntil - now, "0x80072322", "Number of requests exceeded the limit of 6000 over time window of 300 seconds.");
        }

        if (inFlight > 52)
        {
            return Throttled(TimeSpan.FromSeconds(1), "0x80072326", "Number of concurrent requests exceeded the limit of 52.");
        }

        if (_throttleWhen is { } when && when(inFlight, method))
        {
            _throttleWhen = null;
            _penaltyUntil = now + _throttleFor;
            return Throttled(_throttleFor, "0x80072322", "Number of requests exceeded the limit of 6000 over time window of 300 seconds.");
        }

        if (_throttleNext > 0)
        {
            _throttleNext--;
            _penaltyUntil = now + _throttleFor;
            return Throttled(_throttleFor, "0x80072322", "Number of requests exceeded the limit of 6000 over time window of 300 seconds.");
        }

        return null;
    }

    private static EmulatorResponse Throttled(TimeSpan wait, string code, string message) =>
        new(429, EmulatorJson.Error(code, message))
        {
            Headers = { ["Retry-After"] = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture) },
        };

    private static string? Header(HttpRequest request, string name) => request.Headers.TryGetValue(name, out var value) ? value.ToString() : null;
}
