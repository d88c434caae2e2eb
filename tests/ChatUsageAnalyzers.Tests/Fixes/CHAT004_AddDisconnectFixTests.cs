using System.Linq;
using System.Threading.Tasks;
using ChatUsageAnalyzers.CodeFixes;
using ChatUsageAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis.CSharp;
using Verify = ChatUsageAnalyzers.Tests.Verifiers.ConnectRuleFixVerifier<
    ChatUsageAnalyzers.Tests.Verifiers.Chat004,
    ChatUsageAnalyzers.CodeFixes.AddDisconnectFix>;

namespace ChatUsageAnalyzers.Tests.Fixes;

public class CHAT004_AddDisconnectFixTests
{
    private const string Key = EquivalenceKeys.AddDisconnect;

    /// <summary>The connect most cases make, with its diagnostic markup.</summary>
    private const string Connect = """{|CHAT004:_client.ConnectUserAsync(new ChatUser("a"), "token")|}""";

    // ---- plain classes: DisposeAsync (+ IAsyncDisposable), or an existing Dispose / DisposeAsync

    [Fact]
    public async Task Plain_class_gets_IAsyncDisposable_and_a_DisposeAsync_that_disconnects()
    {
        await Verify.VerifyCodeFixAsync(PlainSession("ChatSession", Connect), PlainSessionFixed("ChatSession"), Key);
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

    // ---- one row per framework: the paired teardown is created, as LifecycleMethods declares lifecycle methods

    [Theory]
    [InlineData(FrameworkStubs.Unity, "UnityEngine", "MonoBehaviour", "private async void Start() => await " + Connect + ";", """
        private async void OnDestroy()
        {
            await _client.DisconnectUserAsync();
        }
        """)]
    [InlineData(FrameworkStubs.Unity, "UnityEngine", "MonoBehaviour", "private async void Awake() => await " + Connect + ";", """
        private async void OnDestroy()
        {
            await _client.DisconnectUserAsync();
        }
        """)]
    [InlineData(FrameworkStubs.Unity, "UnityEngine", "MonoBehaviour", "private async void OnEnable() => await " + Connect + ";", """
        private async void OnDisable()
        {
            await _client.DisconnectUserAsync();
        }
        """)]
    [InlineData(FrameworkStubs.Maui, "Microsoft.Maui.Controls", "ContentPage", "protected override async void OnAppearing() => await " + Connect + ";", """
        protected override async void OnDisappearing()
        {
            base.OnDisappearing();
            await _client.DisconnectUserAsync();
        }
        """)]
    [InlineData(FrameworkStubs.Maui, "Microsoft.Maui.Controls", "ContentPage", "protected override async void OnNavigatedTo(NavigatedToEventArgs args) => await " + Connect + ";", """
        protected override async void OnNavigatedFrom(NavigatedFromEventArgs args)
        {
            base.OnNavigatedFrom(args);
            await _client.DisconnectUserAsync();
        }
        """)]
    // Godot's Node virtuals are empty hooks: like CHAT002's new _Ready, the override does not call the base.
    [InlineData(FrameworkStubs.Godot, "Godot", "Node", "public override async void _Ready() => await " + Connect + ";", """
        public override async void _ExitTree()
        {
            await _client.DisconnectUserAsync();
        }
        """)]
    [InlineData(FrameworkStubs.Godot, "Godot", "Node", "public override async void _EnterTree() => await " + Connect + ";", """
        public override async void _ExitTree()
        {
            await _client.DisconnectUserAsync();
        }
        """)]
    [InlineData(FrameworkStubs.MonoGame, "Microsoft.Xna.Framework", "Game", "protected override async void Initialize() => await " + Connect + ";", """
        protected override async void UnloadContent()
        {
            base.UnloadContent();
            await _client.DisconnectUserAsync();
        }
        """)]
    // A game component has no UnloadContent or OnExiting: its Dispose(bool) releases before the base's.
    [InlineData(FrameworkStubs.MonoGame, "Microsoft.Xna.Framework", "GameComponent", "public ChatComponent(Game game) : base(game) { }\n\n    public override async void Initialize() => await " + Connect + ";", """
        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _client.Dispose();
            }

            base.Dispose(disposing);
        }
        """)]
    [InlineData(FrameworkStubs.WinForms, "System.Windows.Forms", "UserControl", "protected override async void OnLoad(EventArgs e) => await " + Connect + ";", """
        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _client.Dispose();
            }

            base.Dispose(disposing);
        }
        """)]
    [InlineData(FrameworkStubs.WinForms, "System.Windows.Forms", "Form", "protected override async void OnLoad(EventArgs e) => await " + Connect + ";", """
        protected override async void OnFormClosed(FormClosedEventArgs e)
        {
            base.OnFormClosed(e);
            await _client.DisconnectUserAsync();
        }
        """)]
    [InlineData(FrameworkStubs.Wpf, "System.Windows", "Window", "protected override async void OnInitialized(EventArgs e) => await " + Connect + ";", """
        protected override async void OnClosed(EventArgs e)
        {
            base.OnClosed(e);
            await _client.DisconnectUserAsync();
        }
        """)]
    // No Unloaded handler to write into: a window falls back to the row's other teardown.
    [InlineData(FrameworkStubs.Wpf, "System.Windows", "Window", "public ChatComponent() => Loaded += async (_, _) => await " + Connect + ";", """
        protected override async void OnClosed(EventArgs e)
        {
            base.OnClosed(e);
            await _client.DisconnectUserAsync();
        }
        """)]
    [InlineData(FrameworkStubs.Avalonia, "Avalonia Avalonia.Controls", "UserControl", "protected override async void OnAttachedToVisualTree(VisualTreeAttachmentEventArgs e) =>\n        await {|CHAT004:this._client.ConnectUserAsync(new ChatUser(\"a\"), \"token\")|};", """
        protected override async void OnDetachedFromVisualTree(VisualTreeAttachmentEventArgs e)
        {
            base.OnDetachedFromVisualTree(e);
            await this._client.DisconnectUserAsync();
        }
        """)]
    public async Task Framework_type_gets_its_paired_teardown_created(string stub, string namespaces, string baseType, string connectMember, string newTeardown)
    {
        var source = FrameworkComponent(namespaces, baseType, connectMember);
        var fixedSource = FrameworkComponent(namespaces, baseType, connectMember.Replace("{|CHAT004:", string.Empty).Replace("\"token\")|}", "\"token\")") + "\n\n" + Indent(newTeardown));
        await Verify.VerifyCodeFixAsync(source, fixedSource, Key, stub);
    }

    /// <summary>A class deriving from <paramref name="baseType"/> of the space-separated <paramref name="namespaces"/>, holding a client.</summary>
    private static string FrameworkComponent(string namespaces, string baseType, string members) => $$"""
        using System;
        using Chat.Client;
        {{string.Join("\n", namespaces.Split(' ').Select(n => "using " + n + ";"))}}

        public class ChatComponent : {{baseType}}
        {
            private readonly ChatClient _client = new("key");

            {{members}}
        }
        """;

    private static string Indent(string member) => string.Join("\n", member.Split('\n').Select(line => line.Length == 0 ? line : "    " + line));

    // ---- WPF: the Unloaded handler the type subscribes

    [Theory]
    [InlineData("private void OnUnloaded(object sender, RoutedEventArgs e)\n    {\n    }", "private async void OnUnloaded(object sender, RoutedEventArgs e)\n    {\n        await _client.DisconnectUserAsync();\n    }")]
    [InlineData("private void OnUnloaded(object sender, RoutedEventArgs e) => Console.WriteLine(\"unloaded\");", "private async void OnUnloaded(object sender, RoutedEventArgs e)\n    {\n        Console.WriteLine(\"unloaded\");\n        await _client.DisconnectUserAsync();\n    }")]
    public async Task Wpf_subscribed_Unloaded_handler_method_gets_the_disconnect_and_becomes_async_void(string handler, string fixedHandler)
    {
        const string Source = """
            using System;
            using Chat.Client;
            using System.Windows;
            using System.Windows.Controls;

            public class ChatControl : UserControl
            {
                private readonly ChatClient _client = new("key");

                public ChatControl()
                {
                    Loaded += OnLoaded;
                    Unloaded += new RoutedEventHandler(OnUnloaded);
                }

                private async void OnLoaded(object sender, RoutedEventArgs e) => await CONNECT;

                HANDLER
            }
            """;
        await Verify.VerifyCodeFixAsync(
            Source.Replace("CONNECT", Connect).Replace("HANDLER", handler),
            Source.Replace("CONNECT", "_client.ConnectUserAsync(new ChatUser(\"a\"), \"token\")").Replace("HANDLER", fixedHandler),
            Key,
            FrameworkStubs.Wpf);
    }

    [Fact]
    public async Task Wpf_Unloaded_lambda_gets_no_fix_and_the_method_that_subscribes_it_is_left_alone()
    {
        // The analyzer points at the lambda; the method around it (OnInitialized, the connect point) is not a teardown.
        await Verify.VerifyNoCodeFixAsync("""
            using System;
            using Chat.Client;
            using System.Windows;

            public class ChatWindow : Window
            {
                private readonly ChatClient _client = new("key");

                protected override async void OnInitialized(EventArgs e)
                {
                    Unloaded += (_, _) => Console.WriteLine("unloaded");
                    await {|CHAT004:_client.ConnectUserAsync(new ChatUser("a"), "token")|};
                }
            }
            """, Key, FrameworkStubs.Wpf);
    }

    [Fact]
    public async Task Wpf_user_control_without_an_Unloaded_handler_gets_no_fix()
    {
        // A user control has no OnClosed; subscribing a new handler is a design decision left to the developer.
        await Verify.VerifyNoCodeFixAsync("""
            using Chat.Client;
            using System.Windows.Controls;

            public class ChatControl : UserControl
            {
                private readonly ChatClient _client = new("key");

                public ChatControl() => Loaded += async (_, _) => await {|CHAT004:_client.ConnectUserAsync(new ChatUser("a"), "token")|};
            }
            """, Key, FrameworkStubs.Wpf);
    }

    // ---- OnNavigatedTo -> OnNavigatedFrom outside MAUI: the fix follows the pairing the analyzer reports

    [Fact]
    public async Task OnNavigatedFrom_of_a_non_Maui_framework_type_pairs_by_name_and_gets_the_disconnect()
    {
        await Verify.VerifyCodeFixAsync("""
            using Chat.Client;
            using System.Windows.Controls;

            public class ChatView : UserControl
            {
                private readonly ChatClient _client = new("key");

                protected async void OnNavigatedTo(object parameter) => await {|CHAT004:_client.ConnectUserAsync(new ChatUser("a"), "token")|};

                protected void OnNavigatedFrom(object parameter)
                {
                }
            }
            """, """
            using Chat.Client;
            using System.Windows.Controls;

            public class ChatView : UserControl
            {
                private readonly ChatClient _client = new("key");

                protected async void OnNavigatedTo(object parameter) => await _client.ConnectUserAsync(new ChatUser("a"), "token");

                protected async void OnNavigatedFrom(object parameter)
                {
                    await _client.DisconnectUserAsync();
                }
            }
            """, Key, FrameworkStubs.Wpf);
    }

    [Fact]
    public async Task OnNavigatedFrom_of_a_non_Maui_type_is_not_a_teardown_for_other_connect_points()
    {
        // Connected in the constructor, the view must disconnect in an Unloaded handler or OnClosed, not in OnNavigatedFrom.
        await new Verify.Test("""
            using Chat.Client;
            using System.Windows.Controls;

            public class ChatView : UserControl
            {
                private readonly ChatClient _client = new("key");

                public ChatView() => _ = {|#0:_client.ConnectUserAsync(new ChatUser("a"), "token")|};

                protected void OnNavigatedFrom(object parameter)
                {
                }
            }
            """, """
            using Chat.Client;
            using System.Windows.Controls;

            public class ChatView : UserControl
            {
                private readonly ChatClient _client = new("key");

                public ChatView() => _ = {|#0:_client.ConnectUserAsync(new ChatUser("a"), "token")|};

                protected void OnNavigatedFrom(object parameter)
                {
                }
            }
            """, Key)
        {
            TestState = { ExpectedDiagnostics = { Verify.Diagnostic("CHAT004").WithLocation(0).WithArguments(
                "ConnectUserAsync", "_client", "'ChatView'", "the element has no 'Unloaded' handler or 'OnClosed'", "the element is unloaded", "disconnect it in an 'Unloaded' handler") } },
        }.WithStubs(FrameworkStubs.Wpf).RunAsync();
    }

    [Fact]
    public async Task OnNavigatedTo_of_a_plain_type_without_an_overridable_OnNavigatedFrom_gets_no_fix()
    {
        // The analyzer asks for OnNavigatedFrom; with no base member to override, nothing would call a new one.
        await Verify.VerifyNoCodeFixAsync("""
            using Chat.Client;

            public class ChatViewModel
            {
                private readonly ChatClient _client = new("key");

                public async void OnNavigatedTo(object parameter) => await {|CHAT004:_client.ConnectUserAsync(new ChatUser("a"), "token")|};
            }
            """, Key);
    }

    [Fact]
    public async Task OnNavigatedTo_of_a_type_whose_base_declares_OnNavigatedFrom_gets_an_override()
    {
        await Verify.VerifyCodeFixAsync("""
            using Chat.Client;

            public abstract class NavigationAware
            {
                public virtual void OnNavigatedTo(object parameter) { }
                public virtual void OnNavigatedFrom(object parameter) { }
            }

            public class ChatViewModel : NavigationAware
            {
                private readonly ChatClient _client = new("key");

                public override async void OnNavigatedTo(object parameter) => await {|CHAT004:_client.ConnectUserAsync(new ChatUser("a"), "token")|};
            }
            """, """
            using Chat.Client;

            public abstract class NavigationAware
            {
                public virtual void OnNavigatedTo(object parameter) { }
                public virtual void OnNavigatedFrom(object parameter) { }
            }

            public class ChatViewModel : NavigationAware
            {
                private readonly ChatClient _client = new("key");

                public override async void OnNavigatedTo(object parameter) => await _client.ConnectUserAsync(new ChatUser("a"), "token");

                public override async void OnNavigatedFrom(object parameter)
                {
                    base.OnNavigatedFrom(parameter);
                    await _client.DisconnectUserAsync();
                }
            }
            """, Key);
    }

    // ---- existing overrides: MonoGame, hosted services

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
        var test = new Verify.Test(PlainSession("First", Connect), PlainSessionFixed("First"), Key);
        test.TestState.Sources.Add(("/0/Second.cs", PlainSession("Second", Connect)));
        test.FixedState.Sources.Add(("/0/Second.cs", PlainSessionFixed("Second")));
        await test.RunAsync();
    }

