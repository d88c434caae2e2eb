using System.Threading.Tasks;
using ChatUsageAnalyzers.CodeFixes;
using ChatUsageAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis.CSharp;
using Verify = ChatUsageAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    ChatUsageAnalyzers.MissingDisconnectAnalyzer,
    ChatUsageAnalyzers.CodeFixes.AddDisconnectFix>;

namespace ChatUsageAnalyzers.Tests.Fixes;

public class CHAT004_AddDisconnectFixTests
{
    private const string Key = EquivalenceKeys.AddDisconnect;

    // ---- plain classes: DisposeAsync (+ IAsyncDisposable), or an existing Dispose / DisposeAsync

    [Fact]
    public async Task Plain_class_gets_IAsyncDisposable_and_a_DisposeAsync_that_disconnects()
    {
        await Verify.VerifyCodeFixAsync("""
            using System.Threading.Tasks;
            using Chat.Client;

            public class ChatSession
            {
                private readonly ChatClient _client = new("key");

                public async Task StartAsync() => await {|CHAT004:_client.ConnectUserAsync(new ChatUser("a"), "token")|};
            }
            """, """
            using System;
            using System.Threading.Tasks;
            using Chat.Client;

            public class ChatSession : IAsyncDisposable
            {
                private readonly ChatClient _client = new("key");

                public async Task StartAsync() => await _client.ConnectUserAsync(new ChatUser("a"), "token");

                public async ValueTask DisposeAsync()
                {
                    await _client.DisconnectUserAsync();
                }
            }
            """, Key);
    }

    [Fact]
    public async Task Existing_DisposeAsync_is_appended_to_and_made_async()
    {
        await Verify.VerifyCodeFixAsync("""
            using System;
            using System.Threading.Tasks;
            using Chat.Client;

            public class ChatSession : IAsyncDisposable
            {
                private readonly ChatClient _client = new("key");

                public async Task StartAsync() => await {|CHAT004:_client.ConnectUserAsync(new ChatUser("a"), "token")|};

                public ValueTask DisposeAsync()
                {
                    // release the rest first
                    Console.WriteLine("bye");
                    return default;
                }
            }
            """, """
            using System;
            using System.Threading.Tasks;
            using Chat.Client;

            public class ChatSession : IAsyncDisposable
            {
                private readonly ChatClient _client = new("key");

                public async Task StartAsync() => await _client.ConnectUserAsync(new ChatUser("a"), "token");

                public async ValueTask DisposeAsync()
                {
                    // release the rest first
                    Console.WriteLine("bye");
                    await _client.DisconnectUserAsync();
                }
            }
            """, Key);
    }

    [Fact]
    public async Task Existing_synchronous_Dispose_disposes_the_client()
    {
        await Verify.VerifyCodeFixAsync("""
            using System;
            using System.Threading.Tasks;
            using Chat.Client;

            public class ChatSession : IDisposable
            {
                private readonly IChatClient _client;

                public ChatSession(IChatClient client) => _client = client;

                public async Task StartAsync() => await {|CHAT004:_client.ConnectUserAsync(new ChatUser("a"), "token")|};

                public void Dispose() => Console.WriteLine("bye"); // logged
            }
            """, """
            using System;
            using System.Threading.Tasks;
            using Chat.Client;

            public class ChatSession : IDisposable
            {
                private readonly IChatClient _client;

                public ChatSession(IChatClient client) => _client = client;

                public async Task StartAsync() => await _client.ConnectUserAsync(new ChatUser("a"), "token");

                public void Dispose()
                {
                    Console.WriteLine("bye");
                    _client.Dispose();
                } // logged
            }
            """, Key);
    }

    // ---- Blazor

    [Fact]
    public async Task Blazor_component_gets_DisposeAsync_and_the_interface_on_the_fixed_partial_part()
    {
        await new Verify.Test(BlazorUsings + """
            public partial class ChatPanel : ComponentBase
            {
                [Inject] public IChatClient Chat { get; set; } = default!;

                protected override async Task OnInitializedAsync() => await {|CHAT004:Chat.ConnectUserAsync(new ChatUser("a"), "token")|};
            }

            public partial class ChatPanel
            {
            }
            """, BlazorUsings + """
            public partial class ChatPanel : ComponentBase, IAsyncDisposable
            {
                [Inject] public IChatClient Chat { get; set; } = default!;

                protected override async Task OnInitializedAsync() => await Chat.ConnectUserAsync(new ChatUser("a"), "token");

                public async ValueTask DisposeAsync()
                {
                    await Chat.DisconnectUserAsync();
                }
            }

            public partial class ChatPanel
            {
            }
            """, Key).WithAspNetCore().RunAsync();
    }

