using System.Threading.Tasks;
using ChatUsageAnalyzers.Tests.Verifiers;
using Verify = ChatUsageAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<ChatUsageAnalyzers.ClientCreationAnalyzer>;

namespace ChatUsageAnalyzers.Tests.Rules;

public class CHAT006_ClientCreationTests
{
    // ---- DI registrations ----

    [Theory]
    [InlineData("{|CHAT006:services.AddTransient<IChatClient, ChatClient>()|};")]
    [InlineData("{|CHAT006:services.AddTransient<ChatClient>()|};")]
    [InlineData("{|CHAT006:services.AddTransient(typeof(IChatClient), typeof(ChatClient))|};")]
    [InlineData("{|CHAT006:services.AddTransient(typeof(ChatClient))|};")]
    [InlineData("{|CHAT006:services.AddTransient<IChatClient>(sp => new ChatClient(\"key\"))|};")]
    [InlineData("{|CHAT006:services.AddTransient(sp => new ChatClient(\"key\"))|};")]
    [InlineData("{|CHAT006:services.AddTransient<IChatClient, ChatClient>(sp => new ChatClient(\"key\"))|};")]
    [InlineData("{|CHAT006:services.AddTransient(typeof(IChatClient), sp => new ChatClient(\"key\"))|};")]
    [InlineData("{|CHAT006:services.AddTransient<IChatClient>(sp => sp.GetService<ChatClient>() ?? new ChatClient(\"key\"))|};")]
    [InlineData("{|CHAT006:ServiceCollectionServiceExtensions.AddTransient<IChatClient, ChatClient>(services)|};")]
    [InlineData("{|CHAT006:services.AddSingleton<Importer>().AddTransient<IChatClient, ChatClient>()|};")]
    public async Task A_transient_registration_of_a_client_is_flagged(string body)
    {
        await Registrations(body).RunAsync();
    }

    [Theory]
    [InlineData("services.AddSingleton<IChatClient, ChatClient>();")]
    [InlineData("services.AddSingleton<IChatClient>(sp => new ChatClient(\"key\"));")]
    [InlineData("services.AddSingleton(typeof(IChatClient), typeof(ChatClient));")]
    [InlineData("services.AddScoped<IChatClient, ChatClient>();")]
    [InlineData("services.AddScoped(sp => new ChatClient(\"key\"));")]
    [InlineData("services.AddScoped(typeof(ChatClient));")]
    [InlineData("services.AddChatClient(\"key\");")]
    [InlineData("services.AddTransient<Importer>();")]
    [InlineData("services.AddTransient(typeof(Importer), typeof(Importer));")]
    [InlineData("services.AddTransient(sp => new ChatServerClient(\"key\", \"secret\"));")]
    [InlineData("services.AddSingleton<ChatClient>(sp => new ChatClient(\"key\")); services.AddTransient<IChatClient>(sp => sp.GetRequiredService<ChatClient>());")]
    [InlineData("services.AddTransient(typeof(IChatClient), sp => { return sp.GetService(typeof(ChatClient))!; });")]
    public async Task Other_lifetimes_and_other_types_are_not_flagged(string body)
    {
        await Registrations(body).RunAsync();
    }

    [Fact]
    public async Task A_target_typed_creation_in_one_partial_part_of_a_field_declared_in_another_is_flagged()
    {
        // The part that creates the client never spells its type: the pre-filter reads every part of the type.
        var test = new Verify.Test("""
            using System.Collections.Generic;

            public partial class Pollers
            {
                public void Refresh(List<string> keys)
                {
                    foreach (var key in keys)
                    {
                        _client = {|CHAT006:new(key)|};
                    }
                }
            }
            """);
        test.TestState.Sources.Add(("/0/Pollers.Fields.cs", """
            public partial class Pollers
            {
                private Chat.Client.ChatClient? _client;
            }
            """));
        await test.RunAsync();
    }

