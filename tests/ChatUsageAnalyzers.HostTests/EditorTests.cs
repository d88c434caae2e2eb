using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.MSBuild;
using Microsoft.CodeAnalysis.Text;
using ChatUsageAnalyzers.Testing;

namespace ChatUsageAnalyzers.HostTests;

/// <summary>
/// Scenario 6: what a person sees in an editor. The squiggles: the csharp-ls language server, driven
/// over stdio as an editor drives it, reports our diagnostics for an open document at the connect
/// call's range. The light bulb: csharp-ls 0.28.0 offers no code fixes from analyzer packages
/// (docs/editors.md), so the fixes are checked through <see cref="MSBuildWorkspace"/>, the Roslyn
/// project layer the IDEs and csharp-ls load projects with: the package's analyzers/dotnet/cs
/// assemblies are what a design-time build hands to an IDE, and the code-fix assembly's providers
/// offer and apply their fixes at the diagnostic.
/// </summary>
[Collection(PackageFeedCollection.Name)]
public class EditorTests(PackageFeed feed)
{
    private const string CSharpLanguageServerVersion = "0.28.0";

    private static readonly TimeSpan WorkspaceLimit = TimeSpan.FromSeconds(90);

    /// <summary>Loading the project (a design-time build) is most of it: about a minute on a busy 2-core machine.</summary>
    private static readonly TimeSpan LanguageServerLimit = TimeSpan.FromSeconds(150);

    /// <summary>Connects in a loop with loop-invariant arguments (so the move-before-the-loop fix applies) and never disconnects.</summary>
    private const string MisuseSource = """
        using Chat.Client;

        public sealed class Importer
        {
            private readonly ChatClient _client = new("key");

            public async Task ImportAsync(IEnumerable<string> rooms, string token)
            {
                foreach (var room in rooms)
                {
                    await _client.ConnectUserAsync(new ChatUser("alice"), token);
                    Console.WriteLine(room);
                }
            }
        }
        """;