    [Fact]
    public async Task Blazor_DisposeAsync_that_never_runs_gets_the_interface()
    {
        await new Verify.Test(BlazorUsings + """
            public class ChatPanel : ComponentBase
            {
                [Inject] public IChatClient Chat { get; set; } = default!;

                protected override async Task OnInitializedAsync() => await {|CHAT004:Chat.ConnectUserAsync(new ChatUser("a"), "token")|};

                public async ValueTask DisposeAsync() => await Task.Yield();
            }
            """, BlazorUsings + """
            public class ChatPanel : ComponentBase, IAsyncDisposable
            {
                [Inject] public IChatClient Chat { get; set; } = default!;

                protected override async Task OnInitializedAsync() => await Chat.ConnectUserAsync(new ChatUser("a"), "token");

                public async ValueTask DisposeAsync()
                {
                    await Task.Yield();
                    await Chat.DisconnectUserAsync();
                }
            }
            """, Key).WithAspNetCore().RunAsync();
    }

    [Fact]
    public async Task Blazor_one_line_Dispose_is_opened_up()
    {
        await new Verify.Test(BlazorUsings + """
            public class ChatPanel : ComponentBase, IDisposable
            {
                [Inject] public IChatClient Chat { get; set; } = default!;

                protected override async Task OnAfterRenderAsync(bool firstRender)
                {
                    if (firstRender)
                    {
                        await {|CHAT004:Chat.ConnectUserAsync(new ChatUser("a"), "token")|};
                    }
                }

                public void Dispose() { }
            }
            """, BlazorUsings + """
            public class ChatPanel : ComponentBase, IDisposable
            {
                [Inject] public IChatClient Chat { get; set; } = default!;

                protected override async Task OnAfterRenderAsync(bool firstRender)
                {
                    if (firstRender)
                    {
                        await Chat.ConnectUserAsync(new ChatUser("a"), "token");
                    }
                }

                public void Dispose()
                {
                    Chat.Dispose();
                }
            }
            """, Key).WithAspNetCore().RunAsync();
    }

    // ---- Unity

    [Theory]
    [InlineData("Start", "OnDestroy")]
    [InlineData("Awake", "OnDestroy")]
    [InlineData("OnEnable", "OnDisable")]
    public async Task Unity_message_gets_its_paired_teardown_created(string connectIn, string teardown)
    {
        await Verify.VerifyCodeFixAsync($$"""
            using Chat.Client;
            using UnityEngine;

            public class ChatBehaviour : MonoBehaviour
            {
                private readonly ChatClient _client = new("key");

                private async void {{connectIn}}()
                {
                    await {|CHAT004:_client.ConnectUserAsync(new ChatUser("a"), "token")|};
                }
            }
            """, $$"""
            using Chat.Client;
            using UnityEngine;

            public class ChatBehaviour : MonoBehaviour
            {
                private readonly ChatClient _client = new("key");

                private async void {{connectIn}}()
                {
                    await _client.ConnectUserAsync(new ChatUser("a"), "token");
                }

                private async void {{teardown}}()
                {
                    await _client.DisconnectUserAsync();
                }
            }
            """, Key, FrameworkStubs.Unity);
    }

    [Fact]
    public async Task Unity_existing_OnDestroy_is_appended_to_and_made_async()
    {
        await Verify.VerifyCodeFixAsync("""
            using Chat.Client;
            using UnityEngine;

            public class ChatBehaviour : MonoBehaviour
            {
                private readonly ChatClient _client = new("key");

                private async void Start() => await {|CHAT004:_client.ConnectUserAsync(new ChatUser("a"), "token")|};

                // Unity calls this when the object goes away.
                void OnDestroy()
                {
                    Debug.Log("destroyed");
                }
            }
            """, """
            using Chat.Client;
            using UnityEngine;

            public class ChatBehaviour : MonoBehaviour
            {
                private readonly ChatClient _client = new("key");

                private async void Start() => await _client.ConnectUserAsync(new ChatUser("a"), "token");

                // Unity calls this when the object goes away.
                async void OnDestroy()
                {
                    Debug.Log("destroyed");
                    await _client.DisconnectUserAsync();
                }
            }
            """, Key, FrameworkStubs.Unity);
    }

    // ---- overrides: MAUI, Godot, MonoGame, hosted services

    [Fact]
    public async Task Maui_page_gets_an_OnDisappearing_override_after_the_base_call()
    {
        await Verify.VerifyCodeFixAsync("""
            using Chat.Client;
            using Microsoft.Maui.Controls;

            public class ChatPage : ContentPage
            {
                private readonly ChatClient _client = new("key");

                protected override async void OnAppearing()
                {
                    base.OnAppearing();
                    await {|CHAT004:_client.ConnectUserAsync(new ChatUser("a"), "token")|};
                }
            }
            """, """
            using Chat.Client;
            using Microsoft.Maui.Controls;

            public class ChatPage : ContentPage
            {
                private readonly ChatClient _client = new("key");

                protected override async void OnAppearing()
                {
                    base.OnAppearing();
                    await _client.ConnectUserAsync(new ChatUser("a"), "token");
                }

                protected override async void OnDisappearing()
                {
                    base.OnDisappearing();
                    await _client.DisconnectUserAsync();
                }
            }
            """, Key, FrameworkStubs.Maui);
    }

