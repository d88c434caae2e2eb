using System.Threading.Tasks;
using ChatUsageAnalyzers.Tests.Verifiers;
using Verify = ChatUsageAnalyzers.Tests.Verifiers.ConnectRuleVerifier<ChatUsageAnalyzers.Tests.Verifiers.Chat004>;

namespace ChatUsageAnalyzers.Tests.Rules;

public class CHAT004_MissingDisconnectTests
{
    private const string Connect = "_client.ConnectUserAsync(new ChatUser(\"a\"), \"token\")";

    // ---- Blazor: OnInitialized{Async} / OnAfterRender{Async} / SetParametersAsync -> Dispose / DisposeAsync (with the interface)

    [Theory]
    [InlineData("IAsyncDisposable", "public async ValueTask DisposeAsync() => await Chat.DisconnectUserAsync();")]
    [InlineData("IDisposable", "public void Dispose() => Chat.Dispose();")]
    [InlineData("IAsyncDisposable", "async ValueTask IAsyncDisposable.DisposeAsync() { if (Chat is not null) { await Chat.DisposeAsync(); } }")]
    public async Task Blazor_component_disconnecting_in_its_dispose_is_not_flagged(string @interface, string dispose)
    {
        await Blazor($$"""
            public class ChatPanel : ComponentBase, {{@interface}}
            {
                [Inject] public IChatClient Chat { get; set; } = default!;

                protected override async Task OnInitializedAsync() => await Chat.ConnectUserAsync(new ChatUser("a"), "token");

                {{dispose}}
            }
            """);
    }

    [Theory]
    [InlineData("protected override void OnInitialized() => _ = {|CHAT004:Chat.ConnectUserAsync(new ChatUser(\"a\"), \"token\")|};")]
    [InlineData("protected override async Task OnInitializedAsync() => await {|CHAT004:Chat.ConnectUserAsync(new ChatUser(\"a\"), \"token\")|};")]
    [InlineData("protected override async Task OnAfterRenderAsync(bool firstRender) { if (firstRender) { await {|CHAT004:Chat.ConnectUserAsync(new ChatUser(\"a\"), \"token\")|}; } }")]
    [InlineData("protected override void OnAfterRender(bool firstRender) { if (firstRender) { _ = {|CHAT004:Chat.ConnectUserAsync(new ChatUser(\"a\"), \"token\")|}; } }")]
    [InlineData("public override async Task SetParametersAsync(ParameterView parameters) { await base.SetParametersAsync(parameters); await {|CHAT004:Chat.ConnectUserAsync(new ChatUser(\"a\"), \"token\")|}; }")]
    public async Task Blazor_component_without_a_dispose_is_flagged(string connectIn)
    {
        await Blazor($$"""
            public class ChatPanel : ComponentBase
            {
                [Inject] public IChatClient Chat { get; set; } = default!;

                {{connectIn}}
            }
            """);
    }

