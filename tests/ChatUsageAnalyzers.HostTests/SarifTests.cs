using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using ChatUsageAnalyzers.Testing;

namespace ChatUsageAnalyzers.HostTests;

/// <summary>
/// Scenario 5: the compiler's SARIF log, the file code-scanning services (GitHub code scanning,
/// Azure DevOps) read: our results with locations, and our rule metadata with help links.
/// </summary>
[Collection(PackageFeedCollection.Name)]
public class SarifTests(PackageFeed feed)
{
    /// <summary>The command docs/ci.md shows (the comma inside the property value is escaped for MSBuild).</summary>
    internal const string ErrorLogSwitch = "-p:ErrorLog=out.sarif%2Cversion=2.1";

    [Fact]
    public async Task ErrorLog_writes_SARIF_2_1_with_our_results_and_rule_metadata()
    {
        var consumer = feed.NewConsumer("Sarif").WithFile("Importer.cs", CommandLineBuildTests.MisuseSource).Write();

        var (exitCode, output) = await consumer.BuildAsync(ErrorLogSwitch);

        Assert.True(exitCode == 0, output);
        var logPath = Path.Combine(consumer.Directory, "out.sarif");
        Assert.True(File.Exists(logPath), $"no {logPath}:\n{output}");
        using var log = JsonDocument.Parse(File.ReadAllText(logPath));
        Assert.Equal("2.1.0", log.RootElement.GetProperty("version").GetString());
        var run = Assert.Single(log.RootElement.GetProperty("runs").EnumerateArray());

        var results = run.GetProperty("results").EnumerateArray()
            .Where(r => r.GetProperty("ruleId").GetString()!.StartsWith("CHAT", StringComparison.Ordinal))
            .ToList();
        var loop = Assert.Single(results, r => r.GetProperty("ruleId").GetString() == "CHAT001");
        Assert.Equal("warning", loop.GetProperty("level").GetString());
        var location = loop.GetProperty("locations")[0].GetProperty("physicalLocation");
        var uri = new Uri(location.GetProperty("artifactLocation").GetProperty("uri").GetString()!);
        Assert.Equal(Path.Combine(consumer.Directory, "Importer.cs"), uri.LocalPath);
        Assert.Equal(11, location.GetProperty("region").GetProperty("startLine").GetInt32());
        Assert.Contains(results, r => r.GetProperty("ruleId").GetString() == "CHAT004");

        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToList();
        foreach (var result in results)
        {
            var id = result.GetProperty("ruleId").GetString()!;
            // Code-scanning services find a result's rule through ruleIndex.
            var rule = rules[result.GetProperty("ruleIndex").GetInt32()];
            Assert.Equal(id, rule.GetProperty("id").GetString());
            Assert.False(string.IsNullOrWhiteSpace(rule.GetProperty("shortDescription").GetProperty("text").GetString()), id);
            var helpUri = rule.GetProperty("helpUri").GetString();
            Assert.EndsWith($"/docs/rules/{id}.md", helpUri, StringComparison.Ordinal);
            Assert.True(File.Exists(RepositoryRoot.Combine($"docs/rules/{id}.md")), $"{helpUri} names a page the repository does not have");
            // The compiler omits defaultConfiguration when the default level is "warning", SARIF's own default.
            var level = rule.TryGetProperty("defaultConfiguration", out var configuration) && configuration.TryGetProperty("level", out var configured)
                ? configured.GetString()
                : "warning";
            Assert.Equal("warning", level);
        }
    }
}