    [Fact]
    public async Task Godot_node_gets_an_ExitTree_override()
    {
        await Verify.VerifyCodeFixAsync("""
            using Chat.Client;
            using Godot;

            public partial class ChatNode : Node
            {
                private readonly ChatClient _client = new("key");

                public override async void _Ready() => await {|CHAT004:_client.ConnectUserAsync(new ChatUser("a"), "token")|};
            }
            """, """
            using Chat.Client;
            using Godot;

            public partial class ChatNode : Node
            {
                private readonly ChatClient _client = new("key");

                public override async void _Ready() => await _client.ConnectUserAsync(new ChatUser("a"), "token");

                public override async void _ExitTree()
                {
                    base._ExitTree();
                    await _client.DisconnectUserAsync();
                }
            }
            """, Key, FrameworkStubs.Godot);
    }

    [Fact]
    public async Task MonoGame_game_gets_an_UnloadContent_override()
    {
        await Verify.VerifyCodeFixAsync("""
            using Chat.Client;
            using Microsoft.Xna.Framework;

            public class ChatGame : Game
            {
                private readonly ChatClient _client = new("key");

                protected override async void Initialize() => await {|CHAT004:_client.ConnectUserAsync(new ChatUser("a"), "token")|};
            }
            """, """
            using Chat.Client;
            using Microsoft.Xna.Framework;

            public class ChatGame : Game
            {
                private readonly ChatClient _client = new("key");

                protected override async void Initialize() => await _client.ConnectUserAsync(new ChatUser("a"), "token");

                protected override async void UnloadContent()
                {
                    base.UnloadContent();
                    await _client.DisconnectUserAsync();
                }
            }
            """, Key, FrameworkStubs.MonoGame);
    }

    [Theory]
    [InlineData("""
                if (disposing)
                {
                    Console.WriteLine("bye");
                }

                base.Dispose(disposing);
        """, """
                if (disposing)
                {
                    Console.WriteLine("bye");
                    _client.Dispose();
                }

                base.Dispose(disposing);
        """)]
    [InlineData("""
                Console.WriteLine("bye");
                base.Dispose(disposing);
        """, """
                Console.WriteLine("bye");
                if (disposing)
                {
                    _client.Dispose();
                }

                base.Dispose(disposing);
        """)]
    public async Task MonoGame_existing_Dispose_bool_disposes_the_client_when_disposing(string body, string fixedBody)
    {
        const string Source = """
            using System;
            using Chat.Client;
            using Microsoft.Xna.Framework;

            public class ChatGame : Game
            {
                private readonly ChatClient _client = new("key");

                protected override async void Initialize() => await {|CHAT004:_client.ConnectUserAsync(new ChatUser("a"), "token")|};

                protected override void Dispose(bool disposing)
                {
            BODY
                }
            }
            """;
        await Verify.VerifyCodeFixAsync(
            Source.Replace("BODY", body),
            Source.Replace("{|CHAT004:", string.Empty).Replace("\"token\")|}", "\"token\")").Replace("BODY", fixedBody),
            Key,
            FrameworkStubs.MonoGame);
    }

    [Fact]
    public async Task Hosted_service_StopAsync_awaits_the_disconnect_instead_of_returning_a_completed_task()
    {
        await new Verify.Test("""
            using System.Threading;
            using System.Threading.Tasks;
            using Chat.Client;
            using Microsoft.Extensions.Hosting;

            public sealed class ChatWorker : IHostedService
            {
                private readonly IChatClient _client;

                public ChatWorker(IChatClient client) => _client = client;

                public async Task StartAsync(CancellationToken cancellationToken) =>
                    await {|CHAT004:_client.ConnectUserAsync(new ChatUser("worker"), "token", cancellationToken)|};

                public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
            }
            """, """
            using System.Threading;
            using System.Threading.Tasks;
            using Chat.Client;
            using Microsoft.Extensions.Hosting;

            public sealed class ChatWorker : IHostedService
            {
                private readonly IChatClient _client;

                public ChatWorker(IChatClient client) => _client = client;

                public async Task StartAsync(CancellationToken cancellationToken) =>
                    await _client.ConnectUserAsync(new ChatUser("worker"), "token", cancellationToken);

                public async Task StopAsync(CancellationToken cancellationToken)
                {
                    await _client.DisconnectUserAsync();
                }
            }
            """, Key).WithAspNetCore().RunAsync();
    }

