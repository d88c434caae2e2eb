using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ChatUsageAnalyzers.CodeFixes;
using ChatUsageAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;
using Verify = ChatUsageAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    ChatUsageAnalyzers.RenderConnectAnalyzer,
    ChatUsageAnalyzers.CodeFixes.RenderConnectFix>;

namespace ChatUsageAnalyzers.Tests.Fixes;

public class CHAT002_RenderConnectFixTests
{
    private const string Move = EquivalenceKeys.MoveToOncePerInstanceMethod;
    private const string Guard = EquivalenceKeys.GuardWithConnectionState;

    // ---- every framework row: the move creates the once method, the guard wraps in place ----

    /// <summary>One framework row of RULES.md: a type with a render method and the once method the move creates there.</summary>
    public sealed record FrameworkRow(
        string Name,
        string[] Stubs,
        string Usings,
        string TypeHeader,
        string Fields,
        string Render,
        string? Once,
        string? BaseCall = null)
    {
        /// <summary>The <c>using</c> directives after the move (the created method's parameter types may need one more).</summary>
        public string FixedUsings { get; init; } = Usings;

        public bool AspNetCore { get; init; }

        public override string ToString() => Name;
    }

    private static readonly FrameworkRow[] FrameworkRows =
    [
        new("Unity", [FrameworkStubs.Unity], "using Chat.Client;\nusing UnityEngine;", "public class ChatView : MonoBehaviour",
            "private readonly ChatClient client = new(\"key\");", "void OnGUI()", "private void Start()"),
        new("Blazor", [], "using System.Threading.Tasks;\nusing Chat.Client;\nusing Microsoft.AspNetCore.Components;", "public class ChatPanel : ComponentBase",
            "[Inject] private IChatClient client { get; set; } = default!;", "protected override void OnAfterRender(bool firstRender)", Once: null) { AspNetCore = true },
        new("Godot", [FrameworkStubs.Godot], "using Chat.Client;\nusing Godot;", "public partial class ChatNode : Node2D",
            "private readonly ChatClient client = new(\"key\");", "public override void _Process(double delta)", "public override void _Ready()"),
        new("MonoGame Game", [FrameworkStubs.MonoGame], "using Chat.Client;\nusing Microsoft.Xna.Framework;", "public class ChatGame : Game",
            "private readonly ChatClient client = new(\"key\");", "protected override void Update(GameTime gameTime)", "protected override void Initialize()", "base.Initialize();"),
        new("MonoGame DrawableGameComponent", [FrameworkStubs.MonoGame], "using Chat.Client;\nusing Microsoft.Xna.Framework;", "public class ChatHud : DrawableGameComponent",
            "private readonly ChatClient client = new(\"key\");\n\npublic ChatHud(Game game) : base(game) { }", "public override void Draw(GameTime gameTime)", "public override void Initialize()", "base.Initialize();"),
        new("WPF OnRender", [FrameworkStubs.Wpf], "using System.Windows.Controls;\nusing System.Windows.Media;\nusing Chat.Client;", "public class ChatView : UserControl",
            "private readonly ChatClient client = new(\"key\");", "protected override void OnRender(DrawingContext drawingContext)", "protected override void OnInitialized(EventArgs e)", "base.OnInitialized(e);")
        {
            FixedUsings = "using System;\nusing System.Windows.Controls;\nusing System.Windows.Media;\nusing Chat.Client;",
        },
        new("WPF Rendering handler", [FrameworkStubs.Wpf], "using System;\nusing System.Windows.Controls;\nusing System.Windows.Media;\nusing Chat.Client;", "public class ChatView : UserControl",
            "private readonly ChatClient client = new(\"key\");\n\npublic ChatView() { CompositionTarget.Rendering += OnFrame; }", "private void OnFrame(object sender, EventArgs e)", "protected override void OnInitialized(EventArgs e)", "base.OnInitialized(e);"),
        new("WinForms Form", [FrameworkStubs.WinForms], "using System;\nusing System.Windows.Forms;\nusing Chat.Client;", "public class ChatForm : Form",
            "private readonly ChatClient client = new(\"key\");", "protected override void OnPaint(PaintEventArgs e)", "protected override void OnLoad(EventArgs e)", "base.OnLoad(e);"),
        new("WinForms Control", [FrameworkStubs.WinForms], "using System;\nusing System.Windows.Forms;\nusing Chat.Client;", "public class ChatBadge : Control",
            "private readonly ChatClient client = new(\"key\");", "protected override void OnPaintBackground(PaintEventArgs e)", "protected override void OnHandleCreated(EventArgs e)", "base.OnHandleCreated(e);"),
        new("Avalonia", [FrameworkStubs.Avalonia], "using Avalonia.Controls;\nusing Avalonia.Media;\nusing Chat.Client;", "public class ChatBadge : Control",
            "private readonly ChatClient client = new(\"key\");", "public override void Render(DrawingContext context)", "protected override void OnAttachedToVisualTree(VisualTreeAttachmentEventArgs e)", "base.OnAttachedToVisualTree(e);")
        {
            FixedUsings = "using Avalonia;\nusing Avalonia.Controls;\nusing Avalonia.Media;\nusing Chat.Client;",
        },
        new("MAUI", [FrameworkStubs.Maui], "using Chat.Client;\nusing Microsoft.Maui.Graphics;", "public class UnreadBadge : IDrawable",
            "private readonly IChatClient client;\n\npublic UnreadBadge(IChatClient client) => this.client = client;", "public void Draw(ICanvas canvas, RectF dirtyRect)", Once: null),
    ];

    /// <summary>The rows whose once method the move writes (Blazor's has its own tests: its once method returns a task).</summary>
    public static TheoryData<string, bool> RowsWithOnceMethod
    {
        get
        {
            var data = new TheoryData<string, bool>();
            foreach (var row in FrameworkRows.Where(r => r.Once is not null))
            {
                data.Add(row.Name, false);
                data.Add(row.Name, true);
            }

            return data;
        }
    }

