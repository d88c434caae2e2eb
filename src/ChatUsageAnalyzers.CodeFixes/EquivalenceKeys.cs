namespace ChatUsageAnalyzers.CodeFixes;

/// <summary>Equivalence keys of every code action (FixAll groups by them; tests select actions by them).</summary>
public static class EquivalenceKeys
{
    public const string MoveConnectBeforeLoop = "CHAT001.MoveConnectBeforeLoop";

    public const string AddDisconnect = "CHAT004.AddDisconnect";

    public const string MoveToOncePerInstanceMethod = "CHAT002.MoveToOncePerInstanceMethod";

    public const string GuardWithConnectionState = "CHAT002.GuardWithConnectionState";
}