    [Fact]
    public async Task WinForms_user_control_gets_a_Dispose_bool_override_that_disposes_when_disposing()
    {
        await Verify.VerifyCodeFixAsync("""
            using System;
            using Chat.Client;
            using System.Windows.Forms;

            public class ChatControl : UserControl
            {
                private readonly ChatClient _client = new("key");

                protected override async void OnLoad(EventArgs e) => await {|CHAT004:_client.ConnectUserAsync(new ChatUser("a"), "token")|};
            }
            """, """
            using System;
            using Chat.Client;
            using System.Windows.Forms;

            public class ChatControl : UserControl
            {
                private readonly ChatClient _client = new("key");

                protected override async void OnLoad(EventArgs e) => await _client.ConnectUserAsync(new ChatUser("a"), "token");

                protected override void Dispose(bool disposing)
                {
                    if (disposing)
                    {
                        _client.Dispose();
                    }

                    base.Dispose(disposing);
                }
            }
            """, Key, FrameworkStubs.WinForms);
    }

    [Fact]
    public async Task Wpf_window_gets_an_OnClosed_override()
    {
        await Verify.VerifyCodeFixAsync("""
            using System;
            using Chat.Client;
            using System.Windows;

            public class ChatWindow : Window
            {
                private readonly ChatClient _client = new("key");

                protected override async void OnInitialized(EventArgs e) => await {|CHAT004:_client.ConnectUserAsync(new ChatUser("a"), "token")|};
            }
            """, """
            using System;
            using Chat.Client;
            using System.Windows;

            public class ChatWindow : Window
            {
                private readonly ChatClient _client = new("key");

                protected override async void OnInitialized(EventArgs e) => await _client.ConnectUserAsync(new ChatUser("a"), "token");

                protected override async void OnClosed(EventArgs e)
                {
                    base.OnClosed(e);
                    await _client.DisconnectUserAsync();
                }
            }
            """, Key, FrameworkStubs.Wpf);
    }

    [Fact]
    public async Task Null_conditional_connect_gets_a_null_conditional_dispose()
    {
        await Verify.VerifyCodeFixAsync("""
            using System;
            using System.Threading.Tasks;
            using Chat.Client;

            public class ChatSession : IDisposable
            {
                private IChatClient _client = new ChatClient("key");

                public async Task StartAsync() => await {|CHAT004:_client?.ConnectUserAsync(new ChatUser("a"), "token")|}!;

                public void Dispose()
                {
                }
            }
            """, """
            using System;
            using System.Threading.Tasks;
            using Chat.Client;

            public class ChatSession : IDisposable
            {
                private IChatClient _client = new ChatClient("key");

                public async Task StartAsync() => await _client?.ConnectUserAsync(new ChatUser("a"), "token")!;

                public void Dispose()
                {
                    _client?.Dispose();
                }
            }
            """, Key);
    }

    [Fact]
    public async Task Background_service_gets_a_StopAsync_override_that_awaits_the_base_first()
    {
        await new Verify.Test("""
            using System.Threading;
            using System.Threading.Tasks;
            using Chat.Client;
            using Microsoft.Extensions.Hosting;

            public sealed class ChatWorker : BackgroundService
            {
                private readonly IChatClient _client;

                public ChatWorker(IChatClient client) => _client = client;

                public override async Task StartAsync(CancellationToken cancellationToken)
                {
                    await {|CHAT004:_client.ConnectUserAsync(new ChatUser("worker"), "token", cancellationToken)|};
                    await base.StartAsync(cancellationToken);
                }

                protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.CompletedTask;
            }
            """, """
            using System.Threading;
            using System.Threading.Tasks;
            using Chat.Client;
            using Microsoft.Extensions.Hosting;

            public sealed class ChatWorker : BackgroundService
            {
                private readonly IChatClient _client;

                public ChatWorker(IChatClient client) => _client = client;

                public override async Task StartAsync(CancellationToken cancellationToken)
                {
                    await _client.ConnectUserAsync(new ChatUser("worker"), "token", cancellationToken);
                    await base.StartAsync(cancellationToken);
                }

                protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.CompletedTask;

                public override async Task StopAsync(CancellationToken cancellationToken)
                {
                    await base.StopAsync(cancellationToken);
                    await _client.DisconnectUserAsync();
                }
            }
            """, Key).WithAspNetCore().RunAsync();
    }

    // ---- local clients

