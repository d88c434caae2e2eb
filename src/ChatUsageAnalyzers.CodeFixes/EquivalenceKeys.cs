namespace ChatUsageAnalyzers.CodeFixes;

/// <summary>Equivalence keys of every code action (FixAll groups by them; tests select actions by them).</summary>
public static class EquivalenceKeys
{
    public const string MoveConnectBeforeLoop = "CHAT001.MoveConnectBeforeLoop";
}
