using System.Threading;
using System.Threading.Tasks;
using ChatUsageAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace ChatUsageAnalyzers.Tests.Rules;

/// <summary>
/// The configurable APIs end to end on a client the analyzers do not know: the real ASP.NET Core
/// SignalR client package (<c>HubConnection</c>), described in <c>.editorconfig</c> or a global
/// AnalyzerConfig as docs/configuration.md shows.
/// </summary>
public class SignalRConfigurationTests
{
    private const string Settings = """
        chat_usage.connect_methods = Microsoft.AspNetCore.SignalR.Client.HubConnection.StartAsync
        chat_usage.disconnect_methods = Microsoft.AspNetCore.SignalR.Client.HubConnection.StopAsync | Microsoft.AspNetCore.SignalR.Client.HubConnection.DisposeAsync
        chat_usage.connection_state_members = Microsoft.AspNetCore.SignalR.Client.HubConnection.State

        """;

    /// <summary>The SignalR settings of docs/configuration.md in an <c>.editorconfig</c>.</summary>
    internal const string EditorConfig = "root = true\n[*.cs]\n" + Settings;

    internal const string GlobalConfig = "is_global = true\n" + Settings;

    /// <summary>The usings of a Blazor component that talks to a hub.</summary>
    internal const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Components;
        using Microsoft.AspNetCore.SignalR.Client;


        """;

    // ---- CHAT001: StartAsync in a loop

    [Theory]
    [InlineData("/.editorconfig", EditorConfig)]
    [InlineData("/.globalconfig", GlobalConfig)]
    public async Task StartAsync_in_a_loop_is_flagged(string path, string config)
    {
        await RunRule<Chat001>("""
            public class HubPool
            {
                public async Task StartAllAsync(IEnumerable<string> hubUrls)
                {
                    foreach (var url in hubUrls)
                    {
                        var connection = new HubConnectionBuilder().WithUrl(url).Build();
                        await {|CHAT001:connection.StartAsync()|};
                    }
                }
            }
            """, path, config);
    }

    [Fact]
    public async Task Without_the_configuration_StartAsync_is_not_a_connect()
    {
        await RunRule<Chat001>("""
            public class HubPool
            {
                private readonly HubConnection _connection = new HubConnectionBuilder().WithUrl("https://localhost/chathub").Build();

                public async Task RetryAsync()
                {
                    for (var attempt = 0; attempt < 3; attempt++) { await _connection.StartAsync(); }
                }
            }
            """, path: null, config: null);
    }

    [Fact]
    public async Task A_retry_loop_on_the_configured_state_member_is_not_flagged()
    {
        await RunRule<Chat001>("""
            public class Reconnector
            {
                private readonly HubConnection _connection = new HubConnectionBuilder().WithUrl("https://localhost/chathub").Build();

                public async Task EnsureStartedAsync()
                {
                    while (_connection.State == HubConnectionState.Disconnected)
                    {
                        try { await _connection.StartAsync(); }
                        catch (Exception) { await Task.Delay(1000); }
                    }
                }
            }
            """, "/.editorconfig", EditorConfig);
    }

    // ---- CHAT002: OnAfterRenderAsync without firstRender

    [Fact]
    public async Task StartAsync_in_OnAfterRenderAsync_without_firstRender_is_flagged_with_the_Blazor_advice()
    {
        await Run<RenderConnectAnalyzer>("""
            public class ChatRoom : ComponentBase
            {
                [Inject] public NavigationManager Navigation { get; set; } = default!;
                private HubConnection? _hub;

                protected override async Task OnAfterRenderAsync(bool firstRender)
                {
                    _hub ??= new HubConnectionBuilder().WithUrl(Navigation.ToAbsoluteUri("/chathub")).Build();
                    await {|#0:_hub.StartAsync()|};
                }
            }
            """,
            "/.editorconfig",
            EditorConfig,
            new DiagnosticResult(Descriptors.CHAT002_ConnectInRenderMethod).WithLocation(0)
                .WithArguments("StartAsync", "render", "'OnAfterRenderAsync'", "Blazor", "connect once in 'OnInitializedAsync'"));
    }

    [Fact]
    public async Task StartAsync_on_firstRender_or_behind_the_state_is_not_flagged()
    {
        await Run<RenderConnectAnalyzer>("""
            public class ChatRoom : ComponentBase
            {
                private readonly HubConnection _hub = new HubConnectionBuilder().WithUrl("https://localhost/chathub").Build();

                protected override async Task OnAfterRenderAsync(bool firstRender)
                {
                    if (firstRender) { await _hub.StartAsync(); }
                }