    public static TheoryData<string> AllRows => new(FrameworkRows.Select(r => r.Name));

    [Theory]
    [MemberData(nameof(RowsWithOnceMethod))]
    public async Task The_move_creates_the_once_method_with_the_base_call_async_void_when_the_statement_awaits_and_empties_the_render_method(string name, bool awaits)
    {
        var row = Row(name);
        var (prefix, render, once) = awaits ? ("await ", AsyncVoid(row.Render), AsyncVoid(row.Once!)) : ("_ = ", row.Render, row.Once!);
        await Run(row, row.Usings, $$"""
            {{render}}
            {
                {{prefix}}{|CHAT002:client.ConnectUserAsync(new ChatUser("a"), "token")|};
            }
            """, row.FixedUsings, $$"""
            {{once}}
            {
            {{BaseCallLine(row)}}    if (!client.IsConnected)
                {
                    {{prefix}}client.ConnectUserAsync(new ChatUser("a"), "token");
                }
            }

            {{row.Render}}
            {
            }
            """, Move);
    }

    [Theory]
    [MemberData(nameof(AllRows))]
    public async Task The_guard_wraps_the_statement_where_it_is(string name)
    {
        var row = Row(name);
        await Run(row, row.Usings, $$"""
            {{row.Render}}
            {
                _ = {|CHAT002:client.ConnectUserAsync(new ChatUser("a"), "token")|};
            }
            """, row.Usings, $$"""
            {{row.Render}}
            {
                if (!client.IsConnected)
                {
                    _ = client.ConnectUserAsync(new ChatUser("a"), "token");
                }
            }
            """, Guard);
    }

    // ---- move: framework details ----

    [Fact]
    public async Task Unity_Update_moves_into_a_new_async_Start_keeping_comments_and_dropping_async_from_Update()
    {
        await Run(Unity("""
            async void Update()
            {
                // connect the player
                await {|CHAT002:client.ConnectUserAsync(user, "token")|}; // once is enough
            }
            """), Unity("""
            private async void Start()
            {
                if (!client.IsConnected)
                {
                    // connect the player
                    await client.ConnectUserAsync(user, "token"); // once is enough
                }
            }

            void Update()
            {
            }
            """), Move, FrameworkStubs.Unity);
    }

    [Fact]
    public async Task Unity_an_existing_Start_is_appended_to_and_made_async()
    {
        await Run(Unity("""
            void Start()
            {
                Debug.Log("ready");
            }

            async void LateUpdate()
            {
                Debug.Log("frame");
                await {|CHAT002:client.ConnectUserAsync(user, "token")|};
                await Task.Yield();
            }
            """), Unity("""
            async void Start()
            {
                Debug.Log("ready");
                if (!client.IsConnected)
                {
                    await client.ConnectUserAsync(user, "token");
                }
            }

            async void LateUpdate()
            {
                Debug.Log("frame");
                await Task.Yield();
            }
            """), Move, FrameworkStubs.Unity);
    }

    [Fact]
    public async Task WinForms_an_existing_OnLoad_is_appended_to_after_its_base_call_and_made_async()
    {
        var row = Row("WinForms Form");
        await Run(row, row.Usings, """
            protected override void OnLoad(EventArgs e)
            {
                base.OnLoad(e);
                Console.WriteLine("loaded");
            }

            protected override async void OnPaint(PaintEventArgs e)
            {
                await {|CHAT002:client.ConnectUserAsync(new ChatUser("a"), "token")|};
            }
            """, row.Usings, """
            protected override async void OnLoad(EventArgs e)
            {
                base.OnLoad(e);
                Console.WriteLine("loaded");
                if (!client.IsConnected)
                {
                    await client.ConnectUserAsync(new ChatUser("a"), "token");
                }
            }

            protected override void OnPaint(PaintEventArgs e)
            {
            }
            """, Move);
    }

    [Fact]
    public async Task Blazor_OnAfterRenderAsync_moves_into_a_new_OnInitializedAsync()
    {
        await Run(Blazor("""
            protected override async Task OnAfterRenderAsync(bool firstRender)
            {
                await {|CHAT002:client.ConnectUserAsync(user, "token")|};
            }
            """), Blazor("""
            protected override async Task OnInitializedAsync()
            {
                if (!client.IsConnected)
                {
                    await client.ConnectUserAsync(user, "token");
                }
            }

            protected override Task OnAfterRenderAsync(bool firstRender)
            {
                return Task.CompletedTask;
            }
            """), Move, aspNetCore: true);
    }

    [Fact]
    public async Task Blazor_a_statement_that_does_not_await_makes_an_OnInitializedAsync_that_returns_a_completed_task()
    {
        await Run(Blazor("""
            protected override bool ShouldRender()
            {
                _ = {|CHAT002:client.ConnectUserAsync(user, "token")|};
                return ready;
            }
            """), Blazor("""
            protected override Task OnInitializedAsync()
            {
                if (!client.IsConnected)
                {
                    _ = client.ConnectUserAsync(user, "token");
                }

                return Task.CompletedTask;
            }

            protected override bool ShouldRender()
            {
                return ready;
            }
            """), Move, aspNetCore: true);
    }

    [Fact]
    public async Task Blazor_an_existing_OnInitializedAsync_is_appended_to()
    {
        await Run(Blazor("""
            protected override async Task OnInitializedAsync()
            {
                await Task.Yield();
            }

            protected override void OnAfterRender(bool firstRender)
            {
                _ = {|CHAT002:client.ConnectUserAsync(user, "token")|};
                ready = true;
            }
            """), Blazor("""
            protected override async Task OnInitializedAsync()
            {
                await Task.Yield();
                if (!client.IsConnected)
                {
                    _ = client.ConnectUserAsync(user, "token");
                }
            }

            protected override void OnAfterRender(bool firstRender)
            {
                ready = true;
            }
            """), Move, aspNetCore: true);
    }

