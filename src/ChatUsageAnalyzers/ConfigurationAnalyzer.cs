using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ChatUsageAnalyzers;

/// <summary>
/// CHAT900: a <c>chat_usage.*</c> entry that is ignored. Runs whenever such options are set, even
/// when nothing they name exists (a misspelled type is exactly what leaves a compilation with no
/// targeted client), and registers nothing when none is set.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ConfigurationAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.CHAT900_InvalidConfigurationEntry);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var options = ChatUsageOptions.Read(start.Compilation, start.Options.AnalyzerConfigOptionsProvider);
            if (options.IsEmpty || options.Problems.IsEmpty)
            {
                return;
            }

            // The problems belong to the compilation, not to a file: the first file analyzed reports
            // them once, without a location (compilation-end actions would not run in the IDE's live analysis).
            var pending = 1;
            start.RegisterSyntaxTreeAction(tree =>
            {
                if (Interlocked.Exchange(ref pending, 0) == 0)
                {
                    return;
                }

                foreach (var problem in options.Problems)
                {
                    tree.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.CHAT900_InvalidConfigurationEntry, Location.None, problem.Key, problem.Entry, problem.Reason));
                }
            });
        });
    }
}
