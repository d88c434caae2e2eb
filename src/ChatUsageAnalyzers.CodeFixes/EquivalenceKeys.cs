namespace ChatUsageAnalyzers.CodeFixes;

/// <summary>Equivalence keys of every code action (FixAll groups by them; tests select actions by them).</summary>
public static class EquivalenceKeys
{
    public const string MoveConnectBeforeLoop = "CHAT001.MoveConnectBeforeLoop";

    public const string AddDisconnect = "CHAT004.AddDisconnect";

    public const string MoveToOncePerInstanceMethod = "CHAT002.MoveToOncePerInstanceMethod";

    public const string GuardWithConnectionState = "CHAT002.GuardWithConnectionState";

    /// <summary>CHAT005's move: the same action as CHAT002's, under its own key so that Fix All stays within one rule.</summary>
    public const string MoveRepeatedConnectToOncePerInstanceMethod = "CHAT005.MoveToOncePerInstanceMethod";

    /// <summary>CHAT005's guard in place (see <see cref="MoveRepeatedConnectToOncePerInstanceMethod"/>).</summary>
    public const string GuardRepeatedConnectWithConnectionState = "CHAT005.GuardWithConnectionState";

    public const string RegisterClientAsSingleton = "CHAT006.RegisterClientAsSingleton";

    public const string UpsertUsersInOneCall = "CHAT007.UpsertUsersInOneCall";
}
