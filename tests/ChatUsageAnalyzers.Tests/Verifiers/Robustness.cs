using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ChatUsageAnalyzers.Tests.Verifiers;

/// <summary>
/// For malformed code: runs every analyzer of the product on the source and fails on any analyzer
/// exception (what the IDE shows as AD0001). Which rules fire on broken code is not asserted.
/// </summary>
public static class Robustness
{
    public static readonly ImmutableArray<DiagnosticAnalyzer> AllAnalyzers = typeof(Descriptors).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
        .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
        .ToImmutableArray();

    public static async Task AssertAnalyzersDoNotThrowAsync(string source, params string[] stubs)
    {
        Assert.NotEmpty(AllAnalyzers);
        var references = (await TestReferences.AspNetCore10.ResolveAsync(LanguageNames.CSharp, CancellationToken.None))
            .Add(TestReferences.ChatClient);
        var trees = new[] { source }.Concat(stubs)
            .Select((text, i) => CSharpSyntaxTree.ParseText(text, path: $"/0/Test{i}.cs"));
        var compilation = CSharpCompilation.Create(
            "Broken", trees, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

        var exceptions = new ConcurrentQueue<Exception>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: (exception, _, _) => exceptions.Enqueue(exception),
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false);
        var diagnostics = await compilation.WithAnalyzers(AllAnalyzers, options).GetAnalyzerDiagnosticsAsync();

        Assert.Empty(exceptions);
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
    }

    /// <summary>
    /// Runs <paramref name="analyzer"/> on broken <paramref name="source"/> in a workspace and computes
    /// every code action <paramref name="fix"/> registers for its diagnostics there: none may throw.
    /// </summary>
    public static async Task AssertFixesDoNotThrowAsync(DiagnosticAnalyzer analyzer, CodeFixProvider fix, string source, params string[] stubs)
    {
        using var workspace = new AdhocWorkspace();
        var references = (await TestReferences.Net10.ResolveAsync(LanguageNames.CSharp, CancellationToken.None)).Add(TestReferences.ChatClient);
        var project = workspace.AddProject("Broken", LanguageNames.CSharp)
            .WithMetadataReferences(references)
            .WithCompilationOptions(new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var document = project.AddDocument("Test0.cs", source);
        for (var i = 0; i < stubs.Length; i++)
        {
            document = document.Project.AddDocument($"Stubs{i}.cs", stubs[i]).Project.GetDocument(document.Id)!;
        }

        var compilation = (await document.Project.GetCompilationAsync())!;
        var tree = await document.GetSyntaxTreeAsync();
        var diagnostics = (await compilation.WithAnalyzers([analyzer]).GetAnalyzerDiagnosticsAsync())
            .Where(d => d.Location.SourceTree == tree && fix.FixableDiagnosticIds.Contains(d.Id))
            .ToImmutableArray();
        Assert.NotEmpty(diagnostics);

        foreach (var diagnostic in diagnostics)
        {
            var actions = new System.Collections.Generic.List<CodeAction>();
            await fix.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
            foreach (var action in actions)
            {
                await action.GetOperationsAsync(CancellationToken.None);
            }
        }
    }
}
