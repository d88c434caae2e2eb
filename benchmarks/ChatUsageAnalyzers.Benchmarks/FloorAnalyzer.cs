using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ChatUsageAnalyzers.Benchmarks;

/// <summary>
/// The floor: registers the action kinds our rules register (compilation start; invocation, object
/// creation and event assignment operations; named-type symbol start and end) and does nothing in
/// them, so its time is what the analyzer driver charges for those kinds alone.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class FloorAnalyzer : DiagnosticAnalyzer
{
    // Never reported; an analyzer with no enabled descriptor is skipped by the driver.
    private static readonly DiagnosticDescriptor Unused = new(
        "FLOOR001", "Floor", "Floor", "Benchmark", DiagnosticSeverity.Warning, isEnabledByDefault: true);

    private static readonly OperationKind[] Kinds = [OperationKind.Invocation, OperationKind.ObjectCreation, OperationKind.EventAssignment];

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Unused);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            start.RegisterOperationAction(static _ => { }, Kinds);
            start.RegisterSymbolStartAction(
                static symbolStart =>
                {
                    symbolStart.RegisterOperationAction(static _ => { }, Kinds);
                    symbolStart.RegisterSymbolEndAction(static _ => { });
                },
                SymbolKind.NamedType);
        });
    }
}
