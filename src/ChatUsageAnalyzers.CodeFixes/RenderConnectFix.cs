using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace ChatUsageAnalyzers.CodeFixes;

/// <summary>CHAT002: a connect in a render or per-frame method moves into the once-per-instance method, guarded, or is guarded where it is.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RenderConnectFix))]
[Shared]
internal sealed class RenderConnectFix : ConnectPlacementFix
{
    private protected override DiagnosticDescriptor Rule => Descriptors.CHAT002_ConnectInRenderMethod;

    private protected override string MoveKey => EquivalenceKeys.MoveToOncePerInstanceMethod;

    private protected override string GuardKey => EquivalenceKeys.GuardWithConnectionState;
}
