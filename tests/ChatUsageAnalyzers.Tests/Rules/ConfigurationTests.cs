using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ChatUsageAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace ChatUsageAnalyzers.Tests.Rules;

/// <summary>
/// The <c>chat_usage.*</c> options (RULES.md "Configuration"): configured types become targeted
/// APIs for every rule, render and repeating methods extend the lifecycle tables, and CHAT900
/// reports the entries that are ignored.
/// </summary>
public class ConfigurationTests
{
    /// <summary>A client of the project's own, unknown to the analyzers until configured.</summary>
    private const string Socket = """
        namespace Acme.Realtime
        {
            public sealed class Socket : System.IAsyncDisposable
            {
                public System.Threading.Tasks.Task OpenAsync() => System.Threading.Tasks.Task.CompletedTask;
                public System.Threading.Tasks.Task CloseAsync() => System.Threading.Tasks.Task.CompletedTask;
                public bool IsOpen { get; }
                public System.Threading.Tasks.ValueTask DisposeAsync() => default;
            }
        }
        """;

    private const string ConnectOnly = "chat_usage.connect_methods = Acme.Realtime.Socket.OpenAsync\n";

    private const string FullSocket = ConnectOnly
        + "chat_usage.disconnect_methods = Acme.Realtime.Socket.CloseAsync | Acme.Realtime.Socket.DisposeAsync\n"
        + "chat_usage.connection_state_members = Acme.Realtime.Socket.IsOpen\n";

    private const string OpenInALoop = """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Acme.Realtime;

        public class Rooms
        {
            public async Task JoinAllAsync(Socket socket, List<string> rooms)
            {
                foreach (var room in rooms) { await {|CHAT001:socket.OpenAsync()|}; }
            }
        }
        """;

    // ---- Configured types are targeted APIs (and the compilation-start bail-out still holds)

    [Fact]
    public async Task A_configured_connect_method_is_a_connect_without_any_built_in_client_referenced()
    {
        await RunRule<Chat001>(OpenInALoop, Editor(ConnectOnly), withChatClient: false);
    }

    [Fact]
    public async Task A_global_AnalyzerConfig_works_like_editorconfig()
    {
        await RunRule<Chat001>(OpenInALoop, Global(ConnectOnly), withChatClient: false);
    }

    [Fact]
    public async Task Without_configuration_the_same_call_is_not_a_connect()
    {
        await RunRule<Chat001>(OpenInALoop.Replace("{|CHAT001:", "").Replace("|};", ";"), config: null, withChatClient: false);
    }

    [Fact]
    public async Task An_entry_applies_to_the_whole_compilation_whichever_file_section_sets_it()
    {
        var test = new ConnectRuleVerifier<Chat001>.Test(OpenInALoop);
        test.TestState.Sources.Add(("/0/Realtime/Socket.cs", Socket));
        test.WithAnalyzerConfig("/.editorconfig", "root = true\n[Socket.cs]\n" + ConnectOnly);
        await test.RunAsync(CancellationToken.None);
    }

    [Theory]
    [InlineData(FullSocket, "")]
    [InlineData(ConnectOnly, "{|CHAT001:")]
    public async Task A_configured_state_member_makes_a_retry_loop(string config, string markup)
    {
        var end = markup.Length == 0 ? "" : "|}";
        await RunRule<Chat001>($$"""
            using System.Threading.Tasks;
            using Acme.Realtime;

            public class Reconnect
            {
                public async Task RunAsync(Socket socket)
                {
                    while (!socket.IsOpen) { await {{markup}}socket.OpenAsync(){{end}}; await Task.Delay(100); }
                }
            }
            """, Editor(config), withChatClient: false);
    }

    [Theory]
    [InlineData(FullSocket, "")]
    [InlineData(ConnectOnly, "{|CHAT004:")]
    public async Task A_configured_disconnect_method_pairs_with_the_connect(string config, string markup)
    {
        var end = markup.Length == 0 ? "" : "|}";
        await RunRule<Chat004>($$"""
            using System;
            using System.Threading.Tasks;
            using Acme.Realtime;

            public sealed class Presence : IDisposable
            {
                private readonly Socket _socket = new();

                public async Task StartAsync() => await {{markup}}_socket.OpenAsync(){{end}};

                public void Dispose() => _socket.CloseAsync().GetAwaiter().GetResult();
            }
            """, Editor(config), withChatClient: false);
    }

