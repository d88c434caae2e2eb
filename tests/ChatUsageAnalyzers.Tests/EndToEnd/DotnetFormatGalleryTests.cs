using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using ChatUsageAnalyzers.Testing;

namespace ChatUsageAnalyzers.Tests.EndToEnd;

/// <summary>
/// The fixes as people run them in CI: the real <c>dotnet format analyzers</c> on a copy of the
/// misuse gallery, then a real build of the result.
/// </summary>
public class DotnetFormatGalleryTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task Dotnet_format_fixes_CHAT001_CHAT002_and_CHAT004_in_the_gallery_and_the_result_builds()
    {
        var work = CopyGallery();
        try
        {
            var before = await DotnetAsync(work, "build", "MisuseGallery/MisuseGallery.csproj", "--no-incremental");
            Assert.Equal(["CHAT001", "CHAT002", "CHAT003", "CHAT004"], WarningIds(before));

            await DotnetAsync(work, "format", "analyzers", "MisuseGallery/MisuseGallery.csproj",
                "--diagnostics", "CHAT001", "CHAT002", "CHAT004", "--severity", "warn");

            var after = await DotnetAsync(work, "build", "MisuseGallery/MisuseGallery.csproj", "--no-incremental");
            // CHAT003 has no code fix by design: the right shape spans the server and the client app.
            Assert.Equal(["CHAT003"], WarningIds(after));
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
        var gallery = Directory.CreateDirectory(Path.Combine(work, "MisuseGallery")).FullName;
        var source = RepositoryRoot.Combine("samples/MisuseGallery");
        foreach (var file in Directory.EnumerateFiles(source).Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".csproj", StringComparison.Ordinal)))
        {
            File.Copy(file, Path.Combine(gallery, Path.GetFileName(file)));
        }

        File.WriteAllText(Path.Combine(work, "Directory.Build.props"), $"""
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
