using System;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ChatUsageAnalyzers.Benchmarks;

// A measuring wrapper, never loaded by a compiler: the wrapped analyzer configures concurrency and
// generated code itself, the contexts forward registrations to the driver's, and the contexts'
// public constructors (obsolete for analyzer authors) are the only way to hand ours on. Those
// leave IsGeneratedCode, the filter tree and span and the control-flow graph at their defaults,
// which our rules do not read (a rule that did would throw or differ in the smoke test).
#pragma warning disable RS1001, RS1012, RS1025, RS1026, CS0618

/// <summary>
/// What the harness saw around one analyzer's callbacks in a pass: how many ran, how much of their
/// wall time the garbage collector had the process stopped, and what they allocated. The driver's
/// telemetry is wall time inside callbacks, so a collection that stops the process while a
/// callback runs (on any thread) is charged whole to that callback's analyzer; this separates it
/// from the rest. A collection that a callback's own allocation starts always lands inside it.
/// </summary>
public sealed class CallbackTotals
{
    private long _calls;
    private long _collectionTicks;
    private long _allocatedBytes;

    public long Calls => Interlocked.Read(ref _calls);

    public TimeSpan Collections => TimeSpan.FromTicks(Interlocked.Read(ref _collectionTicks));

    /// <summary>Allocated by the callbacks' threads while they ran (the harness's context wrappers for block and symbol starts included).</summary>
    public long AllocatedBytes => Interlocked.Read(ref _allocatedBytes);

    /// <summary>Wraps <paramref name="action"/> so that each call is counted with the collections that ran and the bytes allocated during it.</summary>
    public Action<T> Time<T>(Action<T> action) =>
        argument =>
        {
            var pauseBefore = GC.GetTotalPauseDuration();
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                action(argument);
            }
            finally
            {
                Interlocked.Increment(ref _calls);
                Interlocked.Add(ref _allocatedBytes, GC.GetAllocatedBytesForCurrentThread() - allocatedBefore);
                Interlocked.Add(ref _collectionTicks, (GC.GetTotalPauseDuration() - pauseBefore).Ticks);
            }
        };
}

/// <summary>
/// One of our analyzers with every callback it registers wrapped by <see cref="CallbackTotals"/>:
/// the same registrations and diagnostics, measured in a pass of its own (the wrapping adds work
/// to each callback, so this pass's telemetry is not the one the targets use).
/// </summary>
public sealed class TimedAnalyzer : DiagnosticAnalyzer
{
    public TimedAnalyzer(DiagnosticAnalyzer inner) => Inner = inner;

    public DiagnosticAnalyzer Inner { get; }

    public CallbackTotals Totals { get; } = new();

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => Inner.SupportedDiagnostics;

    public override void Initialize(AnalysisContext context) => Inner.Initialize(new TimedAnalysisContext(context, Totals));

    // Our analyzers register through these four contexts; each registration is forwarded with its
    // action wrapped, so a callback registered from inside another is timed too. At Initialize our
    // analyzers register only compilation-start actions: any other registration there is refused
    // loudly (the smoke test would fail) rather than left untimed.
    private sealed class TimedAnalysisContext(AnalysisContext inner, CallbackTotals totals) : AnalysisContext
    {
        public override void EnableConcurrentExecution() => inner.EnableConcurrentExecution();

        public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode) => inner.ConfigureGeneratedCodeAnalysis(analysisMode);

        public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action) =>
            inner.RegisterCompilationStartAction(totals.Time<CompilationStartAnalysisContext>(start => action(new TimedCompilationStartContext(start, totals))));

        public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action) => throw NotForwarded();

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => throw NotForwarded();

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => throw NotForwarded();

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => throw NotForwarded();

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => throw NotForwarded();

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => throw NotForwarded();

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => throw NotForwarded();

        private static NotSupportedException NotForwarded([CallerMemberName] string registration = "") =>
            new($"{nameof(TimedAnalyzer)} forwards only compilation-start actions from Initialize, not {registration}: forward it here to time an analyzer that uses it");
    }

    private sealed class TimedCompilationStartContext(CompilationStartAnalysisContext inner, CallbackTotals totals)
        : CompilationStartAnalysisContext(inner.Compilation, inner.Options, inner.CancellationToken)
    {
        public override void RegisterCompilationEndAction(Action<CompilationAnalysisContext> action) => inner.RegisterCompilationEndAction(totals.Time(action));

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => inner.RegisterSemanticModelAction(totals.Time(action));

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => inner.RegisterSymbolAction(totals.Time(action), symbolKinds);

        public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind) =>
            inner.RegisterSymbolStartAction(totals.Time<SymbolStartAnalysisContext>(start => action(new TimedSymbolStartContext(start, totals))), symbolKind);

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => inner.RegisterCodeBlockStartAction(totals.Time(action));

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => inner.RegisterCodeBlockAction(totals.Time(action));

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => inner.RegisterSyntaxTreeAction(totals.Time(action));

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => inner.RegisterSyntaxNodeAction(totals.Time(action), syntaxKinds);

        public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) => inner.RegisterOperationAction(totals.Time(action), operationKinds);

        public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) =>
            inner.RegisterOperationBlockStartAction(TimedBlockStart(action, totals));

        public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => inner.RegisterOperationBlockAction(totals.Time(action));
    }

    private sealed class TimedSymbolStartContext(SymbolStartAnalysisContext inner, CallbackTotals totals)
        : SymbolStartAnalysisContext(inner.Symbol, inner.Compilation, inner.Options, inner.CancellationToken)
    {
        public override void RegisterSymbolEndAction(Action<SymbolAnalysisContext> action) => inner.RegisterSymbolEndAction(totals.Time(action));

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => inner.RegisterCodeBlockStartAction(totals.Time(action));

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => inner.RegisterCodeBlockAction(totals.Time(action));

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => inner.RegisterSyntaxNodeAction(totals.Time(action), syntaxKinds);

        public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) => inner.RegisterOperationAction(totals.Time(action), operationKinds);

        public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) =>
            inner.RegisterOperationBlockStartAction(TimedBlockStart(action, totals));

        public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => inner.RegisterOperationBlockAction(totals.Time(action));
    }

    /// <summary>A block-start action, timed, that hands the rule a context whose registrations are timed too.</summary>
    private static Action<OperationBlockStartAnalysisContext> TimedBlockStart(Action<OperationBlockStartAnalysisContext> action, CallbackTotals totals) =>
        totals.Time<OperationBlockStartAnalysisContext>(block => action(new TimedOperationBlockStartContext(block, totals)));

    private sealed class TimedOperationBlockStartContext(OperationBlockStartAnalysisContext inner, CallbackTotals totals)
        : OperationBlockStartAnalysisContext(inner.OperationBlocks, inner.OwningSymbol, inner.Compilation, inner.Options, inner.CancellationToken)
    {
        public override void RegisterOperationBlockEndAction(Action<OperationBlockAnalysisContext> action) => inner.RegisterOperationBlockEndAction(totals.Time(action));

        public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) => inner.RegisterOperationAction(totals.Time(action), operationKinds);
    }
}