    [Theory]
    [InlineData("chat_usage.connection_state_members = Chat.Client.ChatClient.CurrentUser\n", "")]
    [InlineData("", "{|CHAT001:")]
    public async Task A_configured_member_extends_a_built_in_client(string config, string markup)
    {
        var end = markup.Length == 0 ? "" : "|}";
        await RunRule<Chat001>($$"""
            using System.Threading.Tasks;
            using Chat.Client;

            public class SignIn
            {
                public async Task RunAsync(ChatClient client)
                {
                    while (client.CurrentUser is null) { await {{markup}}client.ConnectUserAsync(new ChatUser("a"), "token"){{end}}; }
                }
            }
            """, Editor(config), withChatClient: true, withSocket: false);
    }

    // ---- render_methods (CHAT002)

    [Fact]
    public async Task A_configured_render_method_is_flagged_on_the_type_and_its_overrides_and_the_message_names_the_key()
    {
        await Run<RenderConnectAnalyzer>("""
            using System.Threading.Tasks;
            using Acme.Realtime;

            namespace Acme.Ui
            {
                public class Widget
                {
                    protected readonly Socket Socket = new();
                    public virtual void Refresh() { _ = {|#0:Socket.OpenAsync()|}; }
                    public void Load() { _ = Socket.OpenAsync(); }
                }

                public class ChatWidget : Widget
                {
                    public override void Refresh() { _ = {|#1:Socket.OpenAsync()|}; }
                    public void Refresh(int times) { _ = {|#2:Socket.OpenAsync()|}; }
                }
            }
            """,
            Editor(ConnectOnly + "chat_usage.render_methods = Acme.Ui.Widget.Refresh\n"),
            withChatClient: false,
            Expected(Descriptors.CHAT002_ConnectInRenderMethod, 0, "OpenAsync", "render", "'Refresh'", "configured in chat_usage.render_methods", "guard it with the client's connection state, or connect where the page is created"),
            Expected(Descriptors.CHAT002_ConnectInRenderMethod, 1, "OpenAsync", "render", "'Refresh'", "configured in chat_usage.render_methods", "guard it with the client's connection state, or connect where the page is created"),
            Expected(Descriptors.CHAT002_ConnectInRenderMethod, 2, "OpenAsync", "render", "'Refresh'", "configured in chat_usage.render_methods", "guard it with the client's connection state, or connect where the page is created"));
    }

    [Fact]
    public async Task A_configured_render_method_on_a_framework_type_gets_the_framework_advice()
    {
        var test = new CSharpAnalyzerVerifier<RenderConnectAnalyzer>.Test("""
            using Chat.Client;
            using UnityEngine;

            public class Hud : MonoBehaviour
            {
                public virtual void Redraw() { }
            }

            public class ChatHud : Hud
            {
                private readonly ChatClient _chat = new("key");
                public override void Redraw() { _ = {|#0:_chat.ConnectUserAsync(new ChatUser("a"), "token")|}; }
            }
            """).WithStubs(FrameworkStubs.Unity).WithAnalyzerConfig("/.editorconfig", Editor("chat_usage.render_methods = Hud.Redraw\n").Content);
        test.ExpectedDiagnostics.Add(Expected(Descriptors.CHAT002_ConnectInRenderMethod, 0, "ConnectUserAsync", "frame", "'Redraw'", "Unity", "connect once in 'Start'"));
        await test.RunAsync(CancellationToken.None);
    }

    // ---- repeating_methods (CHAT005's table; CHAT006 reads it through the same lookup)

    [Fact]
    public async Task A_configured_repeating_method_counts_as_running_more_than_once()
    {
        await Run<ClientCreationAnalyzer>("""
            using Chat.Client;

            namespace Acme.Ui
            {
                public class Screen
                {
                    public virtual void Show() { }
                }

                public class ChatScreen : Screen
                {
                    private ChatClient? _client;
                    public override void Show() { _client = {|#0:new ChatClient("key")|}; }
                    public void Build() { _client = new ChatClient("key"); }
                }
            }
            """,
            Editor("chat_usage.repeating_methods = Acme.Ui.Screen.Show\n"),
            withChatClient: true,
            withSocket: false,
            new DiagnosticResult(Descriptors.CHAT006_ClientCreatedPerUse).WithLocation(0)
                .WithArguments("new ChatClient", "ChatClient", "every time 'Show' runs (configured in chat_usage.repeating_methods)", "create it once per instance, in a field"));
    }

    // ---- CHAT900