    [Fact]
    public async Task Blazor_an_OnInitializedAsync_that_returns_the_base_task_awaits_it_once_async()
    {
        await Run(Blazor("""
            protected override Task OnInitializedAsync() => base.OnInitializedAsync();

            protected override async Task OnAfterRenderAsync(bool firstRender)
            {
                await {|CHAT002:client.ConnectUserAsync(user, "token")|};
                if (firstRender)
                {
                    return;
                }

                ready = true;
            }
            """), Blazor("""
            protected override async Task OnInitializedAsync()
            {
                await base.OnInitializedAsync();
                if (!client.IsConnected)
                {
                    await client.ConnectUserAsync(user, "token");
                }
            }

            protected override Task OnAfterRenderAsync(bool firstRender)
            {
                if (firstRender)
                {
                    return Task.CompletedTask;
                }

                ready = true;
                return Task.CompletedTask;
            }
            """), Move, aspNetCore: true);
    }

    [Fact]
    public async Task An_expression_bodied_render_method_is_left_with_an_empty_body()
    {
        await Run(Unity("""
            async void FixedUpdate() => await {|CHAT002:client.ConnectUserAsync(user, "token")|};
            """), Unity(StartConnectingClient("""
            void FixedUpdate()
            {
            }
            """)), Move, FrameworkStubs.Unity);
    }

    [Fact]
    public async Task A_statement_the_once_method_already_runs_under_the_guard_is_only_removed()
    {
        await Run(Unity("""
            async void Start()
            {
                if (!client.IsConnected)
                {
                    await client.ConnectUserAsync(user, "token");
                }
            }

            async void Update()
            {
                await {|CHAT002:client.ConnectUserAsync(user, "token")|};
            }
            """), Unity("""
            async void Start()
            {
                if (!client.IsConnected)
                {
                    await client.ConnectUserAsync(user, "token");
                }
            }

            void Update()
            {
            }
            """), Move, FrameworkStubs.Unity);
    }

    [Fact]
    public async Task A_virtual_Start_in_a_base_class_is_overridden_with_a_base_call()
    {
        await Run("""
            using Chat.Client;
            using UnityEngine;

            public class BaseHud : MonoBehaviour
            {
                protected virtual void Start() { Debug.Log("base"); }
            }

            public class ChatHud : BaseHud
            {
                private readonly ChatClient client = new("key");

                void Update() { _ = {|CHAT002:client.ConnectUserAsync(new ChatUser("a"), "token")|}; }
            }
            """, """
            using Chat.Client;
            using UnityEngine;

            public class BaseHud : MonoBehaviour
            {
                protected virtual void Start() { Debug.Log("base"); }
            }

            public class ChatHud : BaseHud
            {
                private readonly ChatClient client = new("key");

                protected override void Start()
                {
                    base.Start();
                    if (!client.IsConnected)
                    {
                        _ = client.ConnectUserAsync(new ChatUser("a"), "token");
                    }
                }

                void Update() { }
            }
            """, Move, FrameworkStubs.Unity);
    }

    // ---- move: receivers and clients ----

    [Fact]
    public async Task Stream_sdk_clients_are_guarded_while_connected_or_connecting()
    {
        const string Before = """
            using StreamChat.Core;
            using StreamChat.Libs.Auth;
            using UnityEngine;

            public class ChatBootstrap : MonoBehaviour
            {
                private IStreamChatClient _client = StreamChatClient.CreateDefaultClient();

                async void Update()
                {
                    await {|CHAT002:_client.ConnectUserAsync(new AuthCredentials("key", "user", "token"))|};
                }
            }
            """;
        await Run(Before, """
            using StreamChat.Core;
            using StreamChat.Libs.Auth;
            using UnityEngine;

            public class ChatBootstrap : MonoBehaviour
            {
                private IStreamChatClient _client = StreamChatClient.CreateDefaultClient();

                private async void Start()
                {
                    if (!_client.IsConnected && !_client.IsConnecting)
                    {
                        await _client.ConnectUserAsync(new AuthCredentials("key", "user", "token"));
                    }
                }

                void Update()
                {
                }
            }
            """, Move, FrameworkStubs.Unity, FrameworkStubs.StreamChat);
        await Run(Before, """
            using StreamChat.Core;
            using StreamChat.Libs.Auth;
            using UnityEngine;

            public class ChatBootstrap : MonoBehaviour
            {
                private IStreamChatClient _client = StreamChatClient.CreateDefaultClient();

                async void Update()
                {
                    if (!_client.IsConnected && !_client.IsConnecting)
                    {
                        await _client.ConnectUserAsync(new AuthCredentials("key", "user", "token"));
                    }
                }
            }
            """, Guard, FrameworkStubs.Unity, FrameworkStubs.StreamChat);
    }

    [Fact]
    public async Task The_guard_uses_the_receiver_as_written_and_keeps_a_null_check()
    {
        await Run(Unity("""
            private IChatClient Chat { get; } = new ChatClient("key");

            void Update()
            {
                _ = {|CHAT002:this.client.ConnectUserAsync(user, "token")|};
                _ = {|CHAT002:Chat.ConnectUserAsync(user, "token")|};
                _ = {|CHAT002:other?.ConnectUserAsync(user, "token")|};
            }
            """), Unity("""
            private IChatClient Chat { get; } = new ChatClient("key");

            private void Start()
            {
                if (!this.client.IsConnected)
                {
                    _ = this.client.ConnectUserAsync(user, "token");
                }

                if (!Chat.IsConnected)
                {
                    _ = Chat.ConnectUserAsync(user, "token");
                }

                if (other?.IsConnected == false)
                {
                    _ = other?.ConnectUserAsync(user, "token");
                }
            }

            void Update()
            {
            }
            """), Move, FrameworkStubs.Unity);
    }

    // ---- move: call chains ----