                protected override void OnAfterRender(bool firstRender)
                {
                    if (_hub.State == HubConnectionState.Disconnected) { _ = _hub.StartAsync(); }
                }
            }
            """, "/.globalconfig", GlobalConfig);
    }

    // ---- CHAT004: started in OnInitializedAsync, never disposed

    [Theory]
    [InlineData("/.editorconfig", EditorConfig)]
    [InlineData("/.globalconfig", GlobalConfig)]
    public async Task A_component_that_starts_the_hub_and_never_disposes_it_is_flagged(string path, string config)
    {
        await RunRule<Chat004>("""
            public class ChatRoom : ComponentBase
            {
                [Inject] public NavigationManager Navigation { get; set; } = default!;
                private HubConnection? _hubConnection;
                private readonly List<string> _messages = new();

                protected override async Task OnInitializedAsync()
                {
                    _hubConnection = new HubConnectionBuilder().WithUrl(Navigation.ToAbsoluteUri("/chathub")).Build();
                    _hubConnection.On<string, string>("ReceiveMessage", (user, message) =>
                    {
                        _messages.Add($"{user}: {message}");
                        InvokeAsync(StateHasChanged);
                    });
                    await {|CHAT004:_hubConnection.StartAsync()|};
                }
            }
            """, path, config);
    }

    /// <summary>The shape of Microsoft's Blazor SignalR tutorial: start once, dispose the connection with the component.</summary>
    [Theory]
    [InlineData("if (_hubConnection is not null) { await _hubConnection.DisposeAsync(); }")]
    [InlineData("if (_hubConnection is not null) { await _hubConnection.StopAsync(); }")]
    public async Task The_Blazor_tutorial_shape_is_compliant(string dispose)
    {
        await RunRule<Chat004>($$"""
            public class ChatRoom : ComponentBase, IAsyncDisposable
            {
                [Inject] public NavigationManager Navigation { get; set; } = default!;
                private HubConnection? _hubConnection;
                private readonly List<string> _messages = new();
                private string? _userInput;
                private string? _messageInput;

                protected override async Task OnInitializedAsync()
                {
                    _hubConnection = new HubConnectionBuilder().WithUrl(Navigation.ToAbsoluteUri("/chathub")).Build();
                    _hubConnection.On<string, string>("ReceiveMessage", (user, message) =>
                    {
                        _messages.Add($"{user}: {message}");
                        InvokeAsync(StateHasChanged);
                    });
                    await _hubConnection.StartAsync();
                }

                private async Task Send()
                {
                    if (_hubConnection is not null) { await _hubConnection.SendAsync("SendMessage", _userInput, _messageInput); }
                }

                public bool IsConnected => _hubConnection?.State == HubConnectionState.Connected;

                public async ValueTask DisposeAsync()
                {
                    {{dispose}}
                }
            }
            """, "/.editorconfig", EditorConfig);
    }

    // ---- CHAT005: started in OnParametersSetAsync, which runs on every parameter change

    [Theory]
    [InlineData("await {|CHAT005:_hub.StartAsync()|};")]
    [InlineData("if (_hub.State == HubConnectionState.Disconnected) { await _hub.StartAsync(); }")]
    [InlineData("if (_hub.State != HubConnectionState.Disconnected) { return; } await _hub.StartAsync();")]
    public async Task StartAsync_in_OnParametersSetAsync_is_flagged_unless_guarded_by_State(string body)
    {
        await RunRule<Chat005>($$"""
            public class ChatRoom : ComponentBase, IAsyncDisposable
            {
                [Parameter] public string Room { get; set; } = "";
                private readonly HubConnection _hub = new HubConnectionBuilder().WithUrl("https://localhost/chathub").Build();

                protected override async Task OnParametersSetAsync()
                {
                    {{body}}
                }

                public ValueTask DisposeAsync() => _hub.DisposeAsync();
            }
            """, "/.globalconfig", GlobalConfig);
    }

    [Fact]
    public async Task The_configured_hub_connection_needs_no_CHAT900()
    {
        await Run<ConfigurationAnalyzer>("""
            public class Nothing { }
            """, "/.editorconfig", EditorConfig);
    }

    private static Task Run<TAnalyzer>(string source, string? path, string? config, params DiagnosticResult[] expected)
        where TAnalyzer : DiagnosticAnalyzer, new() =>
        Run(new CSharpAnalyzerVerifier<TAnalyzer>.Test(Usings + source), path, config, expected);

    /// <summary>One rule of <see cref="ConnectRulesAnalyzer"/>, as <see cref="ConnectRuleVerifier{TRule}"/> runs it.</summary>
    private static Task RunRule<TRule>(string source, string? path, string? config, params DiagnosticResult[] expected)
        where TRule : IConnectRule =>
        Run(new ConnectRuleVerifier<TRule>.Test(Usings + source), path, config, expected);

    private static async Task Run<TAnalyzer>(CSharpAnalyzerVerifier<TAnalyzer>.Test test, string? path, string? config, DiagnosticResult[] expected)
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        test.ReferenceAssemblies = await TestReferences.AspNetCore10WithSignalRClientAsync();
        if (path is not null && config is not null)
        {
            test.WithAnalyzerConfig(path, config);
        }

        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync(CancellationToken.None);
    }
}
