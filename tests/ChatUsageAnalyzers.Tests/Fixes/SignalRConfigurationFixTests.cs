using System.Threading;
using System.Threading.Tasks;
using ChatUsageAnalyzers.CodeFixes;
using ChatUsageAnalyzers.Tests.Rules;
using ChatUsageAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace ChatUsageAnalyzers.Tests.Fixes;

/// <summary>
/// The fixes on a client described only by <c>chat_usage.*</c> options: the real SignalR client's
/// <c>HubConnection</c>, configured as docs/configuration.md shows (see <see cref="SignalRConfigurationTests"/>).
/// The fixers read the same options as the analyzers, so they know the configured connect, disconnect
/// and state members.
/// </summary>
public class SignalRConfigurationFixTests
{
    [Fact]
    public async Task CHAT002_StartAsync_in_OnAfterRenderAsync_moves_into_OnInitializedAsync_guarded_by_State()
    {
        await Run<RenderConnectAnalyzer, RenderConnectFix>("""
            public class ChatRoom : ComponentBase
            {
                private readonly HubConnection _hub = new HubConnectionBuilder().WithUrl("https://localhost/chathub").Build();

                protected override async Task OnAfterRenderAsync(bool firstRender)
                {
                    await {|CHAT002:_hub.StartAsync()|};
                }
            }
            """, """
            public class ChatRoom : ComponentBase
            {
                private readonly HubConnection _hub = new HubConnectionBuilder().WithUrl("https://localhost/chathub").Build();

                protected override async Task OnInitializedAsync()
                {
                    if (_hub.State == HubConnectionState.Disconnected)
                    {
                        await _hub.StartAsync();
                    }
                }

                protected override Task OnAfterRenderAsync(bool firstRender)
                {
                    return Task.CompletedTask;
                }
            }
            """, EquivalenceKeys.MoveToOncePerInstanceMethod, SignalRConfigurationTests.EditorConfig);
    }

    [Fact]
    public async Task A_state_member_that_yields_no_guard_leaves_only_the_unguarded_move()
    {
        // A string's values do not say when a connect may start: no condition is written.
        const string ConnectionIdAsState = """
            root = true
            [*.cs]
            chat_usage.connect_methods = Microsoft.AspNetCore.SignalR.Client.HubConnection.StartAsync
            chat_usage.connection_state_members = Microsoft.AspNetCore.SignalR.Client.HubConnection.ConnectionId

            """;
        const string Source = """
            public class ChatRoom : ComponentBase
            {
                private readonly HubConnection _hub = new HubConnectionBuilder().WithUrl("https://localhost/chathub").Build();

                protected override async Task OnAfterRenderAsync(bool firstRender)
                {
                    await {|CHAT002:_hub.StartAsync()|};
                }
            }
            """;
        await Run<RenderConnectAnalyzer, RenderConnectFix>(Source, """
            public class ChatRoom : ComponentBase
            {
                private readonly HubConnection _hub = new HubConnectionBuilder().WithUrl("https://localhost/chathub").Build();

                protected override async Task OnInitializedAsync()
                {
                    await _hub.StartAsync();
                }

                protected override Task OnAfterRenderAsync(bool firstRender)
                {
                    return Task.CompletedTask;
                }
            }
            """, EquivalenceKeys.MoveToOncePerInstanceMethod, ConnectionIdAsState);
        await Run<RenderConnectAnalyzer, RenderConnectFix>(Source, Source, EquivalenceKeys.GuardWithConnectionState, ConnectionIdAsState);
    }

    [Fact]
    public async Task CHAT005_StartAsync_in_OnParametersSetAsync_is_guarded_by_State_in_place()
    {
        await RunRule<Chat005, RepeatedLifecycleConnectFix>("""
            public class ChatRoom : ComponentBase, IAsyncDisposable
            {
                private readonly HubConnection _hub = new HubConnectionBuilder().WithUrl("https://localhost/chathub").Build();

                protected override async Task OnParametersSetAsync()
                {
                    await {|CHAT005:_hub.StartAsync()|};
                }

                public ValueTask DisposeAsync() => _hub.DisposeAsync();
            }
            """, """
            public class ChatRoom : ComponentBase, IAsyncDisposable
            {
                private readonly HubConnection _hub = new HubConnectionBuilder().WithUrl("https://localhost/chathub").Build();

                protected override async Task OnParametersSetAsync()
                {
                    if (_hub.State == HubConnectionState.Disconnected)
                    {
                        await _hub.StartAsync();
                    }
                }

                public ValueTask DisposeAsync() => _hub.DisposeAsync();
            }
            """, EquivalenceKeys.GuardRepeatedConnectWithConnectionState, SignalRConfigurationTests.GlobalConfig);
    }

