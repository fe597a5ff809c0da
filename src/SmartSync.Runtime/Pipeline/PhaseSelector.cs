namespace SmartSync.Pipeline;

/// <summary>Decides whether a phase runs for a plan: module flags, OnlyCoreModules, direction, forced cleanup.</summary>
internal static class PhaseSelector
{
    public static bool ShouldRun(ISyncPhase phase, SyncPlan plan, bool cleanupForced)
    {
        if (phase.AlwaysRuns)
        {
            return true;
        }

        if ((phase.Direction == PhaseDirection.Upload && !plan.Uploads) || (phase.Direction == PhaseDirection.Download && !plan.Downloads))
        {
            return false;
        }

        if (phase.SkipFlag == SyncModules.None)
        {
            return true; // upload and entity download: the core
        }

        if (phase.SkipFlag == SyncModules.NoCleanup && cleanupForced)
        {
            return true;
        }

        return (plan.ExcludedModules & (phase.SkipFlag | SyncModules.OnlyCoreModules)) == 0;
    }
}