    [Fact]
    public async Task Local_client_in_an_async_method_is_declared_with_await_using()
    {
        await Verify.VerifyCodeFixAsync(Local("""
                    // one-off session
                    var client = new ChatClient("key");
                    await {|CHAT004:client.ConnectUserAsync(new ChatUser("a"), "token")|};
                    Console.WriteLine(client.IsConnected);
            """), Local("""
                    // one-off session
                    await using var client = new ChatClient("key");
                    await client.ConnectUserAsync(new ChatUser("a"), "token");
                    Console.WriteLine(client.IsConnected);
            """), Key);
    }

    [Fact]
    public async Task Local_Stream_client_is_disconnected_in_a_finally_block()
    {
        await Verify.VerifyCodeFixAsync("""
            using System;
            using System.Threading.Tasks;
            using StreamChat.Core;

            public class Sample
            {
                public async Task RunAsync()
                {
                    var client = StreamChatClient.CreateDefaultClient();
                    await {|CHAT004:client.ConnectUserAsync("key", "a", "token")|};
                    Console.WriteLine(client.IsConnected);
                }
            }
            """, """
            using System;
            using System.Threading.Tasks;
            using StreamChat.Core;

            public class Sample
            {
                public async Task RunAsync()
                {
                    var client = StreamChatClient.CreateDefaultClient();
                    try
                    {
                        await client.ConnectUserAsync("key", "a", "token");
                        Console.WriteLine(client.IsConnected);
                    }
                    finally
                    {
                        await client.DisconnectUserAsync();
                    }
                }
            }
            """, Key, FrameworkStubs.StreamChat);
    }

    [Fact]
    public async Task Local_client_in_a_synchronous_method_is_disposed_in_a_finally_block()
    {
        await Verify.VerifyCodeFixAsync("""
            using System;
            using Chat.Client;

            public class Sample
            {
                public void Run()
                {
                    var client = new ChatClient("key");
                    _ = {|CHAT004:client.ConnectUserAsync(new ChatUser("a"), "token")|};
                    Console.WriteLine(client.IsConnected); // state
                }
            }
            """, """
            using System;
            using Chat.Client;

            public class Sample
            {
                public void Run()
                {
                    var client = new ChatClient("key");
                    try
                    {
                        _ = client.ConnectUserAsync(new ChatUser("a"), "token");
                        Console.WriteLine(client.IsConnected); // state
                    }
                    finally
                    {
                        client.Dispose();
                    }
                }
            }
            """, Key);
    }

    [Fact]
    public async Task Local_client_before_CSharp_8_is_disconnected_in_a_finally_block()
    {
        var test = new Verify.Test(Local("""
                    var client = new ChatClient("key");
                    await {|CHAT004:client.ConnectUserAsync(new ChatUser("a"), "token")|};
            """), Local("""
                    var client = new ChatClient("key");
                    try
                    {
                        await client.ConnectUserAsync(new ChatUser("a"), "token");
                    }
                    finally
                    {
                        await client.DisconnectUserAsync();
                    }
            """), Key);
        test.SolutionTransforms.Add((solution, projectId) =>
            solution.WithProjectParseOptions(projectId, new CSharpParseOptions(LanguageVersion.CSharp7_3)));
        await test.RunAsync();
    }

    // ---- Fix All

    [Fact]
    public async Task Fix_all_writes_one_release_per_client_in_one_teardown()
    {
        await Verify.VerifyCodeFixAsync("""
            using Chat.Client;
            using UnityEngine;

            public class ChatBehaviour : MonoBehaviour
            {
                private readonly ChatClient _client = new("key");
                private readonly ChatClient _support = new("key");

                private async void Start()
                {
                    await {|CHAT004:_client.ConnectUserAsync(new ChatUser("a"), "token")|};
                    await {|CHAT004:_client.ConnectUserAsync(new ChatUser("b"), "token")|};
                    await {|CHAT004:_support.ConnectUserAsync(new ChatUser("c"), "token")|};
                }
            }
            """, """
            using Chat.Client;
            using UnityEngine;

            public class ChatBehaviour : MonoBehaviour
            {
                private readonly ChatClient _client = new("key");
                private readonly ChatClient _support = new("key");

                private async void Start()
                {
                    await _client.ConnectUserAsync(new ChatUser("a"), "token");
                    await _client.ConnectUserAsync(new ChatUser("b"), "token");
                    await _support.ConnectUserAsync(new ChatUser("c"), "token");
                }

                private async void OnDestroy()
                {
                    await _client.DisconnectUserAsync();
                    await _support.DisconnectUserAsync();
                }
            }
            """, Key, FrameworkStubs.Unity);
    }