    // ---- types split over several files

    [Fact]
    public async Task Connects_in_two_files_of_a_type_share_one_new_teardown()
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
                    await _support.DisconnectUserAsync();
                }
            }
            """, Key).WithStubs(FrameworkStubs.Unity);
        const string SecondPart = """
            using Chat.Client;

            public partial class ChatBehaviour
            {
                private readonly ChatClient _support = new("key");

                private async void Awake() => await CONNECT;
            }
            """;
        test.TestState.Sources.Add(("/0/Test1.cs", SecondPart.Replace("CONNECT", "{|CHAT004:_support.ConnectUserAsync(new ChatUser(\"b\"), \"token\")|}")));
        test.FixedState.Sources.Add(("/0/Test1.cs", SecondPart.Replace("CONNECT", "_support.ConnectUserAsync(new ChatUser(\"b\"), \"token\")")));
        await test.RunAsync();
    }

    [Fact]
    public async Task Connect_in_a_later_part_gets_the_teardown_and_the_interface_on_its_own_part()
    {
        var test = new Verify.Test(BlazorUsings + """
            public partial class ChatPanel : ComponentBase
            {
            }
            """, BlazorUsings + """
            public partial class ChatPanel : ComponentBase
            {
            }
            """, Key).WithAspNetCore();
        test.TestState.Sources.Add(("/0/Test1.cs", BlazorUsings + """
            public partial class ChatPanel
            {
                [Inject] public IChatClient Chat { get; set; } = default!;

                protected override async Task OnInitializedAsync() => await {|CHAT004:Chat.ConnectUserAsync(new ChatUser("a"), "token")|};
            }
            """));
        test.FixedState.Sources.Add(("/0/Test1.cs", BlazorUsings + """
            public partial class ChatPanel : IAsyncDisposable
            {
                [Inject] public IChatClient Chat { get; set; } = default!;

                protected override async Task OnInitializedAsync() => await Chat.ConnectUserAsync(new ChatUser("a"), "token");

                public async ValueTask DisposeAsync()
                {
                    await Chat.DisconnectUserAsync();
                }
            }
            """));
        await test.RunAsync();
    }

    [Fact]
    public async Task Connects_in_two_parts_get_one_DisposeAsync_and_one_interface()
    {
        const string Part = """
            public partial class ChatPanel
            {
                [Inject] public IChatClient CLIENT { get; set; } = default!;

                protected override async Task METHOD() => await CONNECT;
            }
            """;
        var test = new Verify.Test(
            BlazorUsings + "public partial class ChatPanel : ComponentBase { }\n" + Part.Replace("CLIENT", "Chat").Replace("METHOD", "OnInitializedAsync").Replace("CONNECT", "{|CHAT004:Chat.ConnectUserAsync(new ChatUser(\"a\"), \"token\")|}"),
            BlazorUsings + "public partial class ChatPanel : ComponentBase { }\n" + """
            public partial class ChatPanel : IAsyncDisposable
            {
                [Inject] public IChatClient Chat { get; set; } = default!;

                protected override async Task OnInitializedAsync() => await Chat.ConnectUserAsync(new ChatUser("a"), "token");

                public async ValueTask DisposeAsync()
                {
                    await Chat.DisconnectUserAsync();
                    await Support.DisconnectUserAsync();
                }
            }
            """,
            Key).WithAspNetCore();
        test.TestState.Sources.Add(("/0/Test1.cs", BlazorUsings + Part.Replace("CLIENT", "Support").Replace("METHOD", "OnParametersSetAsync").Replace("CONNECT", "{|CHAT004:Support.ConnectUserAsync(new ChatUser(\"b\"), \"token\")|}")));
        test.FixedState.Sources.Add(("/0/Test1.cs", BlazorUsings + Part.Replace("CLIENT", "Support").Replace("METHOD", "OnParametersSetAsync").Replace("CONNECT", "Support.ConnectUserAsync(new ChatUser(\"b\"), \"token\")")));
        await test.RunAsync();
    }

    [Fact]
    public async Task Dispose_bool_in_the_designer_file_gets_the_release()
    {
        // WinForms designers generate Dispose(bool) into Form.Designer.cs: the fix edits that document.
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

                protected override async void OnLoad(EventArgs e) => await _client.ConnectUserAsync(new ChatUser("a"), "token");
            }
            """, Key).WithStubs(FrameworkStubs.WinForms);
        test.TestState.Sources.Add(("/0/ChatForm.Designer.cs", """
            public partial class ChatForm
            {
                /// <summary>Clean up any resources being used.</summary>
                protected override void Dispose(bool disposing)
                {
                    if (disposing && (components != null))
                    {
                        components.Dispose();
                    }

                    base.Dispose(disposing);
                }

                private System.ComponentModel.IContainer components = null;
            }
            """));
        test.FixedState.Sources.Add(("/0/ChatForm.Designer.cs", """
            public partial class ChatForm
            {
                /// <summary>Clean up any resources being used.</summary>
                protected override void Dispose(bool disposing)
                {
                    if (disposing && (components != null))
                    {
                        components.Dispose();
                    }

                    if (disposing)
                    {
                        _client.Dispose();
                    }

                    base.Dispose(disposing);
                }

                private System.ComponentModel.IContainer components = null;
            }
            """));
        await test.RunAsync();
    }

    // ---- trivia and file style

    [Fact]
    public async Task Crlf_file_keeps_its_line_endings()
    {
        await Verify.VerifyCodeFixAsync(
            PlainSession("Session", Connect).Replace("\n", "\r\n"),
            PlainSessionFixed("Session").Replace("\n", "\r\n"),
            Key);
    }

    [Fact]
    public async Task Tab_indented_file_gets_tabs()
    {
        await Verify.VerifyCodeFixAsync(
            PlainSession("Session", Connect).Replace("    ", "\t"),
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

    // ---- not offered

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