    [Fact]
    public async Task CHAT004_a_component_that_never_stops_the_hub_gets_a_DisposeAsync_that_calls_the_first_configured_disconnect()
    {
        await RunRule<Chat004, AddDisconnectFix>("""
            public class ChatRoom : ComponentBase
            {
                [Inject] public NavigationManager Navigation { get; set; } = default!;
                private HubConnection? _hubConnection;

                protected override async Task OnInitializedAsync()
                {
                    _hubConnection = new HubConnectionBuilder().WithUrl(Navigation.ToAbsoluteUri("/chathub")).Build();
                    await {|CHAT004:_hubConnection.StartAsync()|};
                }
            }
            """, """
            public class ChatRoom : ComponentBase, IAsyncDisposable
            {
                [Inject] public NavigationManager Navigation { get; set; } = default!;
                private HubConnection? _hubConnection;

                protected override async Task OnInitializedAsync()
                {
                    _hubConnection = new HubConnectionBuilder().WithUrl(Navigation.ToAbsoluteUri("/chathub")).Build();
                    await _hubConnection.StartAsync();
                }

                public async ValueTask DisposeAsync()
                {
                    if (_hubConnection is not null)
                    {
                        await _hubConnection.StopAsync();
                    }
                }
            }
            """, EquivalenceKeys.AddDisconnect, SignalRConfigurationTests.EditorConfig);
    }

    [Fact]
    public async Task CHAT004_the_first_configured_disconnect_is_the_one_written()
    {
        const string DisposeFirst = """
            root = true
            [*.cs]
            chat_usage.connect_methods = Microsoft.AspNetCore.SignalR.Client.HubConnection.StartAsync
            chat_usage.disconnect_methods = Microsoft.AspNetCore.SignalR.Client.HubConnection.DisposeAsync | Microsoft.AspNetCore.SignalR.Client.HubConnection.StopAsync

            """;
        await RunRule<Chat004, AddDisconnectFix>("""
            public class ChatRoom : ComponentBase, IAsyncDisposable
            {
                private readonly HubConnection _hub = new HubConnectionBuilder().WithUrl("https://localhost/chathub").Build();

                protected override async Task OnInitializedAsync()
                {
                    await {|CHAT004:_hub.StartAsync()|};
                }

                public async ValueTask DisposeAsync()
                {
                    await Task.Yield();
                }
            }
            """, """
            public class ChatRoom : ComponentBase, IAsyncDisposable
            {
                private readonly HubConnection _hub = new HubConnectionBuilder().WithUrl("https://localhost/chathub").Build();

                protected override async Task OnInitializedAsync()
                {
                    await _hub.StartAsync();
                }

                public async ValueTask DisposeAsync()
                {
                    await Task.Yield();
                    await _hub.DisposeAsync();
                }
            }
            """, EquivalenceKeys.AddDisconnect, DisposeFirst);
    }

    [Fact]
    public async Task Without_the_configuration_no_fix_is_offered_because_StartAsync_is_not_a_connect()
    {
        const string Source = """
            public class ChatRoom : ComponentBase
            {
                private readonly HubConnection _hub = new HubConnectionBuilder().WithUrl("https://localhost/chathub").Build();

                protected override async Task OnAfterRenderAsync(bool firstRender)
                {
                    await _hub.StartAsync();
                }
            }
            """;
        await Run<RenderConnectAnalyzer, RenderConnectFix>(Source, Source, EquivalenceKeys.MoveToOncePerInstanceMethod, config: null);
    }

    /// <summary>The tutorial's <c>HubConnection?</c> fields need nullable annotations on (as in a new Blazor project).</summary>
    private const string Nullable = "#nullable enable\n";

    private static Task Run<TAnalyzer, TFix>(string source, string fixedSource, string key, string? config)
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TFix : CodeFixProvider, new() =>
        Run(new CSharpCodeFixVerifier<TAnalyzer, TFix>.Test(Nullable + SignalRConfigurationTests.Usings + source, Nullable + SignalRConfigurationTests.Usings + fixedSource, key), config);

    /// <summary>One rule of <see cref="ConnectRulesAnalyzer"/>, as <see cref="ConnectRuleFixVerifier{TRule, TCodeFix}"/> runs it.</summary>
    private static Task RunRule<TRule, TFix>(string source, string fixedSource, string key, string? config)
        where TRule : IConnectRule
        where TFix : CodeFixProvider, new() =>
        Run(new ConnectRuleFixVerifier<TRule, TFix>.Test(Nullable + SignalRConfigurationTests.Usings + source, Nullable + SignalRConfigurationTests.Usings + fixedSource, key), config);

    private static async Task Run<TAnalyzer, TFix>(CSharpCodeFixVerifier<TAnalyzer, TFix>.Test test, string? config)
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TFix : CodeFixProvider, new()
    {
        test.ReferenceAssemblies = await TestReferences.AspNetCore10WithSignalRClientAsync();
        test.CompilerDiagnostics = CompilerDiagnostics.Warnings;
        if (config is not null)
        {
            test.WithAnalyzerConfig(config.StartsWith("is_global", System.StringComparison.Ordinal) ? "/.globalconfig" : "/.editorconfig", config);
        }

        test.DisabledDiagnostics.Add("CS1591");
        await test.RunAsync(CancellationToken.None);
    }
}