    [Fact]
    public async Task Fix_all_creates_one_teardown_per_connect_point()
    {
        await Verify.VerifyCodeFixAsync("""
            using Chat.Client;
            using UnityEngine;

            public class ChatBehaviour : MonoBehaviour
            {
                private readonly ChatClient _client = new("key");
                private readonly ChatClient _presence = new("key");

                private async void Start() => await {|CHAT004:_client.ConnectUserAsync(new ChatUser("a"), "token")|};

                private async void OnEnable() => await {|CHAT004:_presence.ConnectUserAsync(new ChatUser("a"), "token")|};
            }
            """, """
            using Chat.Client;
            using UnityEngine;

            public class ChatBehaviour : MonoBehaviour
            {
                private readonly ChatClient _client = new("key");
                private readonly ChatClient _presence = new("key");

                private async void Start() => await _client.ConnectUserAsync(new ChatUser("a"), "token");

                private async void OnEnable() => await _presence.ConnectUserAsync(new ChatUser("a"), "token");

                private async void OnDestroy()
                {
                    await _client.DisconnectUserAsync();
                }

                private async void OnDisable()
                {
                    await _presence.DisconnectUserAsync();
                }
            }
            """, Key, FrameworkStubs.Unity);
    }

    [Fact]
    public async Task Fix_all_fixes_every_document()
    {
        var test = new Verify.Test(PlainSession("First", "{|CHAT004:_client.ConnectUserAsync(new ChatUser(\"a\"), \"token\")|}"), PlainSessionFixed("First"), Key);
        test.TestState.Sources.Add(("/0/Second.cs", PlainSession("Second", "{|CHAT004:_client.ConnectUserAsync(new ChatUser(\"a\"), \"token\")|}")));
        test.FixedState.Sources.Add(("/0/Second.cs", PlainSessionFixed("Second")));
        await test.RunAsync();
    }

    [Fact]
    public async Task Type_split_over_two_files_gets_its_new_teardown_in_the_first_file_only()
    {
        var test = new Verify.Test("""
            using Chat.Client;
            using UnityEngine;

            public partial class ChatBehaviour : MonoBehaviour
            {
                private readonly ChatClient _client = new("key");

                private async void Start() => await {|CHAT004:_client.ConnectUserAsync(new ChatUser("a"), "token")|};
            }
            """, """
            using Chat.Client;
            using UnityEngine;

            public partial class ChatBehaviour : MonoBehaviour
            {
                private readonly ChatClient _client = new("key");

                private async void Start() => await _client.ConnectUserAsync(new ChatUser("a"), "token");

                private async void OnDestroy()
                {
                    await _client.DisconnectUserAsync();
                }
            }
            """, Key).WithStubs(FrameworkStubs.Unity);
        const string SecondPart = """
            using Chat.Client;

            public partial class ChatBehaviour
            {
                private readonly ChatClient _support = new("key");

                private async void Awake() => await {|CHAT004:_support.ConnectUserAsync(new ChatUser("b"), "token")|};
            }
            """;
        test.TestState.Sources.Add(("/0/Test1.cs", SecondPart));
        // The second file's connect now points at the new OnDestroy in the first file: no fix crosses files.
        test.FixedState.Sources.Add(("/0/Test1.cs", SecondPart.Replace("{|CHAT004:", string.Empty).Replace("\"token\")|}", "\"token\")")));
        test.FixedState.ExpectedDiagnostics.Add(Verify.Diagnostic("CHAT004").WithSpan("/0/Test1.cs", 7, 41, 7, 94).WithSpan("/0/Test0.cs", 10, 24, 10, 33).WithArguments(
            "ConnectUserAsync", "_support", "'Awake'", "'OnDestroy' never disconnects it", "the MonoBehaviour is destroyed", "disconnect it in 'OnDestroy'"));
        await test.RunAsync();
    }

    // ---- trivia and file style

    [Fact]
    public async Task Crlf_file_keeps_its_line_endings()
    {
        await Verify.VerifyCodeFixAsync(
            PlainSession("Session", "{|CHAT004:_client.ConnectUserAsync(new ChatUser(\"a\"), \"token\")|}").Replace("\n", "\r\n"),
            PlainSessionFixed("Session").Replace("\n", "\r\n"),
            Key);
    }

    [Fact]
    public async Task Tab_indented_file_gets_tabs()
    {
        await Verify.VerifyCodeFixAsync(
            PlainSession("Session", "{|CHAT004:_client.ConnectUserAsync(new ChatUser(\"a\"), \"token\")|}").Replace("    ", "\t"),
            PlainSessionFixed("Session").Replace("    ", "\t"),
            Key);
    }

    // ---- receivers: Stream's SDK, nullable members

