using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace SmartSync.Pipeline.Phases;

/// <summary>WhoAmI: who the user is and which customization the server runs; writes the log's header block.</summary>
internal sealed class AuthenticationPhase : ISyncPhase
{
    public string Name => "Authentication";

    public SyncModules SkipFlag => SyncModules.None;

    public bool AlwaysRuns => true;

    public PhaseDirection Direction => PhaseDirection.Any;

    public async Task<int> RunAsync(SyncRunContext context, CancellationToken cancellationToken)
    {
        var session = await context.Transport.WhoAmIAsync(cancellationToken).ConfigureAwait(false);
        context.Session = session;
        context.Log.Line(string.Format(CultureInfo.InvariantCulture, "Sync started {0:yyyy-MM-dd HH:mm:ss}Z", context.Now.UtcDateTime));
        context.Log.Line("Data: " + Path.GetFileName(context.Store.DatabasePath) + " (server " + session.ServerVersion + ", customization " + session.CustomizationVersion + ")");
        context.Log.Line("Organization: " + session.OrganizationName);
        context.Log.Line("User: " + session.UserName + " (" + session.UserId + ")");
        if (context.Plan.ProfileName is { } profile)
        {
            // Marks a SmartSync run in the log; the XML form is what log readers search for.
            context.Log.Line("<SmartSync name='" + System.Security.SecurityElement.Escape(profile) + "'/>");
        }

        return 1;
    }
}
