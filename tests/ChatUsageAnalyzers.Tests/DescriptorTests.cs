using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using ChatUsageAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ChatUsageAnalyzers.Tests;

/// <summary>Meta-tests: the descriptors, the analyzers, the docs and release tracking agree.</summary>
public class DescriptorTests
{
    private static readonly Assembly AnalyzerAssembly = typeof(Descriptors).Assembly;

    public static readonly IReadOnlyList<DiagnosticDescriptor> AllDescriptors = typeof(Descriptors)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
        .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
        .ToList();

    public static TheoryData<string> DescriptorIds() => new(AllDescriptors.Select(d => d.Id));

    private static DiagnosticDescriptor Descriptor(string id) => AllDescriptors.Single(d => d.Id == id);

    [Fact]
    public void Ids_are_unique_and_well_formed()
    {
        Assert.NotEmpty(AllDescriptors);
        Assert.Equal(AllDescriptors.Count, AllDescriptors.Select(d => d.Id).Distinct().Count());
        Assert.All(AllDescriptors, d => Assert.Matches("^CHAT[0-9]{3}$", d.Id));
    }

    [Theory]
    [MemberData(nameof(DescriptorIds))]
    public void Every_descriptor_has_a_release_tracking_row_that_matches_it(string id)
    {
        var descriptor = Descriptor(id);
        var rows = (RepositoryFiles.Read("AnalyzerReleases.Shipped.md") + "\n" + RepositoryFiles.Read("AnalyzerReleases.Unshipped.md"))
            .Split('\n')
            .Select(line => line.Split('|').Select(cell => cell.Trim()).ToArray())
            .Where(cells => cells.Length >= 3 && cells[0] == id)
            .ToList();

        var row = Assert.Single(rows);
        Assert.Equal(descriptor.Category, row[1]);
        Assert.Equal(descriptor.DefaultSeverity.ToString(), row[2]);
    }

    [Theory]
    [MemberData(nameof(DescriptorIds))]
    public void Every_descriptor_links_to_its_existing_doc_page(string id)
    {
        var descriptor = Descriptor(id);
        Assert.EndsWith($"/docs/rules/{id}.md", descriptor.HelpLinkUri, StringComparison.Ordinal);
        var page = RepositoryFiles.PathOf($"docs/rules/{id}.md");
        Assert.True(File.Exists(page), $"{id} has no page at {page}");
        Assert.StartsWith($"# {id}: {descriptor.Title}", File.ReadAllText(page), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(DescriptorIds))]
    public void Every_descriptor_is_reported_by_exactly_one_analyzer(string id)
    {
        var analyzers = AnalyzerAssembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .Where(a => a.SupportedDiagnostics.Any(d => d.Id == id));

        Assert.Single(analyzers);
    }

    [Theory]
    [MemberData(nameof(DescriptorIds))]
    public void The_readme_rule_table_lists_every_descriptor(string id)
    {
        var descriptor = Descriptor(id);
        var row = $"| [{id}](docs/rules/{id}.md) | {descriptor.Title} | {descriptor.Category} | {descriptor.DefaultSeverity} |";
        Assert.Contains(row, RepositoryFiles.Read("README.md"), StringComparison.Ordinal);
    }

    /// <summary>Unity 2020.2-2022 (Roslyn 3.8) refuses analyzers built against a newer Roslyn.</summary>
    [Fact]
    public void The_analyzer_assembly_references_Roslyn_3_8_or_older()
    {
        using var stream = File.OpenRead(AnalyzerAssembly.Location);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        var roslyn = metadata.AssemblyReferences
            .Select(metadata.GetAssemblyReference)
            .Where(r => metadata.GetString(r.Name).StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal))
            .Select(r => (Name: metadata.GetString(r.Name), r.Version))
            .ToList();

        Assert.NotEmpty(roslyn);
        Assert.All(roslyn, r => Assert.True(r.Version <= new Version(3, 8, 0, 0), $"{r.Name} {r.Version} is newer than 3.8"));
        Assert.DoesNotContain(roslyn, r => r.Name.Contains("Workspaces", StringComparison.Ordinal));
    }
}