    [Fact]
    public async Task Blazor_component_without_the_interface_is_flagged_and_says_so()
    {
        var test = new Verify.Test(BlazorUsings + """
            public class ChatPanel : ComponentBase
            {
                [Inject] public IChatClient Chat { get; set; } = default!;

                protected override async Task OnInitializedAsync() => await {|#0:Chat.ConnectUserAsync(new ChatUser("a"), "token")|};

                public async ValueTask {|#1:DisposeAsync|}() => await Chat.DisconnectUserAsync();
            }
            """).WithAspNetCore();
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("CHAT004").WithLocation(0).WithLocation(1).WithArguments(
            "ConnectUserAsync", "Chat", "'OnInitializedAsync'",
            "'DisposeAsync' never runs because the component does not implement IAsyncDisposable",
            "the component is gone",
            "implement IAsyncDisposable and disconnect it in 'DisposeAsync'"));
        await test.RunAsync();
    }

    [Fact]
    public async Task Blazor_component_with_no_dispose_at_all_is_told_to_implement_the_interface()
    {
        var test = new Verify.Test(BlazorUsings + """
            public class ChatPanel : ComponentBase
            {
                [Inject] public IChatClient Chat { get; set; } = default!;

                protected override async Task OnInitializedAsync() => await {|#0:Chat.ConnectUserAsync(new ChatUser("a"), "token")|};
            }
            """).WithAspNetCore();
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("CHAT004").WithLocation(0).WithArguments(
            "ConnectUserAsync", "Chat", "'OnInitializedAsync'",
            "the component does not implement IDisposable or IAsyncDisposable",
            "the component is gone",
            "implement IAsyncDisposable and disconnect it in 'DisposeAsync'"));
        await test.RunAsync();
    }

    [Fact]
    public async Task Blazor_dispose_that_forgets_the_client_is_flagged_with_the_dispose_as_additional_location()
    {
        var test = new Verify.Test(BlazorUsings + """
            public class ChatPanel : ComponentBase, IDisposable
            {
                [Inject] public IChatClient Chat { get; set; } = default!;

                protected override async Task OnInitializedAsync() => await {|#0:Chat.ConnectUserAsync(new ChatUser("a"), "token")|};

                public void {|#1:Dispose|}() { }
            }
            """).WithAspNetCore();
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("CHAT004").WithLocation(0).WithLocation(1).WithArguments(
            "ConnectUserAsync", "Chat", "'OnInitializedAsync'", "'Dispose' never disconnects it", "the component is gone", "disconnect it in 'Dispose'"));
        await test.RunAsync();
    }

    [Fact]
    public async Task Razor_generated_component_is_analyzed()
    {
        var test = new Verify.Test(BlazorUsings + "namespace App { public class Placeholder { } }").WithAspNetCore();
        test.TestState.Sources.Add(("/0/Pages_ChatPanel_razor.g.cs", """
            // <auto-generated/>
            #pragma warning disable 1591
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
            """));
        await test.RunAsync();
    }

    [Fact]
    public async Task Other_generated_code_is_not_analyzed()
    {
        var test = new Verify.Test(BlazorUsings + "namespace App { public class Placeholder { } }").WithAspNetCore();
        test.TestState.Sources.Add(("/0/ChatPanel.g.cs", """
            // <auto-generated/>
            namespace App.Generated
            {
                using System.Threading.Tasks;
                using Chat.Client;
                using Microsoft.AspNetCore.Components;

                public class ChatPanel : ComponentBase
                {
                    [Inject] private IChatClient Chat { get; set; } = default!;

                    protected override async Task OnInitializedAsync() => await Chat.ConnectUserAsync(new ChatUser("a"), "token");
                }
            }
            """));
        await test.RunAsync();
    }

    [Fact]
    public async Task Generated_partial_part_can_hold_the_teardown()
    {
        // WinForms designers generate Dispose(bool) into Form1.Designer.cs: a disconnect written there counts.
        var test = new Verify.Test("""
            using System;
            using Chat.Client;
            using System.Windows.Forms;

            public partial class ChatForm : Form
            {
                private readonly ChatClient _client = new("key");

                protected override async void OnLoad(EventArgs e) => await _client.ConnectUserAsync(new ChatUser("a"), "token");
            }
            """).WithStubs(FrameworkStubs.WinForms);
        test.TestState.Sources.Add(("/0/ChatForm.Designer.cs", """
            // <auto-generated/>
            public partial class ChatForm
            {
                protected override void Dispose(bool disposing)
                {
                    if (disposing)
                    {
                        _client.Dispose();
                    }

                    base.Dispose(disposing);
                }
            }
            """));
        await test.RunAsync();
    }

    // ---- Unity: Awake / Start -> OnDestroy or OnApplicationQuit; OnEnable -> OnDisable

    [Theory]
    [InlineData("Start", "OnDestroy")]
    [InlineData("Awake", "OnDestroy")]
    [InlineData("Start", "OnApplicationQuit")]
    [InlineData("Awake", "OnApplicationQuit")]
    [InlineData("OnEnable", "OnDisable")]
    public async Task Unity_connect_disconnected_in_its_paired_message_is_not_flagged(string connectIn, string disconnectIn)
    {
        await Verify.VerifyAnalyzerAsync($$"""
            using Chat.Client;
            using UnityEngine;

            public class ChatView : MonoBehaviour
            {
                private readonly ChatClient _client = new("key");

                private async void {{connectIn}}() => await {{Connect}};

                private async void {{disconnectIn}}() => await _client.DisconnectUserAsync();
            }
            """, [FrameworkStubs.Unity]);
    }

    [Theory]
    [InlineData("Start")]
    [InlineData("Awake")]
    [InlineData("OnEnable")]
    [InlineData("ConnectChat")]
    public async Task Unity_connect_without_a_teardown_is_flagged(string connectIn)
    {
        await Verify.VerifyAnalyzerAsync($$"""
            using Chat.Client;
            using UnityEngine;

            public class ChatView : MonoBehaviour
            {
                private readonly ChatClient _client = new("key");

                private async void {{connectIn}}() => await {|CHAT004:{{Connect}}|};

                private void OnDisable() => Debug.Log("disabled");

                private void OnDestroy() => Debug.Log("destroyed");
            }
            """, [FrameworkStubs.Unity]);
    }

    [Fact]
    public async Task Unity_connect_in_OnEnable_disconnected_only_in_OnDestroy_is_flagged()
    {
        await Verify.VerifyAnalyzerAsync("""
            using Chat.Client;
            using UnityEngine;

            public class ChatView : MonoBehaviour
            {
                private readonly ChatClient _client = new("key");

                private async void OnEnable() => await {|#0:_client.ConnectUserAsync(new ChatUser("a"), "token")|};

                private async void OnDestroy() => await _client.DisconnectUserAsync();
            }
            """,
            [FrameworkStubs.Unity],
            Verify.Diagnostic("CHAT004").WithLocation(0).WithArguments(
                "ConnectUserAsync", "_client", "'OnEnable'",
                "the MonoBehaviour has no 'OnDisable' (the disconnect in 'OnDestroy' does not pair with 'OnEnable')",
                "the MonoBehaviour is disabled",
                "disconnect it in 'OnDisable'"));
    }

    [Fact]
    public async Task Unity_message_names_the_missing_teardowns()
    {
        await Verify.VerifyAnalyzerAsync("""
            using Chat.Client;
            using UnityEngine;

            public class ChatView : MonoBehaviour
            {
                private readonly ChatClient _client = new("key");

                private async void Start() => await {|#0:_client.ConnectUserAsync(new ChatUser("a"), "token")|};
            }
            """,
            [FrameworkStubs.Unity],
            Verify.Diagnostic("CHAT004").WithLocation(0).WithArguments(
                "ConnectUserAsync", "_client", "'Start'", "the MonoBehaviour has no 'OnDestroy' or 'OnApplicationQuit'",
                "the MonoBehaviour is destroyed", "disconnect it in 'OnDestroy'"));
    }

    [Fact]
    public async Task Unity_OnDisable_that_forgets_the_client_is_the_additional_location()
    {
        await Verify.VerifyAnalyzerAsync("""
            using Chat.Client;
            using UnityEngine;

            public class ChatView : MonoBehaviour
            {
                private readonly ChatClient _client = new("key");

                private async void OnEnable() => await _client.ConnectUserAsync(new ChatUser("a"), "token");

                private void OnDisable() => Debug.Log("disabled");
            }
            """,
            [FrameworkStubs.Unity],
            Verify.Diagnostic("CHAT004").WithSpan(8, 44, 8, 96).WithSpan(10, 18, 10, 27)
                .WithArguments("ConnectUserAsync", "_client", "'OnEnable'", "'OnDisable' never disconnects it", "the MonoBehaviour is disabled", "disconnect it in 'OnDisable'"));
    }

    // ---- MAUI pages and OnNavigatedTo -> OnNavigatedFrom

    [Theory]
    [InlineData("protected override async void OnAppearing() { base.OnAppearing(); await _client.ConnectUserAsync(new ChatUser(\"a\"), \"token\"); }",
        "protected override async void OnDisappearing() { await _client.DisconnectUserAsync(); base.OnDisappearing(); }")]
    [InlineData("protected override async void OnNavigatedTo(NavigatedToEventArgs args) => await _client.ConnectUserAsync(new ChatUser(\"a\"), \"token\");",
        "protected override async void OnNavigatedFrom(NavigatedFromEventArgs args) => await _client.DisconnectUserAsync();")]
    public async Task Maui_page_disconnecting_in_the_paired_method_is_not_flagged(string connect, string disconnect)
    {
        await Verify.VerifyAnalyzerAsync($$"""
            using Chat.Client;
            using Microsoft.Maui.Controls;

            public class ChatPage : ContentPage
            {
                private readonly IChatClient _client;

                public ChatPage(IChatClient client) => _client = client;

                {{connect}}

                {{disconnect}}
            }
            """, [FrameworkStubs.Maui]);
    }

    [Theory]
    [InlineData("protected override async void OnAppearing() => await {|CHAT004:_client.ConnectUserAsync(new ChatUser(\"a\"), \"token\")|};",
        "protected override async void OnNavigatedFrom(NavigatedFromEventArgs args) => await _client.DisconnectUserAsync();")]
    [InlineData("protected override async void OnNavigatedTo(NavigatedToEventArgs args) => await {|CHAT004:_client.ConnectUserAsync(new ChatUser(\"a\"), \"token\")|};",
        "protected override async void OnDisappearing() => await _client.DisconnectUserAsync();")]
    public async Task Maui_page_disconnecting_in_another_method_is_flagged(string connect, string disconnect)
    {
        await Verify.VerifyAnalyzerAsync($$"""
            using Chat.Client;
            using Microsoft.Maui.Controls;

            public class ChatPage : ContentPage
            {
                private readonly IChatClient _client;

                public ChatPage(IChatClient client) => _client = client;

                {{connect}}

                {{disconnect}}
            }
            """, [FrameworkStubs.Maui]);
    }

    [Fact]
    public async Task OnNavigatedTo_pairs_with_OnNavigatedFrom_on_any_type()
    {
        await Verify.VerifyAnalyzerAsync("""
            using Chat.Client;

            public class NavigationArgs { }

            public class ChatPage
            {
                private readonly ChatClient _client = new("key");

                protected async void OnNavigatedTo(NavigationArgs e) => await _client.ConnectUserAsync(new ChatUser("a"), "token");

                protected async void OnNavigatedFrom(NavigationArgs e) => await _client.DisconnectUserAsync();
            }

            public class OtherPage
            {
                private readonly ChatClient _client = new("key");

                protected async void OnNavigatedTo(NavigationArgs e) => await {|CHAT004:_client.ConnectUserAsync(new ChatUser("a"), "token")|};

                public void Dispose() => _client.Dispose();
            }
            """);
    }

    // ---- WPF: Loaded handler / OnInitialized -> Unloaded handler / OnClosed

    [Fact]
    public async Task Wpf_handlers_and_overrides_that_pair_are_not_flagged()
    {
        await Verify.VerifyAnalyzerAsync("""
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
                    Unloaded += OnUnloaded;
                }

                private async void OnLoaded(object sender, RoutedEventArgs e) => await _client.ConnectUserAsync(new ChatUser("a"), "token");

                private async void OnUnloaded(object sender, RoutedEventArgs e) => await _client.DisconnectUserAsync();
            }

            public class LambdaControl : UserControl
            {
                private readonly ChatClient _client = new("key");

                public LambdaControl()
                {
                    Loaded += async (_, _) => await _client.ConnectUserAsync(new ChatUser("a"), "token");
                    this.Unloaded += async (_, _) => await _client.DisconnectUserAsync();
                }
            }

            public class ChatWindow : Window
            {
                private readonly ChatClient _client = new("key");

                protected override async void OnInitialized(EventArgs e)
                {
                    base.OnInitialized(e);
                    await _client.ConnectUserAsync(new ChatUser("a"), "token");
                }

                protected override void OnClosed(EventArgs e)
                {
                    _client.Dispose();
                    base.OnClosed(e);
                }
            }
            """, [FrameworkStubs.Wpf]);
    }

    [Fact]
    public async Task Wpf_unloaded_handler_that_forgets_the_client_is_flagged()
    {
        await Verify.VerifyAnalyzerAsync("""
            using Chat.Client;
            using System.Windows;
            using System.Windows.Controls;

            public class ChatControl : UserControl
            {
                private readonly ChatClient _client = new("key");

                public ChatControl()
                {
                    Loaded += OnLoaded;
                    Unloaded += OnUnloaded;
                }

                private async void OnLoaded(object sender, RoutedEventArgs e) => await {|#0:_client.ConnectUserAsync(new ChatUser("a"), "token")|};

                private void {|#1:OnUnloaded|}(object sender, RoutedEventArgs e) { }
            }
            """,
            [FrameworkStubs.Wpf],
            Verify.Diagnostic("CHAT004").WithLocation(0).WithLocation(1).WithArguments(
                "ConnectUserAsync", "_client", "'OnLoaded'", "'OnUnloaded' never disconnects it", "the element is unloaded", "disconnect it in 'OnUnloaded'"));
    }

    [Fact]
    public async Task Wpf_window_without_OnClosed_is_flagged()
    {
        await Verify.VerifyAnalyzerAsync("""
            using System;
            using Chat.Client;
            using System.Windows;

            public class ChatWindow : Window
            {
                private readonly ChatClient _client = new("key");

                public ChatWindow() => Loaded += async (_, _) => await {|#0:_client.ConnectUserAsync(new ChatUser("a"), "token")|};

                protected override void OnInitialized(EventArgs e) => base.OnInitialized(e);
            }
            """,
            [FrameworkStubs.Wpf],
            Verify.Diagnostic("CHAT004").WithLocation(0).WithArguments(
                "ConnectUserAsync", "_client", "a 'Loaded' handler", "the element has no 'Unloaded' handler or 'OnClosed'",
                "the element is unloaded", "disconnect it in an 'Unloaded' handler"));
    }

    // ---- WinForms: OnLoad -> OnFormClosed / Dispose(bool)

    [Theory]
    [InlineData("protected override async void OnFormClosed(FormClosedEventArgs e) { await _client.DisconnectUserAsync(); base.OnFormClosed(e); }")]
    [InlineData("protected override void Dispose(bool disposing) { if (disposing) { _client.Dispose(); } base.Dispose(disposing); }")]
    [InlineData("protected override void Dispose(bool disposing) { _client?.Dispose(); base.Dispose(disposing); }")]
    public async Task WinForms_form_disconnecting_in_its_teardown_is_not_flagged(string teardown)
    {
        await Verify.VerifyAnalyzerAsync($$"""
            using System;
            using Chat.Client;
            using System.Windows.Forms;

            public class ChatForm : Form
            {
                private readonly ChatClient _client = new("key");

                protected override async void OnLoad(EventArgs e) => await {{Connect}};

                {{teardown}}
            }
            """, [FrameworkStubs.WinForms]);
    }

    [Fact]
    public async Task WinForms_form_without_a_disconnect_is_flagged()
    {
        await Verify.VerifyAnalyzerAsync("""
            using System;
            using Chat.Client;
            using System.Windows.Forms;

            public class ChatForm : Form
            {
                private readonly ChatClient _client = new("key");

                protected override async void OnLoad(EventArgs e) => await {|#0:_client.ConnectUserAsync(new ChatUser("a"), "token")|};

                protected override void {|#1:OnFormClosed|}(FormClosedEventArgs e) => base.OnFormClosed(e);

                protected override void Dispose(bool disposing) => base.Dispose(disposing);
            }
            """,
            [FrameworkStubs.WinForms],
            Verify.Diagnostic("CHAT004").WithLocation(0).WithLocation(1).WithArguments(
                "ConnectUserAsync", "_client", "'OnLoad'", "'OnFormClosed' and 'Dispose(bool)' never disconnect it",
                "the control is closed", "disconnect it in 'OnFormClosed'"));
    }

    // ---- MonoGame: Initialize / LoadContent -> UnloadContent / OnExiting / Dispose(bool)

    [Theory]
    [InlineData("Initialize", "protected override void UnloadContent() { _client.Dispose(); base.UnloadContent(); }")]
    [InlineData("LoadContent", "protected override void OnExiting(object sender, EventArgs args) => _client.Dispose();")]
    [InlineData("Initialize", "protected override void Dispose(bool disposing) { if (disposing) { _client.Dispose(); } base.Dispose(disposing); }")]
    public async Task MonoGame_game_disconnecting_in_its_teardown_is_not_flagged(string connectIn, string teardown)
    {
        await Verify.VerifyAnalyzerAsync($$"""
            using System;
            using Chat.Client;
            using Microsoft.Xna.Framework;

            public class ChatGame : Game
            {
                private readonly ChatClient _client = new("key");

                protected override async void {{connectIn}}() => await {{Connect}};

                {{teardown}}
            }
            """, [FrameworkStubs.MonoGame]);
    }

    [Theory]
    [InlineData("Initialize")]
    [InlineData("LoadContent")]
    public async Task MonoGame_game_without_a_disconnect_is_flagged(string connectIn)
    {
        await Verify.VerifyAnalyzerAsync($$"""
            using Chat.Client;
            using Microsoft.Xna.Framework;

            public class ChatGame : Game
            {
                private readonly ChatClient _client = new("key");

                protected override async void {{connectIn}}() => await {|CHAT004:{{Connect}}|};

                protected override void UnloadContent() => base.UnloadContent();
            }
            """, [FrameworkStubs.MonoGame]);
    }

    // ---- Godot: _Ready / _EnterTree -> _ExitTree

    [Theory]
    [InlineData("_Ready", "await _client.DisconnectUserAsync();", false)]
    [InlineData("_EnterTree", "_client.Dispose();", false)]
    [InlineData("_Ready", "", true)]
    [InlineData("_EnterTree", "", true)]
    public async Task Godot_node_pairs_with_ExitTree(string connectIn, string exitTree, bool flagged)
    {
        var connect = flagged ? "{|CHAT004:" + Connect + "|}" : Connect;
        await Verify.VerifyAnalyzerAsync($$"""
            using Chat.Client;
            using Godot;

            public partial class ChatNode : Node
            {
                private readonly ChatClient _client = new("key");

                public override async void {{connectIn}}() => await {{connect}};

                public override async void _ExitTree() { await System.Threading.Tasks.Task.Yield(); {{exitTree}} }
            }
            """, [FrameworkStubs.Godot]);
    }

    // ---- Avalonia: OnAttachedToVisualTree -> OnDetachedFromVisualTree

    [Theory]
    [InlineData("await _client.DisconnectUserAsync();", false)]
    [InlineData("await System.Threading.Tasks.Task.Yield();", true)]
    public async Task Avalonia_control_pairs_attach_with_detach(string detach, bool flagged)
    {
        var connect = flagged ? "{|CHAT004:" + Connect + "|}" : Connect;
        await Verify.VerifyAnalyzerAsync($$"""
            using Chat.Client;
            using Avalonia;
            using Avalonia.Controls;

            public class ChatView : UserControl
            {
                private readonly ChatClient _client = new("key");

                protected override async void OnAttachedToVisualTree(VisualTreeAttachmentEventArgs e) => await {{connect}};

                protected override async void OnDetachedFromVisualTree(VisualTreeAttachmentEventArgs e) { {{detach}} }
            }
            """, [FrameworkStubs.Avalonia]);
    }

    // ---- IHostedService: StartAsync -> StopAsync

    [Theory]
    [InlineData("await _client.DisconnectUserAsync(cancellationToken);", false)]
    [InlineData("await Task.Yield();", true)]
    public async Task Hosted_service_pairs_StartAsync_with_StopAsync(string stop, bool flagged)
    {
        var connect = flagged ? "{|CHAT004:" + Connect + "|}" : Connect;
        await new Verify.Test($$"""
            using System.Threading;
            using System.Threading.Tasks;
            using Chat.Client;
            using Microsoft.Extensions.Hosting;

            public sealed class ChatWorker : IHostedService
            {
                private readonly ChatClient _client = new("key");

                public async Task StartAsync(CancellationToken cancellationToken) => await {{connect}};

                public async Task StopAsync(CancellationToken cancellationToken) { {{stop}} }
            }
            """).WithAspNetCore().RunAsync();
    }

    // ---- Any other type: Dispose() / DisposeAsync() / Dispose(bool)

    [Theory]
    [InlineData("public void Dispose() => _client.Dispose();")]
    [InlineData("public async ValueTask DisposeAsync() => await _client.DisposeAsync();")]
    [InlineData("public async ValueTask DisposeAsync() { if (_client is not null) { await _client.DisconnectUserAsync(); } }")]
    [InlineData("protected virtual void Dispose(bool disposing) { if (disposing) { _client.Dispose(); } }")]
    [InlineData("protected virtual void Dispose(bool disposing) { _client?.DisconnectUserAsync(); }")]
    public async Task Plain_type_disconnecting_in_a_dispose_is_not_flagged(string dispose)
    {
        await Verify.VerifyAnalyzerAsync(Plain(Connect, dispose));
    }

    [Fact]
    public async Task Plain_type_without_a_dispose_is_flagged_and_names_the_near_miss()
    {
        await Verify.VerifyAnalyzerAsync(
            Plain("{|#0:" + Connect + "|}", "public async Task StopAsync() => await _client.DisconnectUserAsync();"),
            Verify.Diagnostic("CHAT004").WithLocation(0).WithArguments(
                "ConnectUserAsync", "_client", "'StartAsync'",
                "the object has no 'Dispose', 'DisposeAsync' or 'Dispose(bool)' (the disconnect in 'StopAsync' is not in a teardown method)",
                "the object is gone",
                "implement IAsyncDisposable and disconnect it in 'DisposeAsync'"));
    }

    [Fact]
    public async Task Plain_type_whose_dispose_forgets_the_client_is_flagged()
    {
        await Verify.VerifyAnalyzerAsync(Plain("{|CHAT004:" + Connect + "|}", "public void Dispose() { }"));
    }

    [Fact]
    public async Task Static_classes_and_interfaces_have_no_instance_to_tear_down()
    {
        await Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            using Chat.Client;

            public static class AppChat
            {
                public static readonly ChatClient Client = new("key");

                public static async Task StartAsync() => await Client.ConnectUserAsync(new ChatUser("a"), "token");
            }

            public interface IChatScreen
            {
                IChatClient Client { get; }

                async Task StartAsync() => await Client.ConnectUserAsync(new ChatUser("a"), "token");
            }
            """);
    }

    // ---- Disconnects through the type's own methods

    [Fact]
    public async Task Disconnect_in_a_helper_the_teardown_calls_two_hops_away_is_not_flagged()
    {
        await Verify.VerifyAnalyzerAsync(Plain(Connect, """
            public void Dispose() { Dispose(true); GC.SuppressFinalize(this); }

            protected virtual void Dispose(bool disposing) { if (disposing) { Shutdown(); } }

            private void Shutdown() => _ = LeaveAsync();

            private async Task LeaveAsync() => await _client.DisconnectUserAsync();
            """));
    }

    [Fact]
    public async Task Teardown_calling_a_virtual_helper_reaches_this_types_override()
    {
        await Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            using Chat.Client;

            public abstract class Closable
            {
                protected virtual void Close() { }
            }

            public sealed class ChatSession : Closable, IDisposable
            {
                private readonly ChatClient _client = new("key");

                public async Task StartAsync() => await _client.ConnectUserAsync(new ChatUser("a"), "token");

                public void Dispose() => Close();

                protected override void Close() => _client.Dispose();
            }

            public sealed class BaseOnlySession : Closable, IDisposable
            {
                private readonly ChatClient _client = new("key");

                public async Task StartAsync() => await {|CHAT004:_client.ConnectUserAsync(new ChatUser("a"), "token")|};

                public void Dispose() => base.Close();

                protected override void Close() => _client.Dispose();
            }
            """);
    }

    [Fact]
    public async Task Inherited_teardown_counts_through_this_types_overrides()
    {
        await Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            using Chat.Client;

            public abstract class ViewModelBase : IDisposable
            {
                public void Dispose() => OnDispose();

                protected virtual void OnDispose() { }
            }

            public sealed class ChatViewModel : ViewModelBase
            {
                private readonly ChatClient _client = new("key");

                public async Task StartAsync() => await _client.ConnectUserAsync(new ChatUser("a"), "token");

                protected override void OnDispose() => Leave();

                private void Leave() => _client.Dispose();
            }

            public sealed class ForgetfulViewModel : ViewModelBase
            {
                private readonly ChatClient _client = new("key");

                public async Task StartAsync() => await {|#0:_client.ConnectUserAsync(new ChatUser("a"), "token")|};

                protected override void OnDispose() { }
            }
            """,
            Verify.Diagnostic("CHAT004").WithLocation(0).WithArguments(
                "ConnectUserAsync", "_client", "'StartAsync'",
                "'Dispose' is inherited from 'ViewModelBase' and no override in 'ForgetfulViewModel' disconnects it",
                "the object is gone", "disconnect it in an override that 'Dispose' calls"));
    }

    [Fact]
    public async Task Recursive_helpers_without_a_disconnect_are_flagged_and_do_not_hang()
    {
        await Verify.VerifyAnalyzerAsync(Plain("{|CHAT004:" + Connect + "|}", """
            public void Dispose() => Ping(3);

            private void Ping(int n) { if (n > 0) { Pong(n - 1); } }

            private void Pong(int n) { Ping(n); Dispose(); }
            """));
    }

    [Fact]
    public async Task A_disconnect_in_a_method_the_teardown_does_not_call_does_not_count()
    {
        await Verify.VerifyAnalyzerAsync(Plain("{|CHAT004:" + Connect + "|}", """
            public void Dispose() => Log();

            private void Log() { }

            private void Unused() => _client.Dispose();
            """));
    }

    // ---- Injected clients, clients reached through other objects, parameters

    [Fact]
    public async Task Injected_clients_are_owned_by_the_type_that_connects()
    {
        await Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            using Chat.Client;

            public sealed class ConstructorInjected
            {
                private readonly IChatClient _client;

                public ConstructorInjected(IChatClient client) => _client = client;

                public async Task StartAsync() => await {|CHAT004:_client.ConnectUserAsync(new ChatUser("a"), "token")|};
            }

            public sealed class PrimaryConstructorInjected(IChatClient client)
            {
                public async Task StartAsync() => await {|CHAT004:client.ConnectUserAsync(new ChatUser("a"), "token")|};
            }

            public sealed class PrimaryConstructorDisposed(IChatClient client) : IAsyncDisposable
            {
                public async Task StartAsync() => await client.ConnectUserAsync(new ChatUser("a"), "token");

                public ValueTask DisposeAsync() => client.DisposeAsync();
            }
            """);
    }

    [Fact]
    public async Task Clients_reached_through_other_objects_and_parameters_are_not_flagged()
    {
        await Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            using Chat.Client;

            public sealed class Services { public IChatClient Chat { get; } = new ChatClient("key"); }

            public sealed class Screen
            {
                private readonly Services _services = new();

                public async Task StartAsync() => await _services.Chat.ConnectUserAsync(new ChatUser("a"), "token");

                public async Task JoinAsync(IChatClient client) => await client.ConnectUserAsync(new ChatUser("a"), "token");

                public async Task CopyAsync(IChatClient client)
                {
                    var copy = client;
                    await copy.ConnectUserAsync(new ChatUser("a"), "token");
                }
            }
            """);
    }

    // ---- Locals

    [Theory]
    [InlineData("var client = new ChatClient(\"key\"); await client.ConnectUserAsync(new ChatUser(\"a\"), \"token\"); await client.DisconnectUserAsync();")]
    [InlineData("var client = new ChatClient(\"key\"); try { await client.ConnectUserAsync(new ChatUser(\"a\"), \"token\"); } finally { await client.DisposeAsync(); }")]
    [InlineData("IChatClient? client = new ChatClient(\"key\"); await client.ConnectUserAsync(new ChatUser(\"a\"), \"token\"); client?.Dispose();")]
    [InlineData("await using var client = new ChatClient(\"key\"); await client.ConnectUserAsync(new ChatUser(\"a\"), \"token\");")]
    [InlineData("using var client = new ChatClient(\"key\"); await client.ConnectUserAsync(new ChatUser(\"a\"), \"token\");")]
    [InlineData("await using (var client = new ChatClient(\"key\")) { await client.ConnectUserAsync(new ChatUser(\"a\"), \"token\"); }")]
    [InlineData("var client = new ChatClient(\"key\"); using (client) { await client.ConnectUserAsync(new ChatUser(\"a\"), \"token\"); }")]
    [InlineData("var client = new ChatClient(\"key\"); await client.ConnectUserAsync(new ChatUser(\"a\"), \"token\"); Keep(client);")]
    [InlineData("var client = new ChatClient(\"key\"); await client.ConnectUserAsync(new ChatUser(\"a\"), \"token\"); _registry[\"a\"] = client;")]
    [InlineData("var client = new ChatClient(\"key\"); await client.ConnectUserAsync(new ChatUser(\"a\"), \"token\"); if (client.IsConnected) { Keep(client); }")]
    public async Task Local_client_released_or_handed_on_is_not_flagged(string body)
    {
        await Verify.VerifyAnalyzerAsync(LocalSample(body));
    }

    [Fact]
    public async Task Local_client_returned_is_not_flagged()
    {
        await Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            using Chat.Client;

            public static class ChatFactory
            {
                public static async Task<IChatClient> ConnectAsync(string token)
                {
                    var client = new ChatClient("key");
                    await client.ConnectUserAsync(new ChatUser("a"), token);
                    return client;
                }
            }
            """);
    }

    [Theory]
    [InlineData("var client = new ChatClient(\"key\"); await {|#0:client.ConnectUserAsync(new ChatUser(\"a\"), \"token\")|};")]
    [InlineData("var client = new ChatClient(\"key\"); if (!client.IsConnected) { await {|#0:client.ConnectUserAsync(new ChatUser(\"a\"), \"token\")|}; }")]
    [InlineData("ChatClient client; client = new ChatClient(\"key\"); _ = {|#0:client?.ConnectUserAsync(new ChatUser(\"a\"), \"token\")|};")]
    public async Task Local_client_left_open_is_flagged(string body)
    {
        await Verify.VerifyAnalyzerAsync(
            LocalSample(body),
            Verify.Diagnostic("CHAT004").WithLocation(0).WithArguments(
                "ConnectUserAsync", "client", "'RunAsync'", "this method never disconnects or disposes it", "'RunAsync' returns",
                "declare it with 'await using', or disconnect it before the method returns"));
    }

    [Fact]
    public async Task Local_client_stored_into_a_field_is_judged_as_the_field()
    {
        await Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            using Chat.Client;

            public sealed class Kept : IDisposable
            {
                private ChatClient? _client;

                public async Task StartAsync()
                {
                    var client = new ChatClient("key");
                    _client = client;
                    await client.ConnectUserAsync(new ChatUser("a"), "token");
                }

                public void Dispose() => _client?.Dispose();
            }

            public sealed class Forgotten
            {
                private ChatClient? _client;

                public async Task StartAsync()
                {
                    var client = new ChatClient("key");
                    await {|#0:client.ConnectUserAsync(new ChatUser("a"), "token")|};
                    this._client = client;
                }
            }

            public sealed class Copied : IDisposable
            {
                private readonly ChatClient _client = new("key");

                public async Task StartAsync()
                {
                    var client = _client;
                    await client.ConnectUserAsync(new ChatUser("a"), "token");
                }

                public void Dispose() => _client.Dispose();
            }
            """,
            Verify.Diagnostic("CHAT004").WithLocation(0).WithArguments(
                "ConnectUserAsync", "_client", "'StartAsync'", "the object has no 'Dispose', 'DisposeAsync' or 'Dispose(bool)'",
                "the object is gone", "implement IAsyncDisposable and disconnect it in 'DisposeAsync'"));
    }

    [Fact]
    public async Task Local_in_top_level_statements_is_flagged()
    {
        var test = new Verify.Test("""
            using Chat.Client;

            var client = new ChatClient("key");
            await {|CHAT004:client.ConnectUserAsync(new ChatUser("a"), "token")|};
            """);
        test.TestState.OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication;
        await test.RunAsync();
    }

    // ---- Stream's SDK

    [Theory]
    [InlineData("private async void OnDestroy() => await _client.DisconnectUserAsync();", false)]
    [InlineData("private void OnDestroy() => _client.Dispose();", false)]
    [InlineData("private void OnDestroy() { }", true)]
    public async Task Stream_sdk_client_is_paired_the_same_way(string teardown, bool flagged)
    {
        var connect = "_client.ConnectUserAsync(\"key\", \"a\", \"token\")";
        await Verify.VerifyAnalyzerAsync($$"""
            using StreamChat.Core;
            using UnityEngine;

            public class ChatView : MonoBehaviour
            {
                private IStreamChatClient _client = StreamChatClient.CreateDefaultClient();

                private async void Start() => await {{(flagged ? "{|CHAT004:" + connect + "|}" : connect)}};

                {{teardown}}
            }
            """, [FrameworkStubs.Unity, FrameworkStubs.StreamChat]);
    }

    [Fact]
    public async Task Stream_sdk_local_client_disposed_is_not_flagged()
    {
        await Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            using StreamChat.Core;

            public static class Probe
            {
                public static async Task RunAsync()
                {
                    using var client = StreamChatClient.CreateDefaultClient();
                    await client.ConnectUserAsync("key", "a", "token");

                    var other = StreamChatClient.CreateDefaultClient();
                    await {|CHAT004:other.ConnectUserAsync("key", "b", "token")|};
                }
            }
            """, [FrameworkStubs.StreamChat]);
    }

    // ---- Partial types, nested types

    [Fact]
    public async Task Partial_class_with_the_teardown_in_the_other_file_is_not_flagged()
    {
        var test = new Verify.Test("""
            using Chat.Client;
            using UnityEngine;

            public partial class ChatView : MonoBehaviour
            {
                private readonly ChatClient _client = new("key");

                private async void Start() => await _client.ConnectUserAsync(new ChatUser("a"), "token");
            }
            """).WithStubs(FrameworkStubs.Unity);
        test.TestState.Sources.Add(("/0/ChatView.Teardown.cs", """
            public partial class ChatView
            {
                private void OnDestroy() => Leave();

                private async void Leave() => await _client.DisconnectUserAsync();
            }
            """));
        await test.RunAsync();
    }

    [Fact]
    public async Task Nested_types_are_judged_by_their_own_teardowns()
    {
        await Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Threading.Tasks;
            using Chat.Client;

            public sealed class Outer : IDisposable
            {
                private static readonly ChatClient Shared = new("key");

                public void Dispose() => Shared.Dispose();

                public sealed class Inner
                {
                    public async Task StartAsync() => await Shared.ConnectUserAsync(new ChatUser("a"), "token");
                }

                public sealed class Holder<T>
                {
                    private readonly ChatClient _client = new("key");

                    public async Task StartAsync() => await {|CHAT004:_client.ConnectUserAsync(new ChatUser("a"), "token")|};
                }
            }
            """);
    }

    // ---- Broken code

    [Theory]
    [InlineData("private async void Start() => await _client.ConnectUserAsync(new ChatUser(\"a\"), ;")]
    [InlineData("private async void Start() => await _client.ConnectUserAsync(new ChatUser(\"a\"), \"t\"); private void OnDestroy() => _client.DisconnectUserAsync(")]
    [InlineData("private async void Start() { var c = new ChatClient(; await c.ConnectUserAsync(null, null); using (c }")]
    [InlineData("private async void Start() => await missing.ConnectUserAsync(new ChatUser(\"a\"), \"t\"); partial void OnDestroy();")]
    [InlineData("public ChatView() { Loaded += ; Unloaded += OnMissing; } private void OnEnable() => _client.ConnectUserAsync(")]
    [InlineData("private void OnEnable() { async void Local() => await _client.ConnectUserAsync(new ChatUser(\"a\"), \"t\"); Local(); } private void OnDisable() => Recurse(); private void Recurse() => Recurse(")]
    public async Task Broken_code_does_not_throw(string members)
    {
        await Robustness.AssertAnalyzersDoNotThrowAsync($$"""
            using Chat.Client;
            using UnityEngine;

            public partial class ChatView : MonoBehaviour
            {
                private readonly ChatClient _client = new("key");

                {{members}}
            }
            """, FrameworkStubs.Unity);
    }

    private const string BlazorUsings = """
        using System;
        using System.Threading.Tasks;
        using Chat.Client;
        using Microsoft.AspNetCore.Components;


        """;

    private static Task Blazor(string source) => new Verify.Test(BlazorUsings + source).WithAspNetCore().RunAsync();

    private static string Plain(string connect, string teardown) => $$"""
        using System;
        using System.Threading.Tasks;
        using Chat.Client;

        public class ChatSession
        {
            private readonly ChatClient _client = new("key");

            public async Task StartAsync() => await {{connect}};

            {{teardown}}
        }
        """;

    private static string LocalSample(string body) => $$"""
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Chat.Client;

        public class Sample
        {
            private readonly Dictionary<string, IChatClient> _registry = new();

            public async Task RunAsync()
            {
                {{body}}
            }

            private static void Keep(IChatClient client) { }
        }
        """;
}
