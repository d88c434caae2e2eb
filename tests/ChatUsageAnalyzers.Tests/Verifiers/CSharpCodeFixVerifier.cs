using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace ChatUsageAnalyzers.Tests.Verifiers;

/// <summary>
/// Thin wrapper over the Roslyn code fix harness, with the references of <see cref="CSharpAnalyzerVerifier{TAnalyzer}"/>.
/// The harness also applies Fix All in document, project and solution scope and checks that every
/// fixed output compiles (compiler errors in the fixed state fail the test).
/// </summary>
public static class CSharpCodeFixVerifier<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    public static DiagnosticResult Diagnostic(string diagnosticId) =>
        CSharpCodeFixVerifier<TAnalyzer, TCodeFix, DefaultVerifier>.Diagnostic(diagnosticId);

    /// <summary>Applies the fix with <paramref name="equivalenceKey"/> to <paramref name="source"/> and expects <paramref name="fixedSource"/>.</summary>
    public static Task VerifyCodeFixAsync(string source, string fixedSource, string equivalenceKey, params string[] stubs) =>
        new Test(source, fixedSource, equivalenceKey).WithStubs(stubs).RunAsync(CancellationToken.None);

    /// <summary>The diagnostics in <paramref name="source"/> get no code action with <paramref name="equivalenceKey"/>.</summary>
    public static Task VerifyNoCodeFixAsync(string source, string equivalenceKey, params string[] stubs) =>
        new Test(source, source, equivalenceKey).WithStubs(stubs).RunAsync(CancellationToken.None);

    public class Test : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
    {
        public Test(string source, string fixedSource, string equivalenceKey)
        {
            TestCode = source;
            FixedCode = fixedSource;
            CodeActionEquivalenceKey = equivalenceKey;
            ReferenceAssemblies = TestReferences.Net10;
            TestState.AdditionalReferences.Add(TestReferences.ChatClient);
            FixedState.AdditionalReferences.Add(TestReferences.ChatClient);
        }

        public Test WithStubs(params string[] stubs)
        {
            FrameworkStubs.AddTo(TestState, stubs);
            FrameworkStubs.AddTo(FixedState, stubs);
            return this;
        }

        public Test WithAspNetCore()
        {
            ReferenceAssemblies = TestReferences.AspNetCore10;
            return this;
        }

        /// <summary>
        /// Adds an analyzer config file to the code before and after the fix (<c>chat_usage.*</c>
        /// options that the analyzer and the fixer both read), as <see cref="CSharpAnalyzerVerifier{TAnalyzer}.Test.WithAnalyzerConfig"/>.
        /// </summary>
        public Test WithAnalyzerConfig(string path, string content)
        {
            TestState.AnalyzerConfigFiles.Add((path, content));
            FixedState.AnalyzerConfigFiles.Add((path, content));
            return this;
        }
    }
}
