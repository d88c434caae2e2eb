using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace ChatUsageAnalyzers.Tests.Verifiers;

/// <summary>
/// Thin wrapper over the Roslyn analyzer test harness: every test compiles against the real .NET
/// reference pack and the real <c>Chat.Client.dll</c>; framework stubs and ASP.NET Core are opt-in.
/// </summary>
public static class CSharpAnalyzerVerifier<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public static DiagnosticResult Diagnostic(string diagnosticId) =>
        CSharpAnalyzerVerifier<TAnalyzer, DefaultVerifier>.Diagnostic(diagnosticId);

    /// <summary>Verifies <paramref name="source"/>'s <c>{|CHATnnn:...|}</c> markup and any <paramref name="expected"/> diagnostics.</summary>
    public static Task VerifyAnalyzerAsync(string source, params DiagnosticResult[] expected) =>
        VerifyAnalyzerAsync(source, [], expected);

    /// <summary>Likewise, with framework stubs (<see cref="FrameworkStubs"/>) compiled alongside.</summary>
    public static Task VerifyAnalyzerAsync(string source, string[] stubs, params DiagnosticResult[] expected) =>
        RunAsync(new Test(source), stubs, expected);

    internal static Task RunAsync(Test test, string[] stubs, DiagnosticResult[] expected)
    {
        test.WithStubs(stubs).ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    public class Test : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
    {
        public Test(string source)
        {
            TestCode = source;
            ReferenceAssemblies = TestReferences.Net10;
            TestState.AdditionalReferences.Add(TestReferences.ChatClient);
        }

        /// <summary>Adds framework and SDK stubs (see <see cref="FrameworkStubs.AddTo"/>).</summary>
        public Test WithStubs(params string[] stubs)
        {
            FrameworkStubs.AddTo(TestState, stubs);
            return this;
        }

        /// <summary>Compiles against the ASP.NET Core shared framework too (Blazor, MVC, SignalR, hosting).</summary>
        public Test WithAspNetCore()
        {
            ReferenceAssemblies = TestReferences.AspNetCore10;
            return this;
        }

        /// <summary>Adds an analyzer config file: <c>("/.editorconfig", "root = true\n[*.cs]\n...")</c> or <c>("/.globalconfig", "is_global = true\n...")</c>.</summary>
        public Test WithAnalyzerConfig(string path, string content)
        {
            TestState.AnalyzerConfigFiles.Add((path, content));
            return this;
        }

        /// <summary>Sets MSBuild properties as the package's props make them visible (<c>build_property.X = value</c>).</summary>
        public Test WithBuildProperty(string name, string value)
        {
            TestState.AnalyzerConfigFiles.Add(($"/{name}.globalconfig", $"is_global = true\nbuild_property.{name} = {value}\n"));
            return this;
        }
    }
}