    [Fact]
    public async Task Each_kind_of_bad_entry_is_reported_once_naming_the_key_the_entry_and_the_reason()
    {
        await Run<ConfigurationAnalyzer>(
            "public class Nothing { }",
            Editor("""
                chat_usage.connect_methods = Acme.Realtime.Socket.OpenAsync | OpenAsync | Acme.Realtime.Sockett.OpenAsync
                chat_usage.disconnect_methods = Acme.Realtime.Socket.Shutdown
                chat_usage.connection_state_members = Acme.Realtime.Socket.IsOpen | Acme.Realtime.Socket.Connected
                chat_usage.render_methods = Acme.Realtime.Socket.IsOpen
                chat_usage.server_side = yes

                """),
            withChatClient: false,
            Problem("chat_usage.connect_methods", "OpenAsync", "write it as Namespace.Type.Member (the type's full metadata name, 'Outer+Inner' for a nested type), entries separated by '|'"),
            Problem("chat_usage.connect_methods", "Acme.Realtime.Sockett.OpenAsync", "no type 'Acme.Realtime.Sockett' in this compilation (is the assembly referenced, and is this its full metadata name?)"),
            Problem("chat_usage.disconnect_methods", "Acme.Realtime.Socket.Shutdown", "'Acme.Realtime.Socket' has no method 'Shutdown'"),
            Problem("chat_usage.connection_state_members", "Acme.Realtime.Socket.Connected", "'Acme.Realtime.Socket' has no property, field or method 'Connected'"),
            Problem("chat_usage.render_methods", "Acme.Realtime.Socket.IsOpen", "'Acme.Realtime.Socket' has no method 'IsOpen'"),
            Problem("chat_usage.server_side", "yes", "the value must be 'true' or 'false'"));
    }

    [Fact]
    public async Task An_entry_set_in_several_places_and_seen_by_several_files_is_reported_once()
    {
        var test = new CSharpAnalyzerVerifier<ConfigurationAnalyzer>.Test("public class One { }");
        test.TestState.Sources.Add(("/0/Two.cs", "public class Two { }"));
        test.TestState.Sources.Add(("/0/Realtime/Socket.cs", Socket));
        test.WithAnalyzerConfig("/.editorconfig", "root = true\n[*.cs]\nchat_usage.connect_methods = Acme.Realtime.Socket.Open\n");
        test.WithAnalyzerConfig("/.globalconfig", "is_global = true\nchat_usage.connect_methods = Acme.Realtime.Socket.Open\n");
        test.ExpectedDiagnostics.Add(Problem("chat_usage.connect_methods", "Acme.Realtime.Socket.Open", "'Acme.Realtime.Socket' has no method 'Open'"));
        await test.RunAsync(CancellationToken.None);
    }

    [Theory]
    [InlineData("System.Collections.Generic.List`1.Add")]
    [InlineData("System.Environment+SpecialFolder.HasFlag")]
    [InlineData("Acme.Realtime.Socket.DisposeAsync")]
    [InlineData("  Acme.Realtime.Socket.OpenAsync  ||  ")]
    public async Task Well_formed_entries_that_resolve_are_not_reported(string value)
    {
        await Run<ConfigurationAnalyzer>("public class Nothing { }", Global($"chat_usage.connect_methods = {value}\nchat_usage.server_side = False\n"), withChatClient: false);
    }

    [Theory]
    [InlineData(".OpenAsync")]
    [InlineData("Acme.Realtime.Socket.")]
    [InlineData("Acme..Socket.OpenAsync")]
    [InlineData("Acme.Realtime.Socket.OpenAsync()")]
    [InlineData("Acme.Realtime.Socket.OpenAsync, Acme.Realtime.Socket.CloseAsync")]
    [InlineData("System.Collections.Generic.List`.Add")]
    [InlineData("Acme.Realtime.Socket.1Open")]
    public async Task Malformed_entries_are_reported_and_nothing_throws(string entry)
    {
        await Run<ConfigurationAnalyzer>(
            "public class Nothing { }",
            Editor($"chat_usage.repeating_methods = {entry}\n"),
            withChatClient: false,
            Problem("chat_usage.repeating_methods", entry, "write it as Namespace.Type.Member (the type's full metadata name, 'Outer+Inner' for a nested type), entries separated by '|'"));
    }

    [Fact]
    public async Task Without_chat_usage_options_nothing_is_registered_or_reported()
    {
        await Run<ConfigurationAnalyzer>("public class Nothing { }", Editor("dotnet_diagnostic.CHAT001.severity = error\n"), withChatClient: true);
    }

