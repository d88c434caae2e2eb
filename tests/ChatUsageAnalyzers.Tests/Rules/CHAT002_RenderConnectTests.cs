using System.Threading.Tasks;
using ChatUsageAnalyzers.Tests.Verifiers;
using Verify = ChatUsageAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<ChatUsageAnalyzers.RenderConnectAnalyzer>;

namespace ChatUsageAnalyzers.Tests.Rules;

public class CHAT002_RenderConnectTests
{
    private const string Connect = "client.ConnectUserAsync(user, \"token\")";

    // ---- Unity ----

    [Theory]
    [InlineData("void Update()")]
    [InlineData("void LateUpdate()")]
    [InlineData("void FixedUpdate()")]
    [InlineData("void OnGUI()")]
    [InlineData("void OnRenderObject()")]
    [InlineData("void OnWillRenderObject()")]
    [InlineData("void OnPreRender()")]
    [InlineData("void OnPostRender()")]
    [InlineData("void OnDrawGizmos()")]
    [InlineData("private void OnRenderImage(RenderTexture source, RenderTexture destination)")]
    public async Task Connect_in_a_Unity_per_frame_message_is_flagged(string signature)
    {
        await Verify.VerifyAnalyzerAsync(
            Unity($$"""{{signature}} { _ = {|CHAT002:{{Connect}}|}; }"""),
            [FrameworkStubs.Unity]);
    }

    [Theory]
    [InlineData("void Start() { _ = client.ConnectUserAsync(user, \"token\"); }")]
    [InlineData("static void Update() { _ = new ChatClient(\"key\").ConnectUserAsync(new ChatUser(\"a\"), \"token\"); }")]
    [InlineData("void Update(int frame) { _ = client.ConnectUserAsync(user, \"token\"); }")]
    [InlineData("void OnRenderImage(RenderTexture source) { _ = client.ConnectUserAsync(user, \"token\"); }")]
    public async Task Other_Unity_methods_are_not_flagged(string member)
    {
        await Verify.VerifyAnalyzerAsync(Unity(member), [FrameworkStubs.Unity]);
    }

    [Fact]
    public async Task A_same_named_method_on_a_type_that_is_not_a_MonoBehaviour_is_not_flagged()
    {
        await Verify.VerifyAnalyzerAsync("""
            using Chat.Client;

            public class Ticker
            {
                private readonly ChatClient client = new("key");
                void Update() { _ = client.ConnectUserAsync(new ChatUser("a"), "token"); }
                void OnGUI() { _ = client.ConnectUserAsync(new ChatUser("a"), "token"); }
            }
            """, [FrameworkStubs.Unity]);
    }

    [Fact]
    public async Task The_message_names_the_call_the_method_the_framework_and_the_once_point()
    {
        await Verify.VerifyAnalyzerAsync(
            Unity($$"""void Update() { _ = {|#0:{{Connect}}|}; }"""),
            [FrameworkStubs.Unity],
            Verify.Diagnostic("CHAT002").WithLocation(0)
                .WithArguments("ConnectUserAsync", "frame", "'Update'", "Unity", "connect once in 'Start'"));
    }

    [Fact]
    public async Task The_whole_conditional_access_is_reported()
    {
        await Verify.VerifyAnalyzerAsync(
            Unity("""void Update() { _ = {|CHAT002:client?.ConnectUserAsync(user, "token")|}; }"""),
            [FrameworkStubs.Unity]);
    }

    [Fact]
    public async Task Stream_sdk_connect_in_Update_is_flagged()
    {
        await Verify.VerifyAnalyzerAsync("""
            using StreamChat.Core;
            using StreamChat.Libs.Auth;
            using UnityEngine;

            public class ChatBootstrap : MonoBehaviour
            {
                private IStreamChatClient _client;

                void Awake() => _client = StreamChatClient.CreateDefaultClient();

                async void Update()
                {
                    await {|CHAT002:_client.ConnectUserAsync(new AuthCredentials("key", "user", "token"))|};
                }

                async void LateUpdate()
                {
                    if (!_client.IsConnected && !_client.IsConnecting)
                    {
                        await _client.ConnectUserAsync("key", "user", "token");
                    }
                }
            }
            """, [FrameworkStubs.Unity, FrameworkStubs.StreamChat]);
    }

    [Fact]
    public async Task A_render_method_of_a_nested_type_is_reported_once()
    {
        await Verify.VerifyAnalyzerAsync("""
            using Chat.Client;
            using UnityEngine;

            public class Outer : MonoBehaviour
            {
                private readonly ChatClient client = new("key");

                void Update() { _ = {|CHAT002:client.ConnectUserAsync(new ChatUser("a"), "token")|}; }

                public class Inner : MonoBehaviour
                {
                    private readonly ChatClient client = new("key");

                    void Update() { _ = {|CHAT002:client.ConnectUserAsync(new ChatUser("b"), "token")|}; }
                }
            }
            """, [FrameworkStubs.Unity]);
    }

    // ---- Godot, MonoGame, Avalonia, MAUI ----

