using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace ChatUsageAnalyzers.CodeFixes;

/// <summary>
/// CHAT005: a connect in a lifecycle method that runs more than once is guarded by its client's state
/// where it is, or moves into the once-per-instance method, guarded (not where the framework has
/// none: MAUI pages and windows).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RepeatedLifecycleConnectFix))]
[Shared]
internal sealed class RepeatedLifecycleConnectFix : ConnectPlacementFix
{
    private protected override DiagnosticDescriptor Rule => Descriptors.CHAT005_UnguardedConnectInRepeatedLifecycleMethod;

    private protected override string MoveKey => EquivalenceKeys.MoveRepeatedConnectToOncePerInstanceMethod;

    private protected override string GuardKey => EquivalenceKeys.GuardRepeatedConnectWithConnectionState;
}