    [Fact]
    public async Task A_call_chain_to_a_client_of_this_type_moves_guarded_by_that_client()
    {
        const string Helper = """
            void EnsureChat() { _ = client.ConnectUserAsync(user, "token"); }
            """;
        await Run(Unity($$"""
            void Update()
            {
                {|CHAT002:EnsureChat()|};
            }

            {{Helper}}
            """), Unity($$"""
            private void Start()
            {
                if (!client.IsConnected)
                {
                    EnsureChat();
                }
            }

            void Update()
            {
            }

            {{Helper}}
            """), Move, FrameworkStubs.Unity);
        await Run(Unity($$"""
            void Update()
            {
                {|CHAT002:EnsureChat()|};
            }

            {{Helper}}
            """), Unity($$"""
            void Update()
            {
                if (!client.IsConnected)
                {
                    EnsureChat();
                }
            }

            {{Helper}}
            """), Guard, FrameworkStubs.Unity);
    }

    [Fact]
    public async Task A_call_chain_into_another_object_moves_unguarded_and_gets_no_guard_fix()
    {
        const string Service = """
            using Chat.Client;

            public class ChatService
            {
                private readonly ChatClient _client = new("key");

                public void Refresh() { _ = _client.ConnectUserAsync(new ChatUser("a"), "token"); }
            }
            """;
        await Run(
            """
            using UnityEngine;

            public class ChatHud : MonoBehaviour
            {
                private readonly ChatService _chat = new();

                void Update() { {|CHAT002:_chat.Refresh()|}; }

                void LateUpdate() { {|CHAT002:_chat.Refresh()|}; }
            }
            """,
            """
            using UnityEngine;

            public class ChatHud : MonoBehaviour
            {
                private readonly ChatService _chat = new();

                private void Start()
                {
                    _chat.Refresh();
                }

                void Update() { }

                void LateUpdate() { }
            }
            """,
            Move,
            FrameworkStubs.Unity,
            Service);
        await Verify.VerifyNoCodeFixAsync(
            """
            using UnityEngine;

            public class ChatHud : MonoBehaviour
            {
                private readonly ChatService _chat = new();

                void Update() { {|CHAT002:_chat.Refresh()|}; }
            }
            """,
            Guard,
            FrameworkStubs.Unity,
            Service);
    }

    // ---- move: not offered ----

    [Theory]
    [InlineData("void Update() { var name = \"a\"; _ = {|CHAT002:client.ConnectUserAsync(new ChatUser(name), \"token\")|}; }")]
    [InlineData("void OnRenderImage(RenderTexture source, RenderTexture destination) { _ = {|CHAT002:client.ConnectUserAsync(new ChatUser(source.ToString()), \"token\")|}; }")]
    [InlineData("void Update() { if (ready) { _ = {|CHAT002:client.ConnectUserAsync(user, \"token\")|}; } }")]
    [InlineData("void Update() { try { _ = {|CHAT002:client.ConnectUserAsync(user, \"token\")|}; } catch (Exception) { } }")]
    [InlineData("async void Update() { var response = await {|CHAT002:client.ConnectUserAsync(user, \"token\")|}; Debug.Log(response.Me); }")]
    [InlineData("void Update() { _ = {|CHAT002:client.ConnectUserAsync(user, Token())|}; string Token() => \"token\"; }")]
    [InlineData("void Start(int level) { } void Update() { _ = {|CHAT002:client.ConnectUserAsync(user, \"token\")|}; } static void Start() { }")]
    public async Task The_move_is_not_offered_when_the_statement_depends_on_its_method(string members)
    {
        await Verify.VerifyNoCodeFixAsync(Unity(members), Move, FrameworkStubs.Unity);
    }

    [Fact]
    public async Task The_move_is_not_offered_when_Start_would_shadow_a_name_or_hide_a_base_message()
    {
        await Verify.VerifyNoCodeFixAsync(Unity("""
            void Start() { var client = 1; Debug.Log(client); }

            void Update() { _ = {|CHAT002:client.ConnectUserAsync(user, "token")|}; }
            """), Move, FrameworkStubs.Unity);
        await Verify.VerifyNoCodeFixAsync("""
            using Chat.Client;
            using UnityEngine;

            public class BaseHud : MonoBehaviour
            {
                private void Start() { Debug.Log("base"); }
            }

            public class ChatHud : BaseHud
            {
                private readonly ChatClient client = new("key");

                void Update() { _ = {|CHAT002:client.ConnectUserAsync(new ChatUser("a"), "token")|}; }
            }
            """, Move, FrameworkStubs.Unity);
    }