    [Theory]
    [InlineData("public override void _Process(double delta)")]
    [InlineData("public override void _PhysicsProcess(double delta)")]
    [InlineData("public override void _Draw()")]
    public async Task Connect_in_a_Godot_per_frame_method_is_flagged(string signature)
    {
        await Verify.VerifyAnalyzerAsync($$"""
            using Chat.Client;
            using Godot;

            public partial class ChatNode : Node2D
            {
                private readonly ChatClient client = new("key");

                public override void _Ready() { _ = client.ConnectUserAsync(new ChatUser("a"), "token"); }

                {{signature}} { _ = {|CHAT002:client.ConnectUserAsync(new ChatUser("a"), "token")|}; }
            }
            """, [FrameworkStubs.Godot]);
    }

    [Fact]
    public async Task Connect_in_MonoGame_Update_and_Draw_is_flagged()
    {
        await Verify.VerifyAnalyzerAsync("""
            using Chat.Client;
            using Microsoft.Xna.Framework;

            public class ChatGame : Game
            {
                private readonly ChatClient client = new("key");

                protected override void Initialize() { _ = client.ConnectUserAsync(new ChatUser("a"), "token"); }

                protected override void Update(GameTime gameTime) { _ = {|CHAT002:client.ConnectUserAsync(new ChatUser("a"), "token")|}; }

                protected override void Draw(GameTime gameTime) { _ = {|#0:client.ConnectUserAsync(new ChatUser("a"), "token")|}; }
            }

            public class ChatHud : DrawableGameComponent
            {
                private readonly ChatClient client = new("key");

                public ChatHud(Game game) : base(game) { }

                public override void Update(GameTime gameTime) { _ = {|CHAT002:client.ConnectUserAsync(new ChatUser("a"), "token")|}; }

                public override void Draw(GameTime gameTime) { _ = {|CHAT002:client.ConnectUserAsync(new ChatUser("a"), "token")|}; }
            }
            """,
            [FrameworkStubs.MonoGame],
            Verify.Diagnostic("CHAT002").WithLocation(0)
                .WithArguments("ConnectUserAsync", "frame", "'Draw'", "MonoGame", "connect once in 'Initialize'"));
    }

    [Fact]
    public async Task Connect_in_Avalonia_Render_is_flagged()
    {
        await Verify.VerifyAnalyzerAsync("""
            using Avalonia.Controls;
            using Avalonia.Media;
            using Chat.Client;

            public class ChatBadge : Control
            {
                private readonly ChatClient client = new("key");

                public override void Render(DrawingContext context) { _ = {|CHAT002:client.ConnectUserAsync(new ChatUser("a"), "token")|}; }
            }
            """, [FrameworkStubs.Avalonia]);
    }

    [Fact]
    public async Task Connect_in_a_MAUI_drawable_is_flagged_with_the_guard_advice()
    {
        await Verify.VerifyAnalyzerAsync("""
            using Chat.Client;
            using Microsoft.Maui.Graphics;

            public class UnreadBadge : IDrawable
            {
                private readonly IChatClient client;

                public UnreadBadge(IChatClient client) => this.client = client;

                public void Draw(ICanvas canvas, RectF dirtyRect) { _ = {|#0:client.ConnectUserAsync(new ChatUser("a"), "token")|}; }
            }
            """,
            [FrameworkStubs.Maui],
            Verify.Diagnostic("CHAT002").WithLocation(0).WithArguments(
                "ConnectUserAsync", "draw", "'Draw'", "MAUI",
                "guard it with the client's connection state, or connect where the page is created"));
    }

    // ---- WPF and WinForms ----

    [Theory]
    [InlineData("protected override void OnRender(DrawingContext drawingContext) { _ = {|CHAT002:client.ConnectUserAsync(user, \"token\")|}; }")]
    [InlineData("protected override Size MeasureOverride(Size availableSize) { _ = {|CHAT002:client.ConnectUserAsync(user, \"token\")|}; return availableSize; }")]
    [InlineData("protected override Size ArrangeOverride(Size finalSize) { _ = {|CHAT002:client.ConnectUserAsync(user, \"token\")|}; return finalSize; }")]
    [InlineData("public ChatView() { CompositionTarget.Rendering += OnFrame; } void OnFrame(object sender, EventArgs e) { _ = {|CHAT002:client.ConnectUserAsync(user, \"token\")|}; }")]
    [InlineData("public ChatView() { CompositionTarget.Rendering += new EventHandler(OnFrame); } void OnFrame(object sender, EventArgs e) { _ = {|CHAT002:client.ConnectUserAsync(user, \"token\")|}; }")]
    [InlineData("public ChatView() { CompositionTarget.Rendering += (s, e) => _ = {|CHAT002:client.ConnectUserAsync(user, \"token\")|}; }")]
    [InlineData("public ChatView() { CompositionTarget.Rendering += OnFrame; void OnFrame(object sender, EventArgs e) { _ = {|CHAT002:client.ConnectUserAsync(user, \"token\")|}; } }")]
    [InlineData("public ChatView() { CompositionTarget.Rendering += async (s, e) => { await {|CHAT002:client.ConnectUserAsync(user, \"token\")|}; }; }")]
    public async Task Connect_in_a_WPF_render_method_or_Rendering_handler_is_flagged(string members)
    {
        await Verify.VerifyAnalyzerAsync(Wpf(members), [FrameworkStubs.Wpf]);
    }

