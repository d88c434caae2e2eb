using System;
using System.Composition;
using System.Linq;
using System.Reflection;
using ChatUsageAnalyzers.CodeFixes;
using Microsoft.CodeAnalysis.CodeFixes;

namespace ChatUsageAnalyzers.Tests;

/// <summary>Meta-tests: every fixer is exported, fixes a real descriptor and supports Fix All in every scope.</summary>
public class CodeFixMetaTests
{
    public static TheoryData<string> FixerNames() => new(Fixers().Select(t => t.Name));

    private static Type[] Fixers() => typeof(EquivalenceKeys).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t))
        .ToArray();

    private static CodeFixProvider Create(string name) =>
        (CodeFixProvider)Activator.CreateInstance(Fixers().Single(t => t.Name == name))!;

    [Fact]
    public void There_are_fixers()
    {
        Assert.NotEmpty(Fixers());
    }

    [Theory]
    [MemberData(nameof(FixerNames))]
    public void Every_fixer_is_exported_for_CSharp_and_shared(string name)
    {
        var type = Fixers().Single(t => t.Name == name);
        var export = type.GetCustomAttribute<ExportCodeFixProviderAttribute>();
        Assert.NotNull(export);
        Assert.Contains("C#", export.Languages);
        Assert.NotNull(type.GetCustomAttribute<SharedAttribute>());
    }

    [Theory]
    [MemberData(nameof(FixerNames))]
    public void Every_fixer_fixes_known_descriptors(string name)
    {
        var known = DescriptorTests.AllDescriptors.Select(d => d.Id).ToHashSet();
        var fixable = Create(name).FixableDiagnosticIds;
        Assert.NotEmpty(fixable);
        Assert.All(fixable, id => Assert.Contains(id, known));
    }

    [Theory]
    [MemberData(nameof(FixerNames))]
    public void Every_fixer_supports_fix_all_in_document_project_and_solution(string name)
    {
        var fixAll = Create(name).GetFixAllProvider();
        Assert.NotNull(fixAll);
        Assert.Equal(
            new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution },
            fixAll.GetSupportedFixAllScopes().Where(s => s is FixAllScope.Document or FixAllScope.Project or FixAllScope.Solution).Order());
    }
}
