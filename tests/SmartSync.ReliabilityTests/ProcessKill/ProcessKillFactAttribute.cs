using System;

namespace SmartSync.ReliabilityTests.ProcessKill;

/// <summary>
/// A fact that runs only when <c>SMARTSYNC_PROCESS_KILL=1</c>: these tests start and kill real child processes
/// (a JIT-started client each time), which takes longer than the rest of the suite and is opt-in.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class ProcessKillFactAttribute : FactAttribute
{
    public const string Variable = "SMARTSYNC_PROCESS_KILL";

    public ProcessKillFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(Variable) != "1")
        {
            Skip = $"Kills real child client processes (slow); opt in with {Variable}=1.";
        }
    }
}