    [Fact]
    public async Task Stream_client_field_is_disconnected_and_a_nullable_one_is_guarded()
    {
        await Verify.VerifyCodeFixAsync("""
            #nullable enable
            using StreamChat.Core;
            using UnityEngine;

            public class ChatBehaviour : MonoBehaviour
            {
                private IStreamChatClient? _client;

                private async void Start()
                {
                    _client = StreamChatClient.CreateDefaultClient();
                    await {|CHAT004:_client.ConnectUserAsync("key", "a", "token")|};
                }
            }
            """, """
            #nullable enable
            using StreamChat.Core;
            using UnityEngine;

            public class ChatBehaviour : MonoBehaviour
            {
                private IStreamChatClient? _client;

                private async void Start()
                {
                    _client = StreamChatClient.CreateDefaultClient();
                    await _client.ConnectUserAsync("key", "a", "token");
                }

                private async void OnDestroy()
                {
                    if (_client is not null)
                    {
                        await _client.DisconnectUserAsync();
                    }
                }
            }
            """, Key, FrameworkStubs.Unity, FrameworkStubs.StreamChat);
    }

    [Fact]
    public async Task Avalonia_control_gets_an_override_with_the_base_parameters()
    {
        await Verify.VerifyCodeFixAsync("""
            using Avalonia;
            using Avalonia.Controls;
            using Chat.Client;

            public class ChatView : UserControl
            {
                private readonly ChatClient _client = new("key");

                protected override async void OnAttachedToVisualTree(VisualTreeAttachmentEventArgs e) =>
                    await {|CHAT004:this._client.ConnectUserAsync(new ChatUser("a"), "token")|};
            }
            """, """
            using Avalonia;
            using Avalonia.Controls;
            using Chat.Client;

            public class ChatView : UserControl
            {
                private readonly ChatClient _client = new("key");

                protected override async void OnAttachedToVisualTree(VisualTreeAttachmentEventArgs e) =>
                    await this._client.ConnectUserAsync(new ChatUser("a"), "token");

                protected override async void OnDetachedFromVisualTree(VisualTreeAttachmentEventArgs e)
                {
                    base.OnDetachedFromVisualTree(e);
                    await this._client.DisconnectUserAsync();
                }
            }
            """, Key, FrameworkStubs.Avalonia);
    }

    // ---- not offered

    [Fact]
    public async Task Teardown_in_another_file_gets_no_fix()
    {
        var test = new Verify.Test("""
            using System;
            using Chat.Client;
            using System.Windows.Forms;

            public partial class ChatForm : Form
            {
                private readonly ChatClient _client = new("key");

                protected override async void OnLoad(EventArgs e) => await {|CHAT004:_client.ConnectUserAsync(new ChatUser("a"), "token")|};
            }
            """, """
            using System;
            using Chat.Client;
            using System.Windows.Forms;

            public partial class ChatForm : Form
            {
                private readonly ChatClient _client = new("key");

                protected override async void OnLoad(EventArgs e) => await {|CHAT004:_client.ConnectUserAsync(new ChatUser("a"), "token")|};
            }
            """, Key).WithStubs(FrameworkStubs.WinForms);
        const string Designer = """
            public partial class ChatForm
            {
                protected override void Dispose(bool disposing)
                {
                    base.Dispose(disposing);
                }
            }
            """;
        test.TestState.Sources.Add(("/0/ChatForm.Designer.cs", Designer));
        test.FixedState.Sources.Add(("/0/ChatForm.Designer.cs", Designer));
        await test.RunAsync();
    }

    [Fact]
    public async Task Local_client_stored_into_a_field_gets_no_fix()
    {
        await Verify.VerifyNoCodeFixAsync("""
            using System.Threading.Tasks;
            using Chat.Client;

            public class ChatSession
            {
                private ChatClient? _client;

                public async Task StartAsync()
                {
                    var client = new ChatClient("key");
                    _client = client;
                    await {|CHAT004:client.ConnectUserAsync(new ChatUser("a"), "token")|};
                }
            }
            """, Key);
    }

    [Fact]
    public async Task Maui_teardown_that_hides_instead_of_overriding_gets_no_fix()
    {
        await Verify.VerifyNoCodeFixAsync("""
            using Chat.Client;
            using Microsoft.Maui.Controls;

            public class ChatPage : ContentPage
            {
                private readonly ChatClient _client = new("key");

                protected override async void OnAppearing() => await {|CHAT004:_client.ConnectUserAsync(new ChatUser("a"), "token")|};

                protected new void OnDisappearing()
                {
                }
            }
            """, Key, FrameworkStubs.Maui);
    }

    [Fact]
    public async Task Razor_generated_component_gets_no_fix()
    {
        var test = new Verify.Test(BlazorUsings + "public class Placeholder { }", BlazorUsings + "public class Placeholder { }", Key).WithAspNetCore();
        const string Generated = """
            // <auto-generated/>
            namespace App.Pages
            {
                using System.Threading.Tasks;
                using Chat.Client;
                using Microsoft.AspNetCore.Components;

                public partial class ChatPanel : ComponentBase
                {
                    [Inject] private IChatClient Chat { get; set; } = default!;

                    protected override async Task OnInitializedAsync() => await {|CHAT004:Chat.ConnectUserAsync(new ChatUser("a"), "token")|};
                }
            }
            """;
        test.TestState.Sources.Add(("/0/Pages_ChatPanel_razor.g.cs", Generated));
        test.FixedState.Sources.Add(("/0/Pages_ChatPanel_razor.g.cs", Generated));
        await test.RunAsync();
    }