    [Theory]
    [InlineData("protected override void OnInitialized(EventArgs e) { _ = client.ConnectUserAsync(user, \"token\"); }")]
    [InlineData("void OnFrame(object sender, EventArgs e) { _ = client.ConnectUserAsync(user, \"token\"); }")]
    [InlineData("public ChatView() { CompositionTarget.Rendering -= OnFrame; } void OnFrame(object sender, EventArgs e) { _ = client.ConnectUserAsync(user, \"token\"); }")]
    [InlineData("public ChatView() { Loaded += OnLoaded; } void OnLoaded(object sender, RoutedEventArgs e) { _ = client.ConnectUserAsync(user, \"token\"); }")]
    [InlineData("public ChatView() { CompositionTarget.Rendering += OnFrame; } void OnFrame(object sender, EventArgs e) { Func<Task> later = () => client.ConnectUserAsync(user, \"token\"); }")]
    public async Task WPF_code_that_does_not_run_per_frame_is_not_flagged(string members)
    {
        await Verify.VerifyAnalyzerAsync(Wpf(members), [FrameworkStubs.Wpf]);
    }

    [Fact]
    public async Task Render_methods_and_handlers_of_nested_types_are_reported_once()
    {
        await Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Windows;
            using System.Windows.Controls;
            using System.Windows.Media;
            using Chat.Client;

            public class ChatWindow : Window
            {
                private readonly ChatClient client = new("key");

                public ChatWindow() { CompositionTarget.Rendering += OnFrame; }

                void OnFrame(object sender, EventArgs e) { _ = {|CHAT002:client.ConnectUserAsync(new ChatUser("a"), "token")|}; }

                protected override void OnRender(DrawingContext drawingContext) { _ = {|CHAT002:client.ConnectUserAsync(new ChatUser("a"), "token")|}; }

                public class Badge : UserControl
                {
                    private readonly ChatClient client = new("key");

                    void OnFrame(object sender, EventArgs e) { _ = client.ConnectUserAsync(new ChatUser("b"), "token"); }

                    protected override void OnRender(DrawingContext drawingContext) { _ = {|CHAT002:client.ConnectUserAsync(new ChatUser("b"), "token")|}; }
                }
            }
            """, [FrameworkStubs.Wpf]);
    }

    [Fact]
    public async Task The_message_names_a_lambda_handler_by_its_event()
    {
        await Verify.VerifyAnalyzerAsync(
            Wpf("public ChatView() { CompositionTarget.Rendering += (s, e) => _ = {|#0:client.ConnectUserAsync(user, \"token\")|}; }"),
            [FrameworkStubs.Wpf],
            Verify.Diagnostic("CHAT002").WithLocation(0)
                .WithArguments("ConnectUserAsync", "render", "a 'Rendering' handler", "WPF", "connect once in 'OnInitialized'"));
    }

    [Fact]
    public async Task A_Rendering_handler_outside_a_WPF_element_is_flagged_with_its_own_advice()
    {
        await Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Windows.Media;
            using Chat.Client;

            public class FrameViewModel
            {
                private readonly ChatClient client = new("key");

                public FrameViewModel() { CompositionTarget.Rendering += OnFrame; }

                private void OnFrame(object sender, EventArgs e) { _ = {|#0:client.ConnectUserAsync(new ChatUser("a"), "token")|}; }
            }
            """,
            [FrameworkStubs.Wpf],
            Verify.Diagnostic("CHAT002").WithLocation(0)
                .WithArguments("ConnectUserAsync", "render", "'OnFrame'", "WPF", "connect once, before subscribing the handler"));
    }

    [Theory]
    [InlineData("protected override void OnPaint(PaintEventArgs e) { _ = {|CHAT002:client.ConnectUserAsync(user, \"token\")|}; }")]
    [InlineData("protected override void OnPaintBackground(PaintEventArgs e) { _ = {|CHAT002:client.ConnectUserAsync(user, \"token\")|}; }")]
    [InlineData("public ChatForm() { Paint += OnPaintChat; } void OnPaintChat(object sender, PaintEventArgs e) { _ = {|CHAT002:client.ConnectUserAsync(user, \"token\")|}; }")]
    [InlineData("public ChatForm() { var panel = new Control(); panel.Paint += (s, e) => _ = {|CHAT002:client.ConnectUserAsync(user, \"token\")|}; }")]
    public async Task Connect_in_a_WinForms_paint_method_or_Paint_handler_is_flagged(string members)
    {
        await Verify.VerifyAnalyzerAsync($$"""
            using System;
            using System.Windows.Forms;
            using Chat.Client;

            public class ChatForm : Form
            {
                private readonly ChatClient client = new("key");
                private readonly ChatUser user = new("a");

                protected override void OnLoad(EventArgs e) { _ = client.ConnectUserAsync(user, "token"); }

                {{members}}
            }
            """, [FrameworkStubs.WinForms]);
    }

    // ---- Blazor ----

    [Theory]
    [InlineData("protected override void BuildRenderTree(RenderTreeBuilder builder) { _ = {|CHAT002:client.ConnectUserAsync(user, \"token\")|}; }")]
    [InlineData("protected override bool ShouldRender() { _ = {|CHAT002:client.ConnectUserAsync(user, \"token\")|}; return true; }")]
    [InlineData("protected override void OnAfterRender(bool firstRender) { _ = {|CHAT002:client.ConnectUserAsync(user, \"token\")|}; }")]
    [InlineData("protected override async Task OnAfterRenderAsync(bool firstRender) { await {|CHAT002:client.ConnectUserAsync(user, \"token\")|}; }")]
    [InlineData("protected override async Task OnAfterRenderAsync(bool firstRender) { if (!firstRender) { await {|CHAT002:client.ConnectUserAsync(user, \"token\")|}; } }")]
    [InlineData("protected override async Task OnAfterRenderAsync(bool firstRender) { if (firstRender || ready) { await {|CHAT002:client.ConnectUserAsync(user, \"token\")|}; } }")]
    [InlineData("protected override async Task OnAfterRenderAsync(bool firstRender) { if (firstRender) return; await {|CHAT002:client.ConnectUserAsync(user, \"token\")|}; }")]
    [InlineData("protected override async Task OnAfterRenderAsync(bool firstRender) { if (ready) { await {|CHAT002:client.ConnectUserAsync(user, \"token\")|}; } }")]
    public async Task Connect_in_a_Blazor_render_method_is_flagged(string member)
    {
        await Blazor(member).RunAsync();
    }

    [Theory]
    [InlineData("protected override async Task OnAfterRenderAsync(bool firstRender) { if (firstRender) { await client.ConnectUserAsync(user, \"token\"); StateHasChanged(); } }")]
    [InlineData("protected override async Task OnAfterRenderAsync(bool firstRender) { if (!firstRender) return; await client.ConnectUserAsync(user, \"token\"); }")]
    [InlineData("protected override async Task OnAfterRenderAsync(bool firstRender) { if (!firstRender) { return; } await client.ConnectUserAsync(user, \"token\"); }")]
    [InlineData("protected override async Task OnAfterRenderAsync(bool firstRender) { if (firstRender && ready) { await client.ConnectUserAsync(user, \"token\"); } }")]
    [InlineData("protected override async Task OnAfterRenderAsync(bool firstRender) { if (ready && (firstRender == true)) { await client.ConnectUserAsync(user, \"token\"); } }")]
    [InlineData("protected override async Task OnAfterRenderAsync(bool firstRender) { if (!firstRender) { } else { await client.ConnectUserAsync(user, \"token\"); } }")]
    [InlineData("protected override void OnAfterRender(bool firstRender) { if (firstRender) _ = client.ConnectUserAsync(user, \"token\"); }")]
    [InlineData("protected override Task OnAfterRenderAsync(bool firstRender) => firstRender ? client.ConnectUserAsync(user, \"token\") : Task.CompletedTask;")]
    [InlineData("protected override async Task OnInitializedAsync() { await client.ConnectUserAsync(user, \"token\"); }")]
    public async Task Blazor_code_that_runs_once_per_component_is_not_flagged(string member)
    {
        await Blazor(member).RunAsync();
    }

    [Fact]
    public async Task A_firstRender_guard_around_a_helper_call_is_honoured()
    {
        await Blazor("""
            protected override async Task OnAfterRenderAsync(bool firstRender)
            {
                if (firstRender) { await EnsureChatAsync(); }
                await {|CHAT002:EnsureChatAsync()|};
            }

            private Task EnsureChatAsync() => client.ConnectUserAsync(user, "token");
            """).RunAsync();
    }

    [Fact]
    public async Task Razor_generated_code_is_analyzed_and_other_generated_code_is_not()
    {
        var test = new Verify.Test("class Placeholder { }").WithAspNetCore();
        test.TestState.Sources.Add(("/0/obj/Components_Pages_Chat_razor.g.cs", """
            #pragma checksum "/src/Components/Pages/Chat.razor" "{8829d00f-11b8-4213-878b-770e8597ac16}" "0"
            // <auto-generated/>
            #pragma warning disable 1591
            namespace App.Components.Pages
            {
                public partial class Chat : global::Microsoft.AspNetCore.Components.ComponentBase
                {
                    [global::Microsoft.AspNetCore.Components.InjectAttribute] private global::Chat.Client.IChatClient Client { get; set; }

                    protected override void BuildRenderTree(global::Microsoft.AspNetCore.Components.Rendering.RenderTreeBuilder __builder)
                    {
                        __builder.AddMarkupContent(0, "<h1>Chat</h1>");
                        _ = {|CHAT002:Client.ConnectUserAsync(new global::Chat.Client.ChatUser("a"), "token")|};
                    }
                }
            }
            """));
        test.TestState.Sources.Add(("/0/obj/Generated.cs", """
            // <auto-generated/>
            namespace App
            {
                public class GeneratedPanel : global::Microsoft.AspNetCore.Components.ComponentBase
                {
                    private readonly global::Chat.Client.ChatClient client = new("key");

                    protected override void BuildRenderTree(global::Microsoft.AspNetCore.Components.Rendering.RenderTreeBuilder builder)
                    {
                        _ = client.ConnectUserAsync(new global::Chat.Client.ChatUser("a"), "token");
                    }
                }
            }
            """));
        await test.RunAsync();
    }

    // ---- state guards ----

    [Theory]
    [InlineData("if (!client.IsConnected) { _ = client.ConnectUserAsync(user, \"token\"); }")]
    [InlineData("if (client.ConnectionState == ConnectionState.Disconnected) _ = client.ConnectUserAsync(user, \"token\");")]
    [InlineData("if (client.IsConnected) return; _ = client.ConnectUserAsync(user, \"token\");")]
    [InlineData("if (client.ConnectionState != ConnectionState.Disconnected) { return; } _ = client.ConnectUserAsync(user, \"token\");")]
    [InlineData("if (ready && !client.IsConnected) { _ = client.ConnectUserAsync(user, \"token\"); }")]
    [InlineData("if (!ready || client.IsConnected) return; _ = client.ConnectUserAsync(user, \"token\");")]
    [InlineData("if (client.IsConnected) { } else { _ = client.ConnectUserAsync(user, \"token\"); }")]
    [InlineData("_ = client.IsConnected ? null : client.ConnectUserAsync(user, \"token\");")]
    [InlineData("_ = !client.IsConnected && client.ConnectUserAsync(user, \"token\").IsCompleted;")]
    [InlineData("if (client?.IsConnected == false) { _ = client.ConnectUserAsync(user, \"token\"); }")]
    public async Task A_connect_guarded_by_the_same_clients_state_is_not_flagged(string body)
    {
        await Verify.VerifyAnalyzerAsync(Unity($$"""void Update() { {{body}} }"""), [FrameworkStubs.Unity]);
    }

    [Theory]
    [InlineData("if (!other.IsConnected) { _ = {|CHAT002:client.ConnectUserAsync(user, \"token\")|}; }")]
    [InlineData("if (ready || !client.IsConnected) { _ = {|CHAT002:client.ConnectUserAsync(user, \"token\")|}; }")]
    [InlineData("if (ready) return; _ = {|CHAT002:client.ConnectUserAsync(user, \"token\")|};")]
    [InlineData("if (client.IsConnected) { ready = true; } _ = {|CHAT002:client.ConnectUserAsync(user, \"token\")|};")]
    public async Task A_check_that_does_not_guard_the_call_does_not_count(string body)
    {
        await Verify.VerifyAnalyzerAsync(Unity($$"""void Update() { {{body}} }"""), [FrameworkStubs.Unity]);
    }

    // ---- lambda and local function boundaries ----

    [Theory]
    [InlineData("Func<Task> later = () => client.ConnectUserAsync(user, \"token\");")]
    [InlineData("_ = Task.Run(() => client.ConnectUserAsync(user, \"token\"));")]
    [InlineData("Task Later() => client.ConnectUserAsync(user, \"token\");")]
    [InlineData("Func<Task> later = () => ConnectChat();")]
    public async Task Code_in_a_lambda_or_local_function_that_Update_does_not_run_is_not_flagged(string body)
    {
        await Verify.VerifyAnalyzerAsync(
            Unity($$"""void Update() { {{body}} } Task ConnectChat() => client.ConnectUserAsync(user, "token");"""),
            [FrameworkStubs.Unity]);
    }

    [Fact]
    public async Task A_local_function_that_Update_calls_is_a_call_chain()
    {
        await Verify.VerifyAnalyzerAsync(
            Unity("""void Update() { _ = {|#0:Later()|}; Task Later() => client.ConnectUserAsync(user, "token"); }"""),
            [FrameworkStubs.Unity],
            Verify.Diagnostic("CHAT002").WithLocation(0)
                .WithArguments("Update -> Later -> ConnectUserAsync", "frame", "'Update'", "Unity", "connect once in 'Start'"));
    }

    // ---- call chains ----

    [Fact]
    public async Task A_call_to_a_helper_of_the_same_type_is_flagged_with_the_chain()
    {
        await Verify.VerifyAnalyzerAsync(
            Unity("""
                void Update() { {|#0:EnsureChat()|}; }

                void EnsureChat() { _ = client.ConnectUserAsync(user, "token"); }
                """),
            [FrameworkStubs.Unity],
            Verify.Diagnostic("CHAT002").WithLocation(0)
                .WithArguments("Update -> EnsureChat -> ConnectUserAsync", "frame", "'Update'", "Unity", "connect once in 'Start'"));
    }

    [Fact]
    public async Task Two_hops_through_a_service_field_in_another_file_are_flagged()
    {
        var test = new Verify.Test("""
            using UnityEngine;

            public class ChatHud : MonoBehaviour
            {
                private ChatService _chat = new ChatService();

                void Update() { {|#0:_chat.Refresh()|}; }

                void LateUpdate() { _chat.Status(); }
            }
            """).WithStubs(FrameworkStubs.Unity);
        test.TestState.Sources.Add(("/0/ChatService.cs", """
            using System.Threading.Tasks;
            using Chat.Client;

            public class ChatService
            {
                private readonly ChatClient _client = new("key");
                private int _refreshes;

                public void Refresh()
                {
                    _refreshes++;
                    _ = this.EnsureConnectedAsync(_refreshes);
                }

                public string Status() => _client.ConnectionState.ToString();

                private async Task EnsureConnectedAsync(int attempt)
                {
                    await _client.ConnectUserAsync(new ChatUser("a"), "token");
                }
            }
            """));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("CHAT002").WithLocation(0).WithArguments(
            "Update -> Refresh -> EnsureConnectedAsync -> ConnectUserAsync", "frame", "'Update'", "Unity", "connect once in 'Start'"));
        await test.RunAsync();
    }

    [Fact]
    public async Task Calls_in_another_file_are_resolved_through_properties_parameters_and_static_types()
    {
        var test = new Verify.Test("""
            using UnityEngine;

            public class ChatHud : MonoBehaviour
            {
                void Update() { {|CHAT002:ChatBootstrap.Instance.Tick(null)|}; }

                void OnGUI() { {|CHAT002:ChatBootstrap.Connect(new ChatBootstrap())|}; }

                void FixedUpdate() { {|#0:ChatHooks.Frame()|}; }

                void LateUpdate() { ChatBootstrap.Instance.Guarded(); }
            }
            """).WithStubs(FrameworkStubs.Unity);
        test.TestState.Sources.Add(("/0/ChatBootstrap.cs", """
            using Chat.Client;

            public static class ChatHooks
            {
                public static void Frame() => ChatBootstrap.Instance.Tick("frame");
            }

            public class ChatBootstrap
            {
                public static ChatBootstrap Instance { get; } = new ChatBootstrap();

                public IChatClient Client { get; } = new ChatClient("key");

                public void Tick(string name) => Tick(name, 1);

                public void Tick(string name, int count) { _ = Client?.ConnectUserAsync(new ChatUser("a"), "token"); }

                public static void Connect(ChatBootstrap bootstrap) { _ = bootstrap.Client.ConnectUserAsync(new ChatUser("a"), "token"); }

                public void Guarded()
                {
                    if (Client.IsConnected)
                    {
                        return;
                    }

                    _ = Client.ConnectUserAsync(new ChatUser("a"), "token");
                }
            }
            """));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("CHAT002").WithLocation(0).WithArguments(
            "FixedUpdate -> Frame -> Tick -> Tick -> ConnectUserAsync", "frame", "'FixedUpdate'", "Unity", "connect once in 'Start'"));
        await test.RunAsync();
    }

    [Fact]
    public async Task A_helper_that_guards_its_connect_is_not_flagged()
    {
        var test = new Verify.Test("""
            using System.Threading.Tasks;
            using Chat.Client;
            using UnityEngine;

            public class ChatHud : MonoBehaviour
            {
                private readonly ChatClient client = new("key");
                private readonly OtherFileService service = new();

                void Update() { _ = EnsureChatAsync(); service.Ensure(); }

                async Task EnsureChatAsync()
                {
                    if (client.IsConnected) return;
                    await client.ConnectUserAsync(new ChatUser("a"), "token");
                }
            }
            """).WithStubs(FrameworkStubs.Unity);
        test.TestState.Sources.Add(("/0/OtherFileService.cs", """
            using Chat.Client;

            public class OtherFileService
            {
                private readonly ChatClient _client = new("key");

                public void Ensure()
                {
                    if (_client.ConnectionState == ConnectionState.Disconnected && _client.CurrentUser is null)
                    {
                        _ = this._client.ConnectUserAsync(new ChatUser("a"), "token");
                    }
                }
            }
            """));
        await test.RunAsync();
    }

    [Fact]
    public async Task A_local_in_another_file_that_hides_a_client_field_is_not_taken_for_it()
    {
        var test = new Verify.Test("""
            using UnityEngine;

            public class ChatHud : MonoBehaviour
            {
                private readonly Relay relay = new();

                void Update() { relay.Pump(); }
            }
            """).WithStubs(FrameworkStubs.Unity);
        test.TestState.Sources.Add(("/0/Relay.cs", """
            using Chat.Client;

            public class Relay
            {
                private readonly ChatClient client = new("key");

                public void Pump()
                {
                    var client = new Recorder();
                    client.ConnectUserAsync("a");
                }
            }

            public class Recorder
            {
                public void ConnectUserAsync(string id) { }
            }
            """));
        await test.RunAsync();
    }

    [Theory]
    [InlineData("var local = new ChatClient(\"key\");")]
    [InlineData("ChatClient local = Create();")]
    [InlineData("Chat.Client.ChatClient local = Create();")]
    public async Task A_helper_that_connects_a_client_held_in_a_typed_local_is_a_call_chain(string declaration)
    {
        await Verify.VerifyAnalyzerAsync(
            Unity($$"""
                void Update() { {|#0:Refresh()|}; }

                void Refresh()
                {
                    {{declaration}}
                    _ = local.ConnectUserAsync(user, "token");
                }

                static ChatClient Create() => new("key");
                """),
            [FrameworkStubs.Unity],
            Verify.Diagnostic("CHAT002").WithLocation(0)
                .WithArguments("Update -> Refresh -> ConnectUserAsync", "frame", "'Update'", "Unity", "connect once in 'Start'"));
    }

    // A type name no source type has is matched to a client from the namespaces in scope, not bound.
    [Theory]
    [InlineData("global using Chat.Client;", "", true)]
    [InlineData("global using Chat.Client.Extras;", "namespace Chat.Client.Extras;", true)]
    [InlineData("", "using Chat.Client;", true)]
    [InlineData("global using ChatClient = Telemetry.Sink;", "using Chat.Client;", false)]
    [InlineData("", "using Chat.Client; using ChatClient = Telemetry.Sink;", false)]
    public async Task A_client_local_in_another_file_is_the_client_where_that_files_namespaces_and_usings_make_it_so(string otherFile, string header, bool followed)
    {
        var test = new Verify.Test("""
            using UnityEngine;

            public class ChatHud : MonoBehaviour
            {
                void Update() { {|#0:Relay.Pump()|}; }
            }
            """).WithStubs(FrameworkStubs.Unity);
        test.TestState.Sources.Add(("/0/Other.cs", otherFile + """

            namespace Telemetry
            {
                public class Sink
                {
                    public Sink(string key) { }

                    public System.Threading.Tasks.Task ConnectUserAsync(Chat.Client.ChatUser user, string token) => System.Threading.Tasks.Task.CompletedTask;
                }
            }
            """));
        test.TestState.Sources.Add(("/0/Relay.cs", header + """

            public static class Relay
            {
                public static void Pump()
                {
                    ChatClient local = new("key");
                    _ = local.ConnectUserAsync(new Chat.Client.ChatUser("a"), "token");
                }
            }
            """));
        if (followed)
        {
            test.ExpectedDiagnostics.Add(Verify.Diagnostic("CHAT002").WithLocation(0)
                .WithArguments("Update -> Pump -> ConnectUserAsync", "frame", "'Update'", "Unity", "connect once in 'Start'"));
        }

        await test.RunAsync();
    }

    [Fact]
    public async Task A_local_of_a_type_that_shares_the_clients_name_in_another_namespace_is_not_the_client()
    {
        var test = new Verify.Test("""
            using UnityEngine;

            public class ChatHud : MonoBehaviour
            {
                void Update() { Relay.Pump(); }
            }
            """).WithStubs(FrameworkStubs.Unity);
        test.TestState.Sources.Add(("/0/Relay.cs", """
            using Telemetry;

            public static class Relay
            {
                public static void Pump()
                {
                    ChatClient local = new();
                    local.ConnectUserAsync("u");
                }
            }

            namespace Telemetry
            {
                public class ChatClient
                {
                    public void ConnectUserAsync(string id) { }
                }
            }
            """));
        await test.RunAsync();
    }

    [Fact]
    public async Task A_helper_call_guarded_by_the_state_of_the_client_it_connects_is_not_flagged()
    {
        await Verify.VerifyAnalyzerAsync(
            Unity("""
                void Update()
                {
                    if (!client.IsConnected) { ConnectChat(); }
                    if (!other.IsConnected) { {|CHAT002:ConnectChat()|}; }
                }

                void ConnectChat() { _ = client.ConnectUserAsync(user, "token"); }
                """),
            [FrameworkStubs.Unity]);
    }

    [Fact]
    public async Task A_cycle_between_helpers_ends_and_still_finds_the_connect()
    {
        await Verify.VerifyAnalyzerAsync(
            Unity("""
                void Update() { Ping(); {|#0:Tick()|}; }

                void FixedUpdate() { {|#1:Tock()|}; }

                void Ping() { Pong(); }
                void Pong() { Ping(); }

                void Tick() { Tock(); }
                void Tock() { Tick(); _ = client.ConnectUserAsync(user, "token"); }
                """),
            [FrameworkStubs.Unity],
            Verify.Diagnostic("CHAT002").WithLocation(0)
                .WithArguments("Update -> Tick -> Tock -> ConnectUserAsync", "frame", "'Update'", "Unity", "connect once in 'Start'"),
            Verify.Diagnostic("CHAT002").WithLocation(1)
                .WithArguments("FixedUpdate -> Tock -> ConnectUserAsync", "frame", "'FixedUpdate'", "Unity", "connect once in 'Start'"));
    }

    [Fact]
    public async Task Chains_are_followed_up_to_eight_calls()
    {
        await Verify.VerifyAnalyzerAsync(
            Unity("""
                void Update() { {|CHAT002:A1()|}; }
                void LateUpdate() { B1(); }

                void A1() => A2(); void A2() => A3(); void A3() => A4(); void A4() => A5(); void A5() => A6(); void A6() => A7();
                void A7() { _ = client.ConnectUserAsync(user, "token"); }

                void B1() => B2(); void B2() => B3(); void B3() => B4(); void B4() => B5(); void B5() => B6(); void B6() => B7(); void B7() => B8();
                void B8() { _ = client.ConnectUserAsync(user, "token"); }
                """),
            [FrameworkStubs.Unity]);
    }

    [Fact]
    public async Task Call_chains_from_handlers_are_flagged()
    {
        await Verify.VerifyAnalyzerAsync(
            Wpf("""
                public ChatView()
                {
                    CompositionTarget.Rendering += OnFrame;
                    CompositionTarget.Rendering += (s, e) => {|#0:ConnectChat()|};
                }

                void OnFrame(object sender, EventArgs e) { {|#1:ConnectChat()|}; }

                void ConnectChat() { _ = client.ConnectUserAsync(user, "token"); }
                """),
            [FrameworkStubs.Wpf],
            Verify.Diagnostic("CHAT002").WithLocation(0).WithArguments(
                "Rendering handler -> ConnectChat -> ConnectUserAsync", "render", "a 'Rendering' handler", "WPF", "connect once in 'OnInitialized'"),
            Verify.Diagnostic("CHAT002").WithLocation(1).WithArguments(
                "OnFrame -> ConnectChat -> ConnectUserAsync", "render", "'OnFrame'", "WPF", "connect once in 'OnInitialized'"));
    }

    [Fact]
    public async Task Calls_to_code_outside_the_compilation_or_without_a_connect_are_not_flagged()
    {
        await Verify.VerifyAnalyzerAsync(
            Unity("""
                void Update() { Debug.Log(client.ConnectionState); Log(); _ = client.DisconnectUserAsync(); }

                void Log() { Debug.Log("frame"); }
                """),
            [FrameworkStubs.Unity]);
    }

    // ---- broken code ----

    [Theory]
    [InlineData("void Update() { _ = client.ConnectUserAsync(user, ; }")]
    [InlineData("void Update() { if (!client.IsConnected _ = client.ConnectUserAsync(user, \"token\"); }")]
    [InlineData("void Update() { Missing(); _ = missing.ConnectUserAsync(user, \"token\"); }")]
    [InlineData("void Update() { Helper(); } void Helper() => Helper(")]
    [InlineData("void Update() { Helper(1, 2); } void Helper() { _ = client.ConnectUserAsync(user, \"token\"); }")]
    [InlineData("void Update() => EnsureChat(); void EnsureChat() { if (client. == ConnectionState.) return; client.ConnectUserAsync(user); }")]
    [InlineData("void OnRenderImage(RenderTexture a, RenderTexture b) { CompositionTarget.Rendering += ; }")]
    public async Task Broken_code_does_not_throw(string members)
    {
        await Robustness.AssertAnalyzersDoNotThrowAsync(Unity(members), FrameworkStubs.Unity, FrameworkStubs.Wpf);
    }

    [Fact]
    public async Task Broken_code_across_files_does_not_throw()
    {
        await Robustness.AssertAnalyzersDoNotThrowAsync(
            Unity("void Update() { _service.Run(); _service.Missing.Run(); Other.Run(x); }"),
            FrameworkStubs.Unity,
            """
            using Chat.Client;
            public partial class ChatView { private Service _service; }
            public class Service
            {
                private ChatClient _client;
                public void Run() { var _client = 1; _client.ConnectUserAsync(; base.Run(); Run(); this.Run(1); (_client).ConnectUserAsync(null, "t"); }
                public void Run(int x) => _client?.ConnectUserAsync(null, "t")
            }
            public static partial class Other { public static void Run(int x) { Other.Run(x); } }
            public static partial class Other { }
            """);
    }

    private static string Unity(string members) => $$"""
        using System;
        using System.Threading.Tasks;
        using Chat.Client;
        using UnityEngine;

        public partial class ChatView : MonoBehaviour
        {
            private readonly ChatClient client = new("key");
            private readonly ChatClient other = new("key");
            private readonly ChatUser user = new("a");
            private bool ready;

            {{members}}
        }
        """;

    private static string Wpf(string members) => $$"""
        using System;
        using System.Threading.Tasks;
        using System.Windows;
        using System.Windows.Controls;
        using System.Windows.Media;
        using Chat.Client;

        public class ChatView : UserControl
        {
            private readonly ChatClient client = new("key");
            private readonly ChatUser user = new("a");

            {{members}}
        }
        """;

    private static Verify.Test Blazor(string members) => new Verify.Test($$"""
        using System.Threading.Tasks;
        using Chat.Client;
        using Microsoft.AspNetCore.Components;
        using Microsoft.AspNetCore.Components.Rendering;

        public class ChatPanel : ComponentBase
        {
            [Inject] private IChatClient client { get; set; } = default!;
            private readonly ChatUser user = new("a");
            private bool ready;

            {{members}}
        }
        """).WithAspNetCore();
}