    [Fact]
    public async Task Every_analyzer_survives_broken_code_under_odd_configuration()
    {
        var references = (await TestReferences.AspNetCore10.ResolveAsync(LanguageNames.CSharp, CancellationToken.None)).Add(TestReferences.ChatClient);
        var trees = new[]
        {
            CSharpSyntaxTree.ParseText("""
                using Acme.Realtime;
                public class Broken : Acme.Ui.Widget
                {
                    Socket s = new(;
                    public override void Refresh() { for (;;) s.OpenAsync(; while (!s.IsOpen) s.OpenAsync() }
                    void OnParametersSet() { s?.OpenAsync(1, 2); s.CloseAsync().
                }
                """, path: "/0/Broken.cs"),
            CSharpSyntaxTree.ParseText(Socket, path: "/0/Socket.cs"),
        };
        var compilation = CSharpCompilation.Create("Broken", trees, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var options = new ConfigOptionsProvider(new Dictionary<string, string>
        {
            ["chat_usage.connect_methods"] = "Acme.Realtime.Socket.OpenAsync|Acme.Realtime.Socket.IsOpen|Chat.Client.ChatClient.ConnectUserAsync|||.",
            ["chat_usage.disconnect_methods"] = "Acme.Realtime.Socket.CloseAsync|Acme.Realtime.Socket.OpenAsync",
            ["chat_usage.connection_state_members"] = "Acme.Realtime.Socket.OpenAsync|System.String.Length",
            ["chat_usage.render_methods"] = "Acme.Ui.Widget.Refresh|Broken.Refresh|System.Object.ToString",
            ["chat_usage.repeating_methods"] = "Broken.OnParametersSet|`1.x",
            ["chat_usage.server_side"] = "",
        });
        var exceptions = new ConcurrentQueue<System.Exception>();
        var withAnalyzers = compilation.WithAnalyzers(Robustness.AllAnalyzers, new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, options),
            onAnalyzerException: (exception, _, _) => exceptions.Enqueue(exception),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false));

        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync();

        Assert.Empty(exceptions);
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        Assert.Contains(diagnostics, d => d.Id == "CHAT900" && d.GetMessage().Contains("'`1.x' in chat_usage.repeating_methods"));
    }

    private static DiagnosticResult Expected(DiagnosticDescriptor descriptor, int location, params object[] arguments) =>
        new DiagnosticResult(descriptor).WithLocation(location).WithArguments(arguments);

    private static DiagnosticResult Problem(string key, string entry, string reason) =>
        new DiagnosticResult(Descriptors.CHAT900_InvalidConfigurationEntry).WithArguments(key, entry, reason);

    private static (string Path, string Content) Editor(string settings) => ("/.editorconfig", "root = true\n[*.cs]\n" + settings);

    private static (string Path, string Content) Global(string settings) => ("/.globalconfig", "is_global = true\n" + settings);

    private static Task Run<TAnalyzer>(
        string source,
        (string Path, string Content)? config,
        bool withChatClient,
        params DiagnosticResult[] expected)
        where TAnalyzer : DiagnosticAnalyzer, new() =>
        Run<TAnalyzer>(source, config, withChatClient, withSocket: true, expected);

    private static Task Run<TAnalyzer>(
        string source,
        (string Path, string Content)? config,
        bool withChatClient,
        bool withSocket,
        params DiagnosticResult[] expected)
        where TAnalyzer : DiagnosticAnalyzer, new() =>
        Run(new CSharpAnalyzerVerifier<TAnalyzer>.Test(source), config, withChatClient, withSocket, expected);

    /// <summary>One rule of <see cref="ConnectRulesAnalyzer"/>, as <see cref="ConnectRuleVerifier{TRule}"/> runs it.</summary>
    private static Task RunRule<TRule>(
        string source,
        (string Path, string Content)? config,
        bool withChatClient,
        bool withSocket = true,
        params DiagnosticResult[] expected)
        where TRule : IConnectRule =>
        Run(new ConnectRuleVerifier<TRule>.Test(source), config, withChatClient, withSocket, expected);

    private static Task Run<TAnalyzer>(
        CSharpAnalyzerVerifier<TAnalyzer>.Test test,
        (string Path, string Content)? config,
        bool withChatClient,
        bool withSocket,
        DiagnosticResult[] expected)
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        if (!withChatClient)
        {
            test.TestState.AdditionalReferences.Clear();
        }

        if (withSocket)
        {
            test.TestState.Sources.Add(("/0/Realtime/Socket.cs", Socket));
        }

        if (config is { } file)
        {
            test.WithAnalyzerConfig(file.Path, file.Content);
        }

        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    /// <summary>The same options for every file and globally, as a compilation built in memory sees them.</summary>
    private sealed class ConfigOptionsProvider : AnalyzerConfigOptionsProvider
    {
        private readonly Options _options;

        public ConfigOptionsProvider(Dictionary<string, string> values) => _options = new Options(values);

        public override AnalyzerConfigOptions GlobalOptions => _options;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => _options;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _options;

        private sealed class Options : AnalyzerConfigOptions
        {
            private readonly Dictionary<string, string> _values;

            public Options(Dictionary<string, string> values) => _values = values;

            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) =>
                _values.TryGetValue(key, out value);
        }
    }
}