    [Fact]
    public async Task Task_returning_teardown_with_several_results_gets_no_fix()
    {
        const string Source = """
            using System.Threading;
            using System.Threading.Tasks;
            using Chat.Client;
            using Microsoft.Extensions.Hosting;

            public sealed class ChatWorker : IHostedService
            {
                private readonly ChatClient _client = new("key");
                private bool _stopped;

                public async Task StartAsync(CancellationToken cancellationToken) =>
                    await {|CHAT004:_client.ConnectUserAsync(new ChatUser("worker"), "token", cancellationToken)|};

                public Task StopAsync(CancellationToken cancellationToken)
                {
                    if (_stopped)
                    {
                        return Task.CompletedTask;
                    }

                    _stopped = true;
                    return Task.Delay(1, cancellationToken);
                }
            }
            """;
        await new Verify.Test(Source, Source, Key).WithAspNetCore().RunAsync();
    }

    private static string PlainSession(string name, string connect) => $$"""
        using System.Threading.Tasks;
        using Chat.Client;

        public class {{name}}
        {
            private readonly ChatClient _client = new("key");

            public async Task StartAsync() => await {{connect}}; // started by the host
        }
        """;

    private static string PlainSessionFixed(string name) => $$"""
        using System;
        using System.Threading.Tasks;
        using Chat.Client;

        public class {{name}} : IAsyncDisposable
        {
            private readonly ChatClient _client = new("key");

            public async Task StartAsync() => await _client.ConnectUserAsync(new ChatUser("a"), "token"); // started by the host

            public async ValueTask DisposeAsync()
            {
                await _client.DisconnectUserAsync();
            }
        }
        """;

    private static string Local(string body) => $$"""
        using System;
        using System.Threading.Tasks;
        using Chat.Client;

        public class Sample
        {
            public async Task RunAsync()
            {
        {{body}}
            }
        }
        """;

    [Fact]
    public async Task Expression_bodied_teardown_in_another_partial_part_becomes_an_async_block()
    {
        await Verify.VerifyCodeFixAsync("""
            using Chat.Client;
            using UnityEngine;

            public partial class ChatBehaviour : MonoBehaviour
            {
                private readonly ChatClient _client = new("key");

                private async void OnEnable() => await {|CHAT004:_client.ConnectUserAsync(new ChatUser("a"), "token")|};
            }

            public partial class ChatBehaviour
            {
                /* paired with OnEnable */ private void OnDisable() => Debug.Log("disabled"); // logged
            }
            """, """
            using Chat.Client;
            using UnityEngine;

            public partial class ChatBehaviour : MonoBehaviour
            {
                private readonly ChatClient _client = new("key");

                private async void OnEnable() => await _client.ConnectUserAsync(new ChatUser("a"), "token");
            }

            public partial class ChatBehaviour
            {
                /* paired with OnEnable */ private async void OnDisable()
                {
                    Debug.Log("disabled");
                    await _client.DisconnectUserAsync();
                } // logged
            }
            """, Key, FrameworkStubs.Unity);
    }

    [Fact]
    public async Task Unbraced_if_disposing_gets_braces()
    {
        await Verify.VerifyCodeFixAsync("""
            using System;
            using Chat.Client;
            using Microsoft.Xna.Framework;

            public class ChatGame : Game
            {
                private readonly ChatClient _client = new("key");

                protected override async void LoadContent() => await {|CHAT004:_client.ConnectUserAsync(new ChatUser("a"), "token")|};

                protected override void Dispose(bool disposing)
                {
                    if (disposing)
                        Console.WriteLine("bye");
                    base.Dispose(disposing);
                }
            }
            """, """
            using System;
            using Chat.Client;
            using Microsoft.Xna.Framework;

            public class ChatGame : Game
            {
                private readonly ChatClient _client = new("key");

                protected override async void LoadContent() => await _client.ConnectUserAsync(new ChatUser("a"), "token");

                protected override void Dispose(bool disposing)
                {
                    if (disposing)
                    {
                        Console.WriteLine("bye");
                        _client.Dispose();
                    }

                    base.Dispose(disposing);
                }
            }
            """, Key, FrameworkStubs.MonoGame);
    }

    private const string BlazorUsings = """
        using System;
        using System.Threading.Tasks;
        using Chat.Client;
        using Microsoft.AspNetCore.Components;


        """;
}
