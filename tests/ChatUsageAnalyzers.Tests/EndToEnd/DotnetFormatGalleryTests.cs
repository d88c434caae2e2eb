using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using ChatUsageAnalyzers.CodeFixes;
using ChatUsageAnalyzers.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace ChatUsageAnalyzers.Tests.EndToEnd;

/// <summary>
/// The fixes as people run them in CI: the real <c>dotnet format analyzers</c> on a copy of the
/// misuse gallery, then a real build of the result.
/// </summary>
public class DotnetFormatGalleryTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(4);

    /// <summary>Every rule with a source location (CHAT9nn are configuration diagnostics).</summary>
    private static readonly string[] RuleIds = typeof(Descriptors).GetFields()
        .Select(f => f.GetValue(null)).OfType<DiagnosticDescriptor>()
        .Select(d => d.Id).Where(id => !id.StartsWith("CHAT9", StringComparison.Ordinal))
        .Order(StringComparer.Ordinal).ToArray();

    /// <summary>The ids some code fix handles.</summary>
    private static readonly string[] FixableIds = typeof(EquivalenceKeys).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t))
        .SelectMany(t => ((CodeFixProvider)Activator.CreateInstance(t)!).FixableDiagnosticIds)
        .Distinct().Order(StringComparer.Ordinal).ToArray();

    /// <summary>The command as the README shows it: every fixable rule, on the gallery.</summary>
    private static string[] FormatArguments() =>
        ["format", "analyzers", "samples/MisuseGallery/MisuseGallery.csproj", "--diagnostics", .. FixableIds, "--severity", "warn"];

    [Fact]
    public void The_README_shows_the_format_command_this_test_runs()
    {
        var command = "dotnet " + string.Join(' ', FormatArguments());
        Assert.Contains(command, File.ReadAllText(RepositoryRoot.Combine("README.md")));
    }

    [Fact]
    public async Task Dotnet_format_fixes_every_fixable_rule_in_the_gallery_and_the_result_builds()
    {
        var work = CopyGallery();
        try
        {
            var before = await DotnetAsync(work, "build", "samples/MisuseGallery/MisuseGallery.csproj", "--no-incremental");
            Assert.Equal(RuleIds, WarningIds(before));

            // Twice, as the README says: since the connect rules became one analyzer (issue 7), one
            // run sometimes left a CHAT005 finding in the gallery (2 of 5 runs), which the second
            // run fixes. Likely cause, not yet confirmed: the fixes of one analyzer's IDs are applied
            // one ID after another on diagnostics computed once, in an order that varies by run.
            await DotnetAsync(work, FormatArguments());
            await DotnetAsync(work, FormatArguments());

            var after = await DotnetAsync(work, "build", "samples/MisuseGallery/MisuseGallery.csproj", "--no-incremental");
            // What is left has no code fix by design (CHAT003: the right shape spans the server and the client app).
            Assert.Equal(RuleIds.Except(FixableIds), WarningIds(after));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>The gallery's sources in a temporary folder whose props import the repository's samples props (analyzers, fixes, client).</summary>
    private static string CopyGallery()
    {
        var work = Directory.CreateTempSubdirectory("chat-format-").FullName;
        var gallery = Directory.CreateDirectory(Path.Combine(work, "samples", "MisuseGallery")).FullName;
        var source = RepositoryRoot.Combine("samples/MisuseGallery");
        foreach (var file in Directory.EnumerateFiles(source).Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".csproj", StringComparison.Ordinal)))
        {
            File.Copy(file, Path.Combine(gallery, Path.GetFileName(file)));
        }

        File.WriteAllText(Path.Combine(work, "samples", "Directory.Build.props"), $"""
            <Project>
              <Import Project="{RepositoryRoot.Combine("samples/Directory.Build.props")}" />
            </Project>
            """);
        return work;
    }

    private static async Task<string> DotnetAsync(string workingDirectory, params string[] arguments)
    {
        var (exitCode, output) = await ProcessRunner.RunAsync("dotnet", arguments, workingDirectory, Limit);
        Assert.True(exitCode == 0, $"dotnet {string.Join(' ', arguments)} exited with {exitCode}:\n{output}");
        return output;
    }

    private static string[] WarningIds(string buildOutput) =>
        Regex.Matches(buildOutput, @"\.cs\(\d+,\d+\): warning (CHAT\d{3}):")
            .Select(m => m.Groups[1].Value)
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToArray();
}