    [Fact]
    public async Task A_registration_in_top_level_statements_is_flagged()
    {
        var test = new Verify.Test("""
            using Chat.Client;
            using Microsoft.Extensions.DependencyInjection;

            var services = new ServiceCollection();
            {|CHAT006:services.AddTransient<IChatClient, ChatClient>()|};
            services.AddSingleton<ChatServerClient>(_ => new ChatServerClient("key", "secret"));
            """).WithAspNetCore();
        test.TestState.OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication;
        await test.RunAsync();
    }

    [Fact]
    public async Task A_same_named_registration_method_of_another_type_is_not_flagged()
    {
        await new Verify.Test("""
            using Chat.Client;

            static class Registry { public static void AddTransient<T>(this string name) { } }

            class Startup
            {
                void Configure() => "chat".AddTransient<IChatClient>();
            }
            """).WithAspNetCore().RunAsync();
    }

    [Fact]
    public async Task A_transient_Stream_client_registration_is_flagged()
    {
        await new Verify.Test("""
            using Microsoft.Extensions.DependencyInjection;
            using StreamChat.Core;

            static class Startup
            {
                static void Configure(IServiceCollection services)
                {
                    {|CHAT006:services.AddTransient(sp => StreamChatClient.CreateDefaultClient())|};
                    services.AddSingleton(sp => StreamChatClient.CreateDefaultClient());
                }
            }
            """).WithStubs(FrameworkStubs.StreamChat).WithAspNetCore().RunAsync();
    }