    [Fact]
    public async Task The_move_is_not_offered_when_the_once_method_is_in_another_file()
    {
        var test = new Verify.Test(
            """
            using Chat.Client;
            using UnityEngine;

            public partial class ChatHud : MonoBehaviour
            {
                private readonly ChatClient client = new("key");

                void Update() { _ = {|CHAT002:client.ConnectUserAsync(new ChatUser("a"), "token")|}; }
            }
            """,
            """
            using Chat.Client;
            using UnityEngine;

            public partial class ChatHud : MonoBehaviour
            {
                private readonly ChatClient client = new("key");

                void Update() { _ = {|CHAT002:client.ConnectUserAsync(new ChatUser("a"), "token")|}; }
            }
            """,
            Move).WithStubs(FrameworkStubs.Unity);
        const string OtherPart = """
            public partial class ChatHud
            {
                void Start() { UnityEngine.Debug.Log("ready"); }
            }
            """;
        test.TestState.Sources.Add(("/0/ChatHud.Start.cs", OtherPart));
        test.FixedState.Sources.Add(("/0/ChatHud.Start.cs", OtherPart));
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Razor_generated_code_gets_no_fix()
    {
        const string Generated = """
            // <auto-generated/>
            namespace App.Components.Pages
            {
                public partial class Chat : global::Microsoft.AspNetCore.Components.ComponentBase
                {
                    [global::Microsoft.AspNetCore.Components.InjectAttribute] private global::Chat.Client.IChatClient Client { get; set; }

                    protected override void BuildRenderTree(global::Microsoft.AspNetCore.Components.Rendering.RenderTreeBuilder __builder)
                    {
                        _ = {|CHAT002:Client.ConnectUserAsync(new global::Chat.Client.ChatUser("a"), "token")|};
                    }
                }
            }
            """;
        foreach (var key in new[] { Move, Guard })
        {
            var test = new Verify.Test("class Placeholder { }", "class Placeholder { }", key).WithAspNetCore();
            test.TestState.Sources.Add(("/0/obj/Components_Pages_Chat_razor.g.cs", Generated));
            test.FixedState.Sources.Add(("/0/obj/Components_Pages_Chat_razor.g.cs", Generated));
            await test.RunAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_MAUI_drawable_gets_no_move()
    {
        var row = Row("MAUI");
        await Verify.VerifyNoCodeFixAsync(Framework(row, row.Usings, $$"""
            {{row.Render}} { _ = {|CHAT002:client.ConnectUserAsync(new ChatUser("a"), "token")|}; }
            """), Move, row.Stubs);
    }

    // ---- guard where it is ----

    [Fact]
    public async Task The_guard_wraps_the_statement_where_it_is_when_it_uses_locals_of_the_render_method()
    {
        const string Before = """
            void Update()
            {
                var name = "a";
                // connect the player
                _ = {|CHAT002:client.ConnectUserAsync(new ChatUser(name), "token")|}; // once is enough
                Debug.Log(name);
            }
            """;
        await Verify.VerifyNoCodeFixAsync(Unity(Before), Move, FrameworkStubs.Unity);
        await Run(Unity(Before), Unity("""
            void Update()
            {
                var name = "a";
                // connect the player
                if (!client.IsConnected)
                {
                    _ = client.ConnectUserAsync(new ChatUser(name), "token"); // once is enough
                }

                Debug.Log(name);
            }
            """), Guard, FrameworkStubs.Unity);
    }

    [Fact]
    public async Task A_declaration_is_guarded_together_with_the_statements_that_use_it()
    {
        await Run(Unity("""
            async void Update()
            {
                var response = await {|CHAT002:client.ConnectUserAsync(user, "token")|};
                var unread = response.Me.TotalUnreadCount;
                Debug.Log(unread);
                Debug.Log("frame");
            }
            """), Unity("""
            async void Update()
            {
                if (!client.IsConnected)
                {
                    var response = await client.ConnectUserAsync(user, "token");
                    var unread = response.Me.TotalUnreadCount;
                    Debug.Log(unread);
                }

                Debug.Log("frame");
            }
            """), Guard, FrameworkStubs.Unity);
    }

    [Fact]
    public async Task The_guard_is_not_offered_when_a_variable_assigned_by_the_statement_is_read_later()
    {
        await Verify.VerifyNoCodeFixAsync(Unity("""
            async void Update()
            {
                ConnectResponse response;
                response = await {|CHAT002:client.ConnectUserAsync(user, "token")|};
                Debug.Log(response);
            }
            """), Guard, FrameworkStubs.Unity);
    }

    [Fact]
    public async Task Embedded_statements_get_braces_and_expression_bodies_become_blocks()
    {
        await Run(Unity("""
            void Update()
            {
                if (ready)
                    _ = {|CHAT002:client.ConnectUserAsync(user, "token")|};
                else
                    Debug.Log("waiting");
            }

            void LateUpdate() => _ = {|CHAT002:client.ConnectUserAsync(user, "token")|};
            """), Unity("""
            void Update()
            {
                if (ready)
                {
                    if (!client.IsConnected)
                    {
                        _ = client.ConnectUserAsync(user, "token");
                    }
                }
                else
                    Debug.Log("waiting");
            }

            void LateUpdate()
            {
                if (!client.IsConnected)
                {
                    _ = client.ConnectUserAsync(user, "token");
                }
            }
            """), Guard, FrameworkStubs.Unity);
    }

    [Fact]
    public async Task A_Rendering_handler_lambda_gets_only_the_guard_in_a_block_body()
    {
        const string Before = """
            using System;
            using System.Windows.Controls;
            using System.Windows.Media;
            using Chat.Client;

            public class ChatView : UserControl
            {
                private readonly ChatClient client = new("key");

                public ChatView()
                {
                    CompositionTarget.Rendering += (s, e) => _ = {|CHAT002:client.ConnectUserAsync(new ChatUser("a"), "token")|};
                }
            }
            """;
        await Verify.VerifyNoCodeFixAsync(Before, Move, FrameworkStubs.Wpf);
        await Run(Before, """
            using System;
            using System.Windows.Controls;
            using System.Windows.Media;
            using Chat.Client;

            public class ChatView : UserControl
            {
                private readonly ChatClient client = new("key");

                public ChatView()
                {
                    CompositionTarget.Rendering += (s, e) =>
                    {
                        if (!client.IsConnected)
                        {
                            _ = client.ConnectUserAsync(new ChatUser("a"), "token");
                        }
                    };
                }
            }
            """, Guard, FrameworkStubs.Wpf);
    }

    [Fact]
    public async Task Blazor_code_inside_a_firstRender_check_gets_only_the_guard()
    {
        const string Before = """
            protected override async Task OnAfterRenderAsync(bool firstRender)
            {
                if (!firstRender)
                {
                    await {|CHAT002:client.ConnectUserAsync(user, "token")|};
                }
            }
            """;
        var noMove = new Verify.Test(Blazor(Before), Blazor(Before), Move).WithAspNetCore();
        await noMove.RunAsync(CancellationToken.None);
        await Run(Blazor(Before), Blazor("""
            protected override async Task OnAfterRenderAsync(bool firstRender)
            {
                if (!firstRender)
                {
                    if (!client.IsConnected)
                    {
                        await client.ConnectUserAsync(user, "token");
                    }
                }
            }
            """), Guard, aspNetCore: true);
    }

    // ---- Fix All ----

    [Fact]
    public async Task Fix_all_moves_one_statement_per_text_into_one_guard_per_client()
    {
        await Run(Unity("""
            async void Update()
            {
                await {|CHAT002:client.ConnectUserAsync(user, "token")|};
                _ = {|CHAT002:other.ConnectUserAsync(user, "token")|};
            }

            async void LateUpdate()
            {
                await {|CHAT002:client.ConnectUserAsync(user, "token")|};
            }

            void FixedUpdate()
            {
                _ = {|CHAT002:client.ConnectUserAsync(user, "other token")|};
            }
            """), Unity("""
            private async void Start()
            {
                if (!client.IsConnected)
                {
                    await client.ConnectUserAsync(user, "token");
                    _ = client.ConnectUserAsync(user, "other token");
                }

                if (!other.IsConnected)
                {
                    _ = other.ConnectUserAsync(user, "token");
                }
            }

            void Update()
            {
            }

            void LateUpdate()
            {
            }

            void FixedUpdate()
            {
            }
            """), Move, FrameworkStubs.Unity);
    }

    [Fact]
    public async Task Fix_all_moves_across_documents()
    {
        var test = new Verify.Test(Unity("""
            async void Update() { await {|CHAT002:client.ConnectUserAsync(user, "token")|}; }
            """), Unity(StartConnectingClient("void Update() { }")), Move).WithStubs(FrameworkStubs.Unity);
        test.TestState.Sources.Add(("/0/Radar.cs", """
            using Chat.Client;
            using UnityEngine;

            public class Radar : MonoBehaviour
            {
                private readonly ChatClient client = new("key");

                void Start() { Debug.Log("radar"); }

                void OnDrawGizmos() { _ = {|CHAT002:client.ConnectUserAsync(new ChatUser("b"), "token")|}; }
            }
            """));
        test.FixedState.Sources.Add(("/0/Radar.cs", """
            using Chat.Client;
            using UnityEngine;

            public class Radar : MonoBehaviour
            {
                private readonly ChatClient client = new("key");

                void Start()
                {
                    Debug.Log("radar");
                    if (!client.IsConnected)
                    {
                        _ = client.ConnectUserAsync(new ChatUser("b"), "token");
                    }
                }

                void OnDrawGizmos() { }
            }
            """));
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Fix_all_guards_each_statement_where_it_is()
    {
        await Run(Unity("""
            void Update() { _ = {|CHAT002:client.ConnectUserAsync(user, "token")|}; }

            void LateUpdate() { _ = {|CHAT002:other.ConnectUserAsync(user, "token")|}; }
            """), Unity("""
            void Update()
            {
                if (!client.IsConnected)
                {
                    _ = client.ConnectUserAsync(user, "token");
                }
            }

            void LateUpdate()
            {
                if (!other.IsConnected)
                {
                    _ = other.ConnectUserAsync(user, "token");
                }
            }
            """), Guard, FrameworkStubs.Unity);
    }

    // ---- Fix All: several clients ----

    [Fact]
    public async Task Fix_all_guards_each_client_of_one_method_separately()
    {
        await Run(Unity("""
            void Update()
            {
                _ = {|CHAT002:client.ConnectUserAsync(user, "token")|};
                _ = {|CHAT002:other.ConnectUserAsync(user, "token")|};
            }
            """), Unity("""
            void Update()
            {
                if (!client.IsConnected)
                {
                    _ = client.ConnectUserAsync(user, "token");
                }

                if (!other.IsConnected)
                {
                    _ = other.ConnectUserAsync(user, "token");
                }
            }
            """), Guard, FrameworkStubs.Unity);
    }

    private const string ConnectBothClients = """
        async void Update()
        {
            await Task.WhenAll({|CHAT002:client.ConnectUserAsync(user, "token")|}, {|CHAT002:other.ConnectUserAsync(user, "token")|});
        }
        """;

    private const string BothClientsGuardedByArgument =
        """await Task.WhenAll(!client.IsConnected ? client.ConnectUserAsync(user, "token") : Task.CompletedTask, !other.IsConnected ? other.ConnectUserAsync(user, "token") : Task.CompletedTask);""";

    [Fact]
    public async Task A_statement_connecting_two_clients_guards_each_connect_by_its_own_client()
    {
        await Run(Unity(ConnectBothClients), Unity($$"""
            async void Update()
            {
                {{BothClientsGuardedByArgument}}
            }
            """), Guard, FrameworkStubs.Unity);
    }

    [Fact]
    public async Task A_statement_connecting_two_clients_moves_with_each_connect_guarded_by_its_own_client()
    {
        await Run(Unity(ConnectBothClients), Unity($$"""
            private async void Start()
            {
                {{BothClientsGuardedByArgument}}
            }

            void Update()
            {
            }
            """), Move, FrameworkStubs.Unity);
    }

    [Fact]
    public async Task A_Stream_client_argument_is_guarded_while_connected_or_connecting()
    {
        const string Usings = """
            using System.Threading.Tasks;
            using Chat.Client;
            using StreamChat.Core;
            using StreamChat.Libs.Auth;
            using UnityEngine;

            public class ChatBootstrap : MonoBehaviour
            {
                private readonly IStreamChatClient stream = StreamChatClient.CreateDefaultClient();
                private readonly ChatClient client = new("key");

            """;
        await Run(Usings + """
                void OnGUI() => _ = Task.WhenAll({|CHAT002:stream.ConnectUserAsync(new AuthCredentials("key", "user", "token"))|}, {|CHAT002:client.ConnectUserAsync(new ChatUser("a"), "token")|});
            }
            """, Usings + """
                void OnGUI() => _ = Task.WhenAll(!stream.IsConnected && !stream.IsConnecting ? stream.ConnectUserAsync(new AuthCredentials("key", "user", "token")) : Task.CompletedTask, !client.IsConnected ? client.ConnectUserAsync(new ChatUser("a"), "token") : Task.CompletedTask);
            }
            """, Guard, FrameworkStubs.Unity, FrameworkStubs.StreamChat);
    }

    [Fact]
    public async Task Only_the_unguarded_connect_of_a_statement_inside_one_clients_guard_is_guarded()
    {
        // Wrapping the statement in "if (!other.IsConnected)" would stop "client" connecting while "other" is connected.
        await Run(Unity("""
            async void Update()
            {
                if (!client.IsConnected)
                {
                    await Task.WhenAll(client.ConnectUserAsync(user, "token"), {|CHAT002:other.ConnectUserAsync(user, "token")|}).ConfigureAwait(false);
                }
            }
            """), Unity("""
            async void Update()
            {
                if (!client.IsConnected)
                {
                    await Task.WhenAll(client.ConnectUserAsync(user, "token"), !other.IsConnected ? other.ConnectUserAsync(user, "token") : Task.CompletedTask).ConfigureAwait(false);
                }
            }
            """), Guard, FrameworkStubs.Unity);
    }

    [Theory]
    [InlineData("Debug.Log((await Task.WhenAll({|CHAT002:client.ConnectUserAsync(user, \"token\")|}, {|CHAT002:other.ConnectUserAsync(user, \"token\")|})).Length);")]
    [InlineData("await Pair({|CHAT002:client.ConnectUserAsync(user, \"token\")|}, {|CHAT002:other.ConnectUserAsync(user, \"token\")|});")]
    [InlineData("await Task.WhenAll({|CHAT002:client.ConnectUserAsync(user, \"token\")|}, {|CHAT002:EnsureChat()|});")]
    public async Task A_statement_connecting_two_clients_that_cannot_be_guarded_per_connect_gets_no_guard_and_moves_unguarded(string statement)
    {
        const string Helpers = """
            static Task Pair(Task first, Task second) => Task.WhenAll(first, second);

            Task EnsureChat() => Bootstrap.Chat.ConnectUserAsync(new ChatUser("b"), "token");
            """;
        var members = $$"""
            async void Update()
            {
                {{statement}}
            }

            {{Helpers}}
            """;
        await Verify.VerifyNoCodeFixAsync(Unity(members), Guard, FrameworkStubs.Unity, Bootstrap);
        var moved = System.Text.RegularExpressions.Regex.Replace(statement, @"\{\|CHAT002:(.*?)\|\}", "$1");
        await Run(Unity(members), Unity($$"""
            private async void Start()
            {
                {{moved}}
            }

            void Update()
            {
            }

            {{Helpers}}
            """), Move, FrameworkStubs.Unity, Bootstrap);
    }

    /// <summary>A client on another type, which a guard written in the render method's type cannot name by a member of its own.</summary>
    private const string Bootstrap = """
        public static class Bootstrap
        {
            public static global::Chat.Client.ChatClient Chat { get; } = new("key");
        }
        """;

    [Fact]
    public async Task Fix_all_moves_a_statement_connecting_two_clients_next_to_the_guards_of_other_statements()
    {
        await Run(Unity("""
            async void Update()
            {
                await Task.WhenAll({|CHAT002:client.ConnectUserAsync(user, "token")|}, {|CHAT002:other.ConnectUserAsync(user, "token")|});
                _ = {|CHAT002:client.ConnectUserAsync(user, "other token")|};
            }

            void LateUpdate()
            {
                _ = {|CHAT002:other.ConnectUserAsync(user, "other token")|};
                _ = {|CHAT002:client.ConnectUserAsync(user, "other token")|};
            }
            """), Unity($$"""
            private async void Start()
            {
                {{BothClientsGuardedByArgument}}
                if (!client.IsConnected)
                {
                    _ = client.ConnectUserAsync(user, "other token");
                }

                if (!other.IsConnected)
                {
                    _ = other.ConnectUserAsync(user, "other token");
                }
            }

            void Update()
            {
            }

            void LateUpdate()
            {
            }
            """), Move, FrameworkStubs.Unity);
    }

    [Fact]
    public async Task Fix_all_guards_statements_connecting_two_clients_across_documents()
    {
        const string Radar = """
            using System.Threading.Tasks;
            using Chat.Client;
            using UnityEngine;

            public class Radar : MonoBehaviour
            {
                private readonly ChatClient first = new("key");
                private readonly ChatClient second = new("key");

                void OnGUI() { _ = Task.WhenAll({|CHAT002:first.ConnectUserAsync(new ChatUser("b"), "token")|}, {|CHAT002:second.ConnectUserAsync(new ChatUser("b"), "token")|}); }
            }
            """;
        var test = new Verify.Test(Unity(ConnectBothClients), Unity($$"""
            async void Update()
            {
                {{BothClientsGuardedByArgument}}
            }
            """), Guard).WithStubs(FrameworkStubs.Unity);
        test.TestState.Sources.Add(("/0/Radar.cs", Radar));
        test.FixedState.Sources.Add(("/0/Radar.cs", """
            using System.Threading.Tasks;
            using Chat.Client;
            using UnityEngine;

            public class Radar : MonoBehaviour
            {
                private readonly ChatClient first = new("key");
                private readonly ChatClient second = new("key");

                void OnGUI() { _ = Task.WhenAll(!first.IsConnected ? first.ConnectUserAsync(new ChatUser("b"), "token") : Task.CompletedTask, !second.IsConnected ? second.ConnectUserAsync(new ChatUser("b"), "token") : Task.CompletedTask); }
            }
            """));
        await test.RunAsync(CancellationToken.None);
    }

    // ---- line endings and indentation ----

    [Theory]
    [InlineData("CRLF")]
    [InlineData("tabs")]
    public async Task A_file_keeps_its_line_endings_and_indentation(string layout)
    {
        Func<string, string> inLayout = layout == "CRLF" ? source => source.Replace("\n", "\r\n") : Tabs;
        await Run(inLayout(Unity("""
            async void Update()
            {
                await {|CHAT002:client.ConnectUserAsync(user, "token")|};
            }
            """)), inLayout(Unity(StartConnectingClient("""
            void Update()
            {
            }
            """))), Move, FrameworkStubs.Unity);
        // The one-line block is split: the new line breaks and indentation follow the file.
        await Run(inLayout(Unity("""
            void Update() { _ = {|CHAT002:client.ConnectUserAsync(user, "token")|}; }
            """)), inLayout(Unity("""
            void Update()
            {
                if (!client.IsConnected)
                {
                    _ = client.ConnectUserAsync(user, "token");
                }
            }
            """)), Guard, FrameworkStubs.Unity);
    }

    // ---- broken code ----

    [Theory]
    [InlineData("void Update() { _ = other.ConnectUserAsync(user, \"token\"); _ = client.ConnectUserAsync(user, ; }")]
    [InlineData("async void Update() { await client.ConnectUserAsync(user, \"token\") }")]
    [InlineData("void Update() => _ = client.ConnectUserAsync(user, \"token\")")]
    [InlineData("void Start( { } void Update() { _ = client.ConnectUserAsync(user, \"token\"); }")]
    [InlineData("void Start() => ; void Update() { Missing(); _ = client.ConnectUserAsync(user, \"token\"); }")]
    [InlineData("void Update() { _ = client.ConnectUserAsync(user, \"token\"); } void Update() { _ = other.ConnectUserAsync(user, \"token\"); }")]
    [InlineData("void Update() { var response = client.ConnectUserAsync(user, \"token\"); response. }")]
    [InlineData("void Update() { EnsureChat(); } void EnsureChat() { _ = client.ConnectUserAsync(user, \"token\") }")]
    [InlineData("void Update() { if (!client.IsConnected _ = missing.ConnectUserAsync(user, \"token\"); _ = client.ConnectUserAsync(user, \"token\"); }")]
    public async Task Broken_code_does_not_make_the_fixes_throw(string members)
    {
        await Robustness.AssertFixesDoNotThrowAsync(new RenderConnectAnalyzer(), new RenderConnectFix(), Unity(members), FrameworkStubs.Unity);
    }

    private static FrameworkRow Row(string name) => FrameworkRows.Single(r => r.Name == name);

    /// <summary>Runs the fix on a type of <paramref name="row"/> holding <paramref name="members"/>, with the row's stubs.</summary>
    private static Task Run(FrameworkRow row, string usings, string members, string fixedUsings, string fixedMembers, string key) =>
        Run(Framework(row, usings, members), Framework(row, fixedUsings, fixedMembers), key, row.AspNetCore, row.Stubs);

    private static string Framework(FrameworkRow row, string usings, string members) => $$"""
        {{usings}}

        {{row.TypeHeader}}
        {
        {{Indent(row.Fields)}}

        {{Indent(members)}}
        }
        """;

    /// <summary>The created method's base call, on a line of its own at method-body depth; empty when there is none.</summary>
    private static string BaseCallLine(FrameworkRow row) => row.BaseCall is { } call ? $"    {call}\n" : string.Empty;

    /// <summary>The signature of a <c>void</c> method made <c>async</c> (<c>async</c> goes just before the return type).</summary>
    private static string AsyncVoid(string signature) =>
        System.Text.RegularExpressions.Regex.Replace(signature, @"\bvoid\b", "async void");

    /// <summary>A new <c>async void Start()</c> connecting <c>client</c> under its guard, before <paramref name="emptiedRender"/> (the render method it came from).</summary>
    private static string StartConnectingClient(string emptiedRender) => $$"""
        private async void Start()
        {
            if (!client.IsConnected)
            {
                await client.ConnectUserAsync(user, "token");
            }
        }

        {{emptiedRender}}
        """;

    /// <summary>Runs the fix and also fails on any compiler warning in the fixed code (CI builds treat warnings as errors).</summary>
    private static Task Run(string source, string fixedSource, string key, params string[] stubs) =>
        Run(source, fixedSource, key, aspNetCore: false, stubs);

    private static Task Run(string source, string fixedSource, string key, bool aspNetCore, params string[] stubs)
    {
        var test = new Verify.Test(source, fixedSource, key).WithStubs(stubs);
        if (aspNetCore)
        {
            test.WithAspNetCore();
        }

        test.CompilerDiagnostics = CompilerDiagnostics.Warnings;
        // The harness compiles in documentation mode; public test types have no XML comments.
        test.DisabledDiagnostics.Add("CS1591");
        return test.RunAsync(CancellationToken.None);
    }

    private static string Unity(string members) => $$"""
        using System;
        using System.Threading.Tasks;
        using Chat.Client;
        using UnityEngine;

        public class ChatView : MonoBehaviour
        {
            private readonly ChatClient client = new("key");
            private readonly ChatClient other = new("key");
            private readonly ChatUser user = new("a");
            protected bool ready;

        {{Indent(members)}}
        }
        """;

    private static string Blazor(string members) => $$"""
        using System.Threading.Tasks;
        using Chat.Client;
        using Microsoft.AspNetCore.Components;

        public class ChatPanel : ComponentBase
        {
            [Inject] private IChatClient client { get; set; } = default!;
            private readonly ChatUser user = new("a");
            protected bool ready;

        {{Indent(members)}}
        }
        """;

    /// <summary>Places members at type-body depth (4 spaces), as the formatter writes them; blank lines stay empty.</summary>
    private static string Indent(string members) =>
        System.Text.RegularExpressions.Regex.Replace(members, "^(?=.)", "    ", System.Text.RegularExpressions.RegexOptions.Multiline);

    /// <summary>The same file indented with tabs (4 spaces per level).</summary>
    private static string Tabs(string source) => System.Text.RegularExpressions.Regex.Replace(
        source,
        "^((?:    )+)",
        match => new string('\t', match.Length / 4),
        System.Text.RegularExpressions.RegexOptions.Multiline);
}
