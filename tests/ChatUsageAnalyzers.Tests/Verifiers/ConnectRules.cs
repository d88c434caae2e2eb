using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Testing;

namespace ChatUsageAnalyzers.Tests.Verifiers;

/// <summary>
/// One rule of <see cref="ConnectRulesAnalyzer"/>, named by a marker type so that a test file's
/// verifier alias says which rule it checks (<c>ConnectRuleVerifier&lt;Chat004&gt;</c>).
/// </summary>
public interface IConnectRule
{
    static abstract string Id { get; }
}

public sealed class Chat001 : IConnectRule
{
    public static string Id => "CHAT001";
}

public sealed class Chat003 : IConnectRule
{
    public static string Id => "CHAT003";
}

public sealed class Chat004 : IConnectRule
{
    public static string Id => "CHAT004";
}

public sealed class Chat005 : IConnectRule
{
    public static string Id => "CHAT005";
}

public sealed class Chat007 : IConnectRule
{
    public static string Id => "CHAT007";
}

/// <summary>
/// The shipped <see cref="ConnectRulesAnalyzer"/>, every rule of it running, with the family's
/// other rules' IDs disabled as a user would (<see cref="AnalyzerTest{TVerifier}.DisabledDiagnostics"/>:
/// the compilation's options suppress them), so a test of one rule neither expects the others'
/// findings nor hides a rule's interference with them.
/// </summary>
internal static class ConnectRules
{
    public static IEnumerable<string> OthersThan<TRule>()
        where TRule : IConnectRule =>
        new ConnectRulesAnalyzer().SupportedDiagnostics.Select(d => d.Id).Where(id => id != TRule.Id);
}

/// <summary><see cref="CSharpAnalyzerVerifier{TAnalyzer}"/> for one rule of <see cref="ConnectRulesAnalyzer"/> (see <see cref="ConnectRules"/>).</summary>
public static class ConnectRuleVerifier<TRule>
    where TRule : IConnectRule
{
    public static DiagnosticResult Diagnostic(string diagnosticId) =>
        CSharpAnalyzerVerifier<ConnectRulesAnalyzer>.Diagnostic(diagnosticId);

    public static Task VerifyAnalyzerAsync(string source, params DiagnosticResult[] expected) =>
        VerifyAnalyzerAsync(source, [], expected);

    public static Task VerifyAnalyzerAsync(string source, string[] stubs, params DiagnosticResult[] expected) =>
        CSharpAnalyzerVerifier<ConnectRulesAnalyzer>.RunAsync(new Test(source), stubs, expected);

    public sealed class Test : CSharpAnalyzerVerifier<ConnectRulesAnalyzer>.Test
    {
        public Test(string source)
            : base(source) => DisabledDiagnostics.AddRange(ConnectRules.OthersThan<TRule>());
    }
}

/// <summary><see cref="CSharpCodeFixVerifier{TAnalyzer, TCodeFix}"/> for one rule of <see cref="ConnectRulesAnalyzer"/> (see <see cref="ConnectRules"/>).</summary>
public static class ConnectRuleFixVerifier<TRule, TCodeFix>
    where TRule : IConnectRule
    where TCodeFix : CodeFixProvider, new()
{
    public static DiagnosticResult Diagnostic(string diagnosticId) =>
        CSharpCodeFixVerifier<ConnectRulesAnalyzer, TCodeFix>.Diagnostic(diagnosticId);

    public static Task VerifyCodeFixAsync(string source, string fixedSource, string equivalenceKey, params string[] stubs) =>
        new Test(source, fixedSource, equivalenceKey).WithStubs(stubs).RunAsync(CancellationToken.None);

    public static Task VerifyNoCodeFixAsync(string source, string equivalenceKey, params string[] stubs) =>
        new Test(source, source, equivalenceKey).WithStubs(stubs).RunAsync(CancellationToken.None);

    public sealed class Test : CSharpCodeFixVerifier<ConnectRulesAnalyzer, TCodeFix>.Test
    {
        public Test(string source, string fixedSource, string equivalenceKey)
            : base(source, fixedSource, equivalenceKey) => DisabledDiagnostics.AddRange(ConnectRules.OthersThan<TRule>());
    }
}