    [Fact]
    public async Task The_registration_message_names_the_method_the_client_and_the_fix()
    {
        var test = Registrations("{|#0:services.AddTransient<IChatClient, ChatClient>()|};");
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("CHAT006").WithLocation(0)
            .WithArguments("AddTransient", "IChatClient", "on every resolution", "register it with 'AddSingleton'"));
        await test.RunAsync();
    }

    // ---- creation in loops ----

    [Theory]
    [InlineData("foreach (var id in ids) { using var client = {|CHAT006:new ChatClient(\"key\")|}; }")]
    [InlineData("for (var i = 0; i < 3; i++) { ChatClient client = {|CHAT006:new(\"key\")|}; }")]
    [InlineData("while (ids.Length > 0) { var client = {|CHAT006:new ChatClient(\"key\")|}; }")]
    [InlineData("do { var client = {|CHAT006:new ChatClient(\"key\")|}; } while (ids.Length > 0);")]
    [InlineData("ids.ToList().ForEach(id => {|CHAT006:new ChatClient(\"key\")|}.Dispose());")]
    [InlineData("var clients = ids.Select(id => {|CHAT006:new ChatClient(\"key\")|}).ToList();")]
    [InlineData("foreach (var id in ids) { await using var client = {|CHAT006:new ChatClient(\"key\", new ChatClientOptions())|}; await client.ConnectUserAsync(new ChatUser(id), token); }")]
    public async Task A_client_created_in_a_loop_is_flagged(string body)
    {
        await Verify.VerifyAnalyzerAsync(Program(body));
    }

    [Theory]
    [InlineData("var client = new ChatClient(\"key\"); foreach (var id in ids) { await client.ConnectUserAsync(new ChatUser(id), token); }")]
    [InlineData("for (var client = new ChatClient(\"key\"); !client.IsConnected;) { await client.ConnectUserAsync(new ChatUser(\"a\"), token); }")]
    [InlineData("foreach (var client in new[] { new ChatClient(\"key\") }) { }")]
    [InlineData("ChatClient? client = null; foreach (var id in ids) { client ??= new ChatClient(\"key\"); }")]
    [InlineData("ChatClient? client = null; foreach (var id in ids) { if (client == null) { client = new ChatClient(\"key\"); } }")]
    [InlineData("ChatClient? client = null; foreach (var id in ids) { if (client is not null) continue; client = new ChatClient(\"key\"); }")]
    [InlineData("foreach (var id in ids) { Func<ChatClient> later = () => new ChatClient(\"key\"); }")]
    [InlineData("foreach (var id in ids) { ChatClient Later() => new ChatClient(\"key\"); }")]
    [InlineData("foreach (var id in ids) { var server = new ChatServerClient(\"key\", \"secret\"); }")]
    public async Task A_client_created_once_is_not_flagged(string body)
    {
        await Verify.VerifyAnalyzerAsync(Program(body));
    }

    [Fact]
    public async Task A_null_check_of_another_variable_does_not_make_a_creation_lazy()
    {
        await Verify.VerifyAnalyzerAsync(Program(
            "ChatClient? client = null; string? other = null; foreach (var id in ids) { if (other == null) { client = {|CHAT006:new ChatClient(\"key\")|}; } }"));
    }

    [Fact]
    public async Task The_loop_message_names_the_creation_and_the_loop()
    {
        await Verify.VerifyAnalyzerAsync(
            Program("foreach (var id in ids) { using var client = {|#0:new ChatClient(\"key\")|}; }"),
            Verify.Diagnostic("CHAT006").WithLocation(0)
                .WithArguments("new ChatClient", "ChatClient", "on every iteration of this 'foreach' loop", "create it once, before the loop, and reuse it"));
    }

    [Fact]
    public async Task A_Stream_client_created_in_a_loop_is_flagged()
    {
        await Verify.VerifyAnalyzerAsync("""
            using StreamChat.Core;
            using StreamChat.Libs.Auth;

            class LoadTest
            {
                private IStreamChatClient? _shared;

                void Run(string[] users)
                {
                    foreach (var user in users)
                    {
                        var client = {|#0:StreamChatClient.CreateDefaultClient()|};
                        _ = client.ConnectUserAsync(new AuthCredentials("key", user, "token"));
                        _shared ??= StreamChatClient.CreateDefaultClient();
                    }
                }
            }
            """,
            [FrameworkStubs.StreamChat],
            Verify.Diagnostic("CHAT006").WithLocation(0)
                .WithArguments("StreamChatClient.CreateDefaultClient", "IStreamChatClient", "on every iteration of this 'foreach' loop", "create it once, before the loop, and reuse it"));
    }

    // ---- render / per-frame and repeating lifecycle methods ----

    [Theory]
    [InlineData("void Update() { _client = {|CHAT006:new ChatClient(\"key\")|}; }")]
    [InlineData("void LateUpdate() { _client = {|CHAT006:new ChatClient(\"key\")|}; }")]
    [InlineData("void OnGUI() { using var client = {|CHAT006:new ChatClient(\"key\")|}; }")]
    [InlineData("void OnEnable() { _client = {|CHAT006:new ChatClient(\"key\")|}; }")]
    [InlineData("void OnApplicationFocus(bool hasFocus) { _client = {|CHAT006:new ChatClient(\"key\")|}; }")]
    [InlineData("void OnApplicationPause(bool paused) { _client = {|CHAT006:new ChatClient(\"key\")|}; }")]
    public async Task A_client_created_in_a_Unity_per_frame_or_repeating_message_is_flagged(string member)
    {
        await Verify.VerifyAnalyzerAsync(Unity(member), [FrameworkStubs.Unity]);
    }

    [Theory]
    [InlineData("void Awake() { _client = new ChatClient(\"key\"); }")]
    [InlineData("void Start() { _client = new ChatClient(\"key\"); }")]
    [InlineData("void Update() { _client ??= new ChatClient(\"key\"); }")]
    [InlineData("void Update() { if (_client == null) _client = new ChatClient(\"key\"); }")]
    [InlineData("void Update() { if (_client != null) { return; } _client = new ChatClient(\"key\"); }")]
    [InlineData("void Update(int frame) { _client = new ChatClient(\"key\"); }")]
    [InlineData("static void Update() { _ = new ChatClient(\"key\"); }")]
    [InlineData("void Update() { System.Func<ChatClient> later = () => new ChatClient(\"key\"); }")]
    public async Task A_Unity_client_created_once_per_instance_is_not_flagged(string member)
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
                private ChatClient? _client;
                void Update() { _client = new ChatClient("key"); }
            }
            """, [FrameworkStubs.Unity]);
    }

    [Fact]
    public async Task The_render_message_names_the_method_the_framework_and_the_once_point()
    {
        await Verify.VerifyAnalyzerAsync(
            Unity("void Update() { _client = {|#0:new ChatClient(\"key\")|}; }"),
            [FrameworkStubs.Unity],
            Verify.Diagnostic("CHAT006").WithLocation(0)
                .WithArguments("new ChatClient", "ChatClient", "on every frame in 'Update' (Unity)", "create it once per instance, in a field or in 'Start'"));
    }

    [Fact]
    public async Task The_repeating_message_says_how_often_the_method_runs()
    {
        await Verify.VerifyAnalyzerAsync(
            Unity("void OnEnable() { _client = {|#0:new ChatClient(\"key\")|}; }"),
            [FrameworkStubs.Unity],
            Verify.Diagnostic("CHAT006").WithLocation(0)
                .WithArguments("new ChatClient", "ChatClient", "every time 'OnEnable' runs (Unity)", "create it once per instance, in a field or in 'Start'"));
    }

    [Theory]
    [InlineData("protected override void BuildRenderTree(RenderTreeBuilder builder) { _client = {|CHAT006:new ChatClient(\"key\")|}; }")]
    [InlineData("protected override async Task OnAfterRenderAsync(bool firstRender) { _client = {|CHAT006:new ChatClient(\"key\")|}; await Task.Yield(); }")]
    [InlineData("protected override void OnAfterRender(bool firstRender) { if (!firstRender) { _client = {|CHAT006:new ChatClient(\"key\")|}; } }")]
    [InlineData("protected override void OnParametersSet() { _client = {|CHAT006:new ChatClient(\"key\")|}; }")]
    [InlineData("protected override Task OnParametersSetAsync() { _client = {|CHAT006:new ChatClient(\"key\")|}; return Task.CompletedTask; }")]
    [InlineData("public override Task SetParametersAsync(ParameterView parameters) { _client = {|CHAT006:new ChatClient(\"key\")|}; return base.SetParametersAsync(parameters); }")]
    public async Task A_client_created_in_a_Blazor_render_or_repeating_method_is_flagged(string member)
    {
        await Blazor(member).RunAsync();
    }

    [Theory]
    [InlineData("protected override void OnInitialized() { _client = new ChatClient(\"key\"); }")]
    [InlineData("protected override Task OnInitializedAsync() { _client = new ChatClient(\"key\"); return Task.CompletedTask; }")]
    [InlineData("protected override void OnAfterRender(bool firstRender) { if (firstRender) { _client = new ChatClient(\"key\"); } }")]
    [InlineData("protected override async Task OnAfterRenderAsync(bool firstRender) { if (!firstRender) return; _client = new ChatClient(\"key\"); await Task.Yield(); }")]
    public async Task A_Blazor_client_created_once_per_component_is_not_flagged(string member)
    {
        await Blazor(member).RunAsync();
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
                    private global::Chat.Client.ChatClient _client;

                    protected override void OnParametersSet()
                    {
                        _client = {|CHAT006:new global::Chat.Client.ChatClient("key")|};
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
                    private global::Chat.Client.ChatClient _client;

                    protected override void OnParametersSet()
                    {
                        _client = new global::Chat.Client.ChatClient("key");
                    }
                }
            }
            """));
        await test.RunAsync();
    }

    [Fact]
    public async Task Other_frameworks_render_and_repeating_methods_are_flagged()
    {
        await Verify.VerifyAnalyzerAsync("""
            using Chat.Client;

            public class Game1 : Microsoft.Xna.Framework.Game
            {
                private ChatClient? _client;
                protected override void Initialize() { _client = new ChatClient("key"); }
                protected override void Draw(Microsoft.Xna.Framework.GameTime gameTime) { _client = {|CHAT006:new ChatClient("key")|}; }
            }

            public class Avatar : Godot.Node2D
            {
                private ChatClient? _client;
                public override void _Ready() { _client = new ChatClient("key"); }
                public override void _Process(double delta) { _client = {|CHAT006:new ChatClient("key")|}; }
            }

            public class Badge : System.Windows.Controls.UserControl
            {
                private ChatClient? _client;
                protected override void OnRender(System.Windows.Media.DrawingContext drawingContext) { _client = {|CHAT006:new ChatClient("key")|}; }
            }

            public class ChatWindow : System.Windows.Window
            {
                private ChatClient? _client;
                protected override void OnActivated(System.EventArgs e) { _client = {|CHAT006:new ChatClient("key")|}; }
            }

            public class ChatForm : System.Windows.Forms.Form
            {
                private ChatClient? _client;
                protected override void OnLoad(System.EventArgs e) { _client = new ChatClient("key"); }
                protected override void OnActivated(System.EventArgs e) { _client = {|CHAT006:new ChatClient("key")|}; }
            }

            public class ChatPanel : Avalonia.Controls.UserControl
            {
                private ChatClient? _client;
                public override void Render(Avalonia.Media.DrawingContext context) { _client = {|CHAT006:new ChatClient("key")|}; }
            }

            public class ChatPage : Microsoft.Maui.Controls.ContentPage
            {
                private ChatClient? _client;
                public ChatPage() { _client = new ChatClient("key"); }
                protected override void OnAppearing() { _client = {|CHAT006:new ChatClient("key")|}; }
                protected override void OnNavigatedTo(Microsoft.Maui.Controls.NavigatedToEventArgs args) { _client = {|CHAT006:new ChatClient("key")|}; }
            }

            public class UnreadGauge : Microsoft.Maui.Graphics.IDrawable
            {
                private ChatClient? _client;
                public void Draw(Microsoft.Maui.Graphics.ICanvas canvas, Microsoft.Maui.Graphics.RectF dirtyRect) { _client = {|CHAT006:new ChatClient("key")|}; }
            }
            """, [FrameworkStubs.MonoGame, FrameworkStubs.Godot, FrameworkStubs.Wpf, FrameworkStubs.WinForms, FrameworkStubs.Avalonia, FrameworkStubs.Maui]);
    }

    [Fact]
    public async Task A_client_created_in_a_handler_of_a_per_frame_or_repeating_event_is_flagged()
    {
        await Verify.VerifyAnalyzerAsync("""
            using System;
            using System.Windows;
            using System.Windows.Media;
            using Chat.Client;

            public class ChatBadge : System.Windows.Controls.UserControl
            {
                private ChatClient? _client;

                public ChatBadge()
                {
                    Loaded += (s, e) => _client = {|CHAT006:new ChatClient("key")|};
                    Loaded += OnLoaded;
                    Loaded += OnLoadedOnce;
                    CompositionTarget.Rendering += OnRendering;
                    Unloaded += OnUnloaded;
                }

                private void OnLoaded(object sender, RoutedEventArgs e) { _client = {|#0:new ChatClient("key")|}; }

                private void OnLoadedOnce(object sender, RoutedEventArgs e)
                {
                    Loaded -= OnLoadedOnce;
                    _client = new ChatClient("key");
                }

                private void OnRendering(object? sender, EventArgs e) { _client = {|CHAT006:new ChatClient("key")|}; }

                private void OnUnloaded(object sender, RoutedEventArgs e) { _client = new ChatClient("key"); }

                private void NotSubscribed(object sender, RoutedEventArgs e) { _client = new ChatClient("key"); }
            }

            public class ChatForm : System.Windows.Forms.Form
            {
                private ChatClient? _client;

                public ChatForm()
                {
                    Paint += (s, e) => _client = {|CHAT006:new ChatClient("key")|};
                    Activated += (s, e) => _client = {|CHAT006:new ChatClient("key")|};
                    Click += (s, e) => _client = new ChatClient("key");
                }

                public event EventHandler? Click;
            }
            """,
            [FrameworkStubs.Wpf, FrameworkStubs.WinForms],
            Verify.Diagnostic("CHAT006").WithLocation(0)
                .WithArguments("new ChatClient", "ChatClient", "every time 'OnLoaded' (a 'Loaded' handler) runs (WPF)", "create it once per instance, in a field or in 'OnInitialized'"));
    }

    [Fact]
    public async Task A_registration_in_top_level_statements_is_flagged_when_framework_events_are_referenced()
    {
        var test = new Verify.Test("""
            using Chat.Client;
            using Microsoft.Extensions.DependencyInjection;

            var services = new ServiceCollection();
            {|CHAT006:services.AddTransient<IChatClient, ChatClient>()|};
            foreach (var name in args) { using var client = {|CHAT006:new ChatClient(name)|}; }
            """).WithStubs(FrameworkStubs.Wpf).WithAspNetCore();
        test.TestState.OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication;
        await test.RunAsync();
    }

    [Fact]
    public async Task A_Stream_client_created_in_Update_is_flagged_and_one_created_in_Awake_is_not()
    {
        await Verify.VerifyAnalyzerAsync("""
            using StreamChat.Core;
            using UnityEngine;

            public class ChatRunner : MonoBehaviour
            {
                private IStreamChatClient? _client;
                private IStreamChatClient? _extra;

                void Awake() { _client = StreamChatClient.CreateDefaultClient(); }
                void Update() { _extra = {|CHAT006:StreamChatClient.CreateDefaultClient()|}; }
            }
            """, [FrameworkStubs.Unity, FrameworkStubs.StreamChat]);
    }

    [Fact]
    public async Task Code_without_the_dependency_injection_abstractions_is_analyzed_for_creations()
    {
        await Verify.VerifyAnalyzerAsync(Program("while (ids.Length > 0) { var client = {|CHAT006:new ChatClient(\"key\")|}; }"));
    }

    [Theory]
    [InlineData("foreach (var id in ids) { var client = new ChatClient(; }")]
    [InlineData("foreach (var id in ids) { var client = new Missing(\"key\"); }")]
    [InlineData("services.AddTransient<Missing, ChatClient>();")]
    [InlineData("services.AddTransient(typeof(), typeof(ChatClient));")]
    [InlineData("services.AddTransient(typeof(IChatClient), );")]
    [InlineData("services.AddTransient<IChatClient>(sp => new ChatClient());")]
    [InlineData("foreach (var id in ids) { client ??= new ChatClient(\"key\"); }")]
    public async Task Broken_code_does_not_throw(string body)
    {
        await Robustness.AssertAnalyzersDoNotThrowAsync(RegistrationsSource(body));
        await Robustness.AssertAnalyzersDoNotThrowAsync(Program(body));
    }

    [Fact]
    public async Task Broken_lifecycle_code_does_not_throw()
    {
        await Robustness.AssertAnalyzersDoNotThrowAsync(
            Unity("void Update() { _client = new ChatClient(\"key\" } void OnEnable( { _client ??= new(); } void Update() { }"),
            FrameworkStubs.Unity);
    }

    private static Verify.Test Registrations(string body) => new Verify.Test(RegistrationsSource(body)).WithAspNetCore();

    private static string RegistrationsSource(string body) => $$"""
        using Chat.Client;
        using Microsoft.Extensions.DependencyInjection;

        class Importer { }

        static class Startup
        {
            static void Configure(IServiceCollection services)
            {
                {{body}}
            }
        }
        """;

    private static string Program(string body) => $$"""
        using System;
        using System.Linq;
        using System.Threading.Tasks;
        using Chat.Client;

        class Sample
        {
            async Task RunAsync(string[] ids, string token)
            {
                await Task.Yield();
                {{body}}
            }
        }
        """;

    private static string Unity(string members) => $$"""
        using Chat.Client;
        using UnityEngine;

        public class ChatHud : MonoBehaviour
        {
            private ChatClient? _client;

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
            private ChatClient? _client;

            {{members}}
        }
        """).WithAspNetCore();
}