    [Fact]
    public async Task The_csharp_ls_language_server_publishes_our_diagnostics_for_an_open_document()
    {
        using var deadline = new CancellationTokenSource(LanguageServerLimit);
        var server = await CSharpLanguageServerAsync();
        var consumer = await RestoredConsumerAsync("LspMisuse", MisuseSource);
        var document = Path.Combine(consumer.Directory, "Importer.cs");
        var documentId = new JsonObject { ["uri"] = new Uri(document).AbsoluteUri };

        // csharp-ls runs analyzers only when its "csharp" settings section says so (docs/editors.md).
        await using var connection = LanguageServerConnection.Start(server, ["--loglevel", "info"], consumer.Directory, (method, parameters) =>
            method == "workspace/configuration"
                ? new JsonArray(parameters?["items"]?.AsArray().Select(_ => (JsonNode?)new JsonObject { ["analyzersEnabled"] = true }).ToArray() ?? [])
                : null);
        try
        {
            await connection.RequestAsync("initialize", new JsonObject
            {
                ["processId"] = Environment.ProcessId,
                ["rootUri"] = new Uri(consumer.Directory).AbsoluteUri,
                ["workspaceFolders"] = new JsonArray(new JsonObject { ["uri"] = new Uri(consumer.Directory).AbsoluteUri, ["name"] = consumer.Name }),
                ["capabilities"] = new JsonObject
                {
                    ["workspace"] = new JsonObject { ["configuration"] = true },
                    ["textDocument"] = new JsonObject { ["diagnostic"] = new JsonObject(), ["publishDiagnostics"] = new JsonObject() },
                },
            }, deadline.Token);
            await connection.NotifyAsync("initialized", new JsonObject(), deadline.Token);
            await connection.NotifyAsync("textDocument/didOpen", new JsonObject
            {
                ["textDocument"] = new JsonObject { ["uri"] = documentId["uri"]!.DeepClone(), ["languageId"] = "csharp", ["version"] = 1, ["text"] = MisuseSource },
            }, deadline.Token);

            var diagnostics = await PullChatDiagnosticsAsync(connection, documentId, deadline.Token);

            // The squiggle: line 11, from "_client" to the closing parenthesis (LSP counts from 0).
            var line = MisuseSource.Split('\n')[10];
            var start = line.IndexOf("_client", StringComparison.Ordinal);
            var end = line.IndexOf("token)", StringComparison.Ordinal) + "token)".Length;
            foreach (var id in new[] { "CHAT001", "CHAT004" })
            {
                var diagnostic = Assert.Single(diagnostics, d => d["code"]?.GetValue<string>() == id);
                Assert.Equal(10, diagnostic["range"]!["start"]!["line"]!.GetValue<int>());
                Assert.Equal(start, diagnostic["range"]!["start"]!["character"]!.GetValue<int>());
                Assert.Equal(10, diagnostic["range"]!["end"]!["line"]!.GetValue<int>());
                Assert.Equal(end, diagnostic["range"]!["end"]!["character"]!.GetValue<int>());
                Assert.Equal(2, diagnostic["severity"]!.GetValue<int>()); // Warning
                Assert.EndsWith($"docs/rules/{id}.md", diagnostic["codeDescription"]?["href"]?.GetValue<string>());
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or InvalidOperationException)
        {
            Assert.Fail($"csharp-ls did not deliver the CHAT diagnostics within {LanguageServerLimit}: {exception.Message}\n{connection.StandardError}");
        }
    }

    [Fact]
    public async Task The_workspace_reports_our_diagnostics_on_the_connect_call_and_offers_our_fixes()
    {
        using var deadline = new CancellationTokenSource(WorkspaceLimit);
        var consumer = await RestoredConsumerAsync("EditorMisuse", MisuseSource);
        using var workspace = MSBuildWorkspace.Create();
        var project = await workspace.OpenProjectAsync(consumer.ProjectPath, cancellationToken: deadline.Token);
        AssertLoaded(workspace, project);
        var document = project.Documents.Single(d => d.Name == "Importer.cs");

        var diagnostics = await ChatDiagnosticsAsync(project, deadline.Token);

        // The squiggle: the whole connect invocation, line 11 as in the build output.
        var text = await document.GetTextAsync(deadline.Token);
        var expected = Span(text, "_client.ConnectUserAsync(new ChatUser(\"alice\"), token)");
        var loop = Assert.Single(diagnostics, d => d.Id == "CHAT001");
        Assert.Equal(document.FilePath, loop.Location.SourceTree?.FilePath);
        Assert.Equal(expected, loop.Location.SourceSpan);
        Assert.Equal(10, loop.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Equal(DiagnosticSeverity.Warning, loop.Severity);
        var missingDisconnect = Assert.Single(diagnostics, d => d.Id == "CHAT004");
        Assert.Equal(expected, missingDisconnect.Location.SourceSpan);

        // The light bulb at that span: each fix comes from the package's code-fix assembly.
        var fixers = CodeFixProviders(project);
        var loopFixes = await CodeActionsAsync(fixers, document, loop, deadline.Token);
        Assert.Contains(loopFixes, a => a is { Title: "Move the connect call before the loop", EquivalenceKey: "CHAT001.MoveConnectBeforeLoop" });
        var disconnectFixes = await CodeActionsAsync(fixers, document, missingDisconnect, deadline.Token);
        Assert.Contains(disconnectFixes, a => a.EquivalenceKey == "CHAT004.AddDisconnect");

        // Choosing the fix changes the document so that the squiggle goes away, as it would in the editor.
        var fixedProject = await ApplyAsync(loopFixes.First(a => a.EquivalenceKey == "CHAT001.MoveConnectBeforeLoop"), project, deadline.Token);
        Assert.DoesNotContain(await ChatDiagnosticsAsync(fixedProject, deadline.Token), d => d.Id == "CHAT001");
    }

    [Fact]
    public async Task The_correct_consumer_shows_no_squiggles()
    {
        using var deadline = new CancellationTokenSource(WorkspaceLimit);
        var consumer = await RestoredConsumerAsync("EditorCorrect", CommandLineBuildTests.CorrectSource);
        using var workspace = MSBuildWorkspace.Create();
        var project = await workspace.OpenProjectAsync(consumer.ProjectPath, cancellationToken: deadline.Token);
        AssertLoaded(workspace, project);

        Assert.Empty(await ChatDiagnosticsAsync(project, deadline.Token));
    }

    /// <summary>
    /// Pulls the document's diagnostics (LSP 3.17 <c>textDocument/diagnostic</c>) until the CHAT ones
    /// are there: before the server has loaded the project it answers with none.
    /// </summary>
    private static async Task<List<JsonNode>> PullChatDiagnosticsAsync(LanguageServerConnection connection, JsonObject documentId, CancellationToken cancellationToken)
    {
        while (true)
        {
            var report = await connection.RequestAsync("textDocument/diagnostic", new JsonObject { ["textDocument"] = documentId.DeepClone() }, cancellationToken);
            var chat = (report?["items"]?.AsArray() ?? [])
                .OfType<JsonNode>()
                .Where(d => d["code"]?.GetValue<string>()?.StartsWith("CHAT", StringComparison.Ordinal) == true)
                .ToList();
            if (chat.Count > 0)
            {
                return chat;
            }

            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        }
    }

    /// <summary>
    /// The csharp-ls executable, installed once per machine into the temp folder by the SDK's own
    /// <c>dotnet tool install</c> (so CI needs nothing installed beforehand).
    /// </summary>
    private async Task<string> CSharpLanguageServerAsync()
    {
        var toolPath = Path.Combine(Path.GetTempPath(), "chat-usage-analyzers-tools", $"csharp-ls-{CSharpLanguageServerVersion}");
        var executable = Path.Combine(toolPath, OperatingSystem.IsWindows() ? "csharp-ls.exe" : "csharp-ls");
        if (!File.Exists(executable))
        {
            var (exitCode, output) = await ProcessRunner.RunAsync(
                "dotnet", ["tool", "install", "csharp-ls", "--version", CSharpLanguageServerVersion, "--tool-path", toolPath],
                feed.WorkDirectory, TimeSpan.FromMinutes(3));
            Assert.True(exitCode == 0 && File.Exists(executable), $"dotnet tool install csharp-ls exited with {exitCode}:\n{output}");
        }

        return executable;
    }

    private async Task<ConsumerProject> RestoredConsumerAsync(string name, string source)
    {
        var consumer = feed.NewConsumer(name).WithFile("Importer.cs", source).Write();
        // An IDE opens a restored project: the analyzer references come from the restore's assets file.
        var (exitCode, output) = await consumer.DotnetAsync("restore", consumer.ProjectPath, "-nologo");
        Assert.True(exitCode == 0, output);
        return consumer;
    }

    /// <summary>The project loaded with both packed assemblies as analyzer references, from the package's analyzers/dotnet/cs.</summary>
    private void AssertLoaded(MSBuildWorkspace workspace, Project project)
    {
        Assert.True(
            workspace.Diagnostics.All(d => d.Kind != WorkspaceDiagnosticKind.Failure),
            string.Join("\n", workspace.Diagnostics.Select(d => d.Message)));
        var fromPackage = project.AnalyzerReferences
            .Select(r => r.FullPath)
            .OfType<string>()
            .Where(path => path.Replace('\\', '/').Contains($"/{PackageFeed.AnalyzerPackageId.ToLowerInvariant()}/{feed.Version}/analyzers/dotnet/cs/", StringComparison.OrdinalIgnoreCase))
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal);
        Assert.Equal(["ChatUsageAnalyzers.CodeFixes.dll", "ChatUsageAnalyzers.dll"], fromPackage);
    }

    /// <summary>The CHAT diagnostics of every analyzer the project references, with the project's analyzer config (as the IDE runs them).</summary>
    private static async Task<ImmutableArray<Diagnostic>> ChatDiagnosticsAsync(Project project, CancellationToken cancellationToken)
    {
        var analyzers = project.AnalyzerReferences.SelectMany(r => r.GetAnalyzers(project.Language)).ToImmutableArray();
        var compilation = await project.GetCompilationAsync(cancellationToken) ?? throw new InvalidOperationException($"{project.Name} has no compilation.");
        Assert.Empty(compilation.GetDiagnostics(cancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error));
        var diagnostics = await compilation
            .WithAnalyzers(analyzers, project.AnalyzerOptions)
            .GetAnalyzerDiagnosticsAsync(cancellationToken);
        return diagnostics.Where(d => d.Id.StartsWith("CHAT", StringComparison.Ordinal)).ToImmutableArray();
    }

    /// <summary>
    /// The code-fix providers of the project's analyzer references, found as IDEs find them: types
    /// marked <see cref="ExportCodeFixProviderAttribute"/> in the referenced assemblies.
    /// </summary>
    private static ImmutableArray<CodeFixProvider> CodeFixProviders(Project project) =>
        project.AnalyzerReferences
            .OfType<AnalyzerFileReference>()
            .Select(r => r.GetAssembly())
            .SelectMany(a => a.GetTypes())
            .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t) && t.GetCustomAttribute<ExportCodeFixProviderAttribute>() is { } export && export.Languages.Contains(project.Language))
            .Select(t => (CodeFixProvider)Activator.CreateInstance(t, nonPublic: true)!)
            .ToImmutableArray();

    private static async Task<List<CodeAction>> CodeActionsAsync(ImmutableArray<CodeFixProvider> fixers, Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var actions = new List<CodeAction>();
        foreach (var fixer in fixers.Where(f => f.FixableDiagnosticIds.Contains(diagnostic.Id)))
        {
            await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), cancellationToken));
        }

        // Nested actions (one per choice) are what the light bulb lists.
        return actions.SelectMany(a => a.NestedActions.IsEmpty ? [a] : a.NestedActions).ToList();
    }

    private static async Task<Project> ApplyAsync(CodeAction action, Project project, CancellationToken cancellationToken)
    {
        var operations = await action.GetOperationsAsync(cancellationToken);
        var change = Assert.Single(operations.OfType<ApplyChangesOperation>());
        return change.ChangedSolution.GetProject(project.Id)!;
    }

    private static TextSpan Span(SourceText text, string snippet)
    {
        var start = text.ToString().IndexOf(snippet, StringComparison.Ordinal);
        Assert.True(start >= 0, $"'{snippet}' is not in the document.");
        return new TextSpan(start, snippet.Length);
    }
}
