using System;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using ChatUsageAnalyzers.CodeFixes;
using ChatUsageAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;
using Verify = ChatUsageAnalyzers.Tests.Verifiers.ConnectRuleFixVerifier<
    ChatUsageAnalyzers.Tests.Verifiers.Chat005,
    ChatUsageAnalyzers.CodeFixes.RepeatedLifecycleConnectFix>;

namespace ChatUsageAnalyzers.Tests.Fixes;

public class CHAT005_RepeatedLifecycleConnectFixTests
{
    private const string Move = EquivalenceKeys.MoveRepeatedConnectToOncePerInstanceMethod;
    private const string Guard = EquivalenceKeys.GuardRepeatedConnectWithConnectionState;

    // ---- every framework row: the guard wraps in place, the move creates the once method where there is one ----

    /// <summary>One framework row of RULES.md CHAT005: a type with a repeating method and the once method the move creates (null: none).</summary>
    public sealed record FrameworkRow(
        string Name,
        string[] Stubs,
        string Usings,
        string TypeHeader,
        string Fields,
        string Repeating,
        string? Once,
        string? BaseCall = null)
    {
        public bool AspNetCore { get; init; }

        public override string ToString() => Name;
    }

    private static readonly FrameworkRow[] FrameworkRows =
    [
        new("Blazor OnParametersSet", [], "using System.Threading.Tasks;\nusing Chat.Client;\nusing Microsoft.AspNetCore.Components;", "public class ChatPanel : ComponentBase",
            "[Inject] private IChatClient client { get; set; } = default!;", "protected override void OnParametersSet()", Once: null) { AspNetCore = true },
        new("Unity OnEnable", [FrameworkStubs.Unity], "using Chat.Client;\nusing UnityEngine;", "public class ChatView : MonoBehaviour",
            "private readonly ChatClient client = new(\"key\");", "void OnEnable()", "private void Start()"),
        new("Unity OnApplicationFocus", [FrameworkStubs.Unity], "using Chat.Client;\nusing UnityEngine;", "public class ChatView : MonoBehaviour",
            "private readonly ChatClient client = new(\"key\");", "void OnApplicationFocus(bool hasFocus)", "private void Start()"),
        new("Unity OnApplicationPause", [FrameworkStubs.Unity], "using Chat.Client;\nusing UnityEngine;", "public class ChatView : MonoBehaviour",
            "private readonly ChatClient client = new(\"key\");", "void OnApplicationPause(bool pauseStatus)", "private void Start()"),
        new("MAUI OnAppearing", [FrameworkStubs.Maui], "using Chat.Client;\nusing Microsoft.Maui.Controls;", "public class ChatPage : ContentPage",
            "private readonly IChatClient client = new ChatClient(\"key\");", "protected override void OnAppearing()", Once: null),
        new("MAUI OnNavigatedTo", [FrameworkStubs.Maui], "using Chat.Client;\nusing Microsoft.Maui.Controls;", "public class ChatPage : ContentPage",
            "private readonly IChatClient client = new ChatClient(\"key\");", "protected override void OnNavigatedTo(NavigatedToEventArgs args)", Once: null),
        new("WPF Loaded handler", [FrameworkStubs.Wpf], "using System;\nusing System.Windows;\nusing System.Windows.Controls;\nusing Chat.Client;", "public class ChatView : UserControl",
            "private readonly ChatClient client = new(\"key\");\n\npublic ChatView() { Loaded += OnLoaded; }", "private void OnLoaded(object sender, RoutedEventArgs e)",
            "protected override void OnInitialized(EventArgs e)", "base.OnInitialized(e);"),
        new("WPF Window OnActivated", [FrameworkStubs.Wpf], "using System;\nusing System.Windows;\nusing Chat.Client;", "public class ChatWindow : Window",
            "private readonly ChatClient client = new(\"key\");", "protected override void OnActivated(EventArgs e)",
            "protected override void OnInitialized(EventArgs e)", "base.OnInitialized(e);"),
        new("WinForms OnActivated", [FrameworkStubs.WinForms], "using System;\nusing System.Windows.Forms;\nusing Chat.Client;", "public class ChatForm : Form",
            "private readonly ChatClient client = new(\"key\");", "protected override void OnActivated(EventArgs e)", "protected override void OnLoad(EventArgs e)", "base.OnLoad(e);"),
        new("WinForms Activated handler", [FrameworkStubs.WinForms], "using System;\nusing System.Windows.Forms;\nusing Chat.Client;", "public class ChatForm : Form",
            "private readonly ChatClient client = new(\"key\");\n\npublic ChatForm() { Activated += OnFormActivated; }", "private void OnFormActivated(object sender, EventArgs e)",
            "protected override void OnLoad(EventArgs e)", "base.OnLoad(e);"),
        new("WinForms VisibleChanged handler", [FrameworkStubs.WinForms], "using System;\nusing System.Windows.Forms;\nusing Chat.Client;", "public class ChatForm : Form",
            "private readonly ChatClient client = new(\"key\");\n\npublic ChatForm() { VisibleChanged += OnShown; }", "private void OnShown(object sender, EventArgs e)",
            "protected override void OnLoad(EventArgs e)", "base.OnLoad(e);"),
    ];

    /// <summary>The rows whose once method the move writes (Blazor's has its own test: its once method returns a task).</summary>
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

    public static TheoryData<string> RowsWithoutOnceMethod => new(FrameworkRows.Where(r => r.Once is null && !r.AspNetCore).Select(r => r.Name));

    [Theory]
    [MemberData(nameof(AllRows))]
    public async Task The_guard_wraps_the_statement_where_it_is(string name)
    {
        var row = Row(name);
        await Run(row, $$"""
            {{row.Repeating}}
            {
                _ = {|CHAT005:client.ConnectUserAsync(new ChatUser("a"), "token")|};
            }
            """, $$"""
            {{row.Repeating}}
            {
                if (!client.IsConnected)
                {
                    _ = client.ConnectUserAsync(new ChatUser("a"), "token");
                }
            }
            """, Guard);
    }

    [Theory]
    [MemberData(nameof(RowsWithOnceMethod))]
    public async Task The_move_creates_the_once_method_with_the_base_call_async_void_when_the_statement_awaits_and_empties_the_repeating_method(string name, bool awaits)
    {
        var row = Row(name);
        var (prefix, repeating, once) = awaits ? ("await ", AsyncVoid(row.Repeating), AsyncVoid(row.Once!)) : ("_ = ", row.Repeating, row.Once!);
        await Run(row, $$"""
            {{repeating}}
            {
                {{prefix}}{|CHAT005:client.ConnectUserAsync(new ChatUser("a"), "token")|};
            }
            """, $$"""
            {{once}}
            {
            {{BaseCallLine(row)}}    if (!client.IsConnected)
                {
                    {{prefix}}client.ConnectUserAsync(new ChatUser("a"), "token");
                }
            }

            {{row.Repeating}}
            {
            }
            """, Move);
    }

    [Theory]
    [MemberData(nameof(RowsWithoutOnceMethod))]
    public async Task MAUI_pages_have_no_once_method_so_only_the_guard_is_offered(string name)
    {
        var row = Row(name);
        var source = Framework(row, $$"""
            {{row.Repeating}}
            {
                _ = {|CHAT005:client.ConnectUserAsync(new ChatUser("a"), "token")|};
            }
            """);
        await Verify.VerifyNoCodeFixAsync(source, Move, row.Stubs);
    }

    [Fact]
    public async Task Blazor_OnParametersSetAsync_moves_into_a_new_OnInitializedAsync_and_returns_a_completed_task()
    {
        await Run(Blazor("""
            protected override async Task OnParametersSetAsync()
            {
                await {|CHAT005:client.ConnectUserAsync(user, "token")|};
            }
            """), Blazor("""
            protected override async Task OnInitializedAsync()
            {
                if (!client.IsConnected)
                {
                    await client.ConnectUserAsync(user, "token");
                }
            }

            protected override Task OnParametersSetAsync()
            {
                return Task.CompletedTask;
            }
            """), Move, aspNetCore: true);
    }

    [Fact]
    public async Task Blazor_an_existing_OnInitializedAsync_is_appended_to_and_SetParametersAsync_keeps_its_base_call()
    {
        await Run(Blazor("""
            protected override async Task OnInitializedAsync()
            {
                await Task.Yield();
            }

            public override async Task SetParametersAsync(ParameterView parameters)
            {
                await {|CHAT005:client.ConnectUserAsync(user, "token")|};
                await base.SetParametersAsync(parameters);
            }
            """), Blazor("""
            protected override async Task OnInitializedAsync()
            {
                await Task.Yield();
                if (!client.IsConnected)
                {
                    await client.ConnectUserAsync(user, "token");
                }
            }

            public override async Task SetParametersAsync(ParameterView parameters)
            {
                await base.SetParametersAsync(parameters);
            }
            """), Move, aspNetCore: true);
    }

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

                async void OnEnable()
                {
                    await {|CHAT005:_client.ConnectUserAsync(new AuthCredentials("key", "user", "token"))|};
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

                async void OnEnable()
                {
                    if (!_client.IsConnected && !_client.IsConnecting)
                    {
                        await _client.ConnectUserAsync(new AuthCredentials("key", "user", "token"));
                    }
                }
            }
            """, Guard, FrameworkStubs.Unity, FrameworkStubs.StreamChat);
    }

    // ---- lambdas and guards of several statements ----

    [Fact]
    public async Task A_MAUI_window_handler_lambda_gets_a_block_with_the_guard()
    {
        await Run("""
            using Chat.Client;
            using Microsoft.Maui.Controls;

            public class ChatWindows
            {
                private readonly IChatClient client = new ChatClient("key");

                public Window Create()
                {
                    var window = new Window();
                    window.Resumed += (s, e) => _ = {|CHAT005:client.ConnectUserAsync(new ChatUser("a"), "token")|};
                    return window;
                }
            }
            """, """
            using Chat.Client;
            using Microsoft.Maui.Controls;

            public class ChatWindows
            {
                private readonly IChatClient client = new ChatClient("key");

                public Window Create()
                {
                    var window = new Window();
                    window.Resumed += (s, e) =>
                    {
                        if (!client.IsConnected)
                        {
                            _ = client.ConnectUserAsync(new ChatUser("a"), "token");
                        }
                    };
                    return window;
                }
            }
            """, Guard, FrameworkStubs.Maui);
    }

    [Fact]
    public async Task A_declared_result_is_guarded_together_with_the_statements_that_use_it()
    {
        await Run(Unity("""
            async void OnEnable()
            {
                var response = await {|CHAT005:client.ConnectUserAsync(user, "token")|};
                Debug.Log(response.Me);
                ready = true;
            }
            """), Unity("""
            async void OnEnable()
            {
                if (!client.IsConnected)
                {
                    var response = await client.ConnectUserAsync(user, "token");
                    Debug.Log(response.Me);
                }

                ready = true;
            }
            """), Guard, FrameworkStubs.Unity);
    }

    // ---- not offered ----

    [Theory]
    [InlineData("void OnApplicationFocus(bool hasFocus) { if (hasFocus) { _ = {|CHAT005:client.ConnectUserAsync(user, \"token\")|}; } }")]
    [InlineData("void OnApplicationPause(bool pauseStatus) { _ = {|CHAT005:client.ConnectUserAsync(new ChatUser(pauseStatus.ToString()), \"token\")|}; }")]
    [InlineData("async void OnEnable() { var response = await {|CHAT005:client.ConnectUserAsync(user, \"token\")|}; Debug.Log(response.Me); }")]
    [InlineData("void OnEnable() { try { _ = {|CHAT005:client.ConnectUserAsync(user, \"token\")|}; } catch (Exception) { } }")]
    [InlineData("void Start() { var client = 1; Debug.Log(client); } void OnEnable() { _ = {|CHAT005:client.ConnectUserAsync(user, \"token\")|}; }")]
    public async Task The_move_is_not_offered_when_the_statement_depends_on_its_method_or_the_once_method_would_change_its_meaning(string members)
    {
        await Verify.VerifyNoCodeFixAsync(Unity(members), Move, FrameworkStubs.Unity);
    }

    [Fact]
    public async Task The_move_is_not_offered_from_a_handler_lambda()
    {
        await Verify.VerifyNoCodeFixAsync("""
            using System.Windows.Controls;
            using Chat.Client;

            public class ChatView : UserControl
            {
                private readonly ChatClient client = new("key");

                public ChatView() { Loaded += async (s, e) => await {|CHAT005:client.ConnectUserAsync(new ChatUser("a"), "token")|}; }
            }
            """, Move, FrameworkStubs.Wpf);
    }

    [Theory]
    [InlineData("async void OnEnable() { ConnectResponse response; response = await {|CHAT005:client.ConnectUserAsync(user, \"token\")|}; Debug.Log(response.Me); }")]
    [InlineData("void OnEnable() { _ = {|CHAT005:Clients()[0].ConnectUserAsync(user, \"token\")|}; } ChatClient[] Clients() => new[] { client };")]
    public async Task The_guard_is_not_offered_when_skipping_the_statement_would_leave_a_variable_unassigned_or_the_client_is_not_a_stable_path(string members)
    {
        await Verify.VerifyNoCodeFixAsync(Unity(members), Guard, FrameworkStubs.Unity);
    }

    // ---- Fix All ----

    [Fact]
    public async Task Fix_all_moves_the_connects_of_several_repeating_methods_into_one_guard_in_Start()
    {
        await Run(Unity("""
            void OnEnable()
            {
                _ = {|CHAT005:client.ConnectUserAsync(user, "token")|};
            }

            void OnApplicationPause(bool paused)
            {
                _ = {|CHAT005:client.ConnectUserAsync(user, "token")|};
                _ = {|CHAT005:other.ConnectUserAsync(user, "token")|};
            }
            """), Unity("""
            private void Start()
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

            void OnEnable()
            {
            }

            void OnApplicationPause(bool paused)
            {
            }
            """), Move, FrameworkStubs.Unity);
    }

    [Fact]
    public async Task Fix_all_guards_connects_across_documents()
    {
        var test = new Verify.Test(Unity("""
            void OnEnable()
            {
                _ = {|CHAT005:client.ConnectUserAsync(user, "token")|};
                _ = {|CHAT005:other.ConnectUserAsync(user, "token")|};
            }
            """), Unity("""
            void OnEnable()
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
            """), Guard).WithStubs(FrameworkStubs.Unity, FrameworkStubs.Maui);
        test.TestState.Sources.Add(("/0/ChatPage.cs", """
            using Chat.Client;
            using Microsoft.Maui.Controls;

            public class ChatPage : ContentPage
            {
                private readonly IChatClient client = new ChatClient("key");

                protected override void OnAppearing() { base.OnAppearing(); _ = {|CHAT005:client.ConnectUserAsync(new ChatUser("b"), "token")|}; }
            }
            """));
        test.FixedState.Sources.Add(("/0/ChatPage.cs", """
            using Chat.Client;
            using Microsoft.Maui.Controls;

            public class ChatPage : ContentPage
            {
                private readonly IChatClient client = new ChatClient("key");

                protected override void OnAppearing()
                {
                    base.OnAppearing();
                    if (!client.IsConnected)
                    {
                        _ = client.ConnectUserAsync(new ChatUser("b"), "token");
                    }
                }
            }
            """));
        await test.RunAsync(CancellationToken.None);
    }

    // ---- trivia, line endings and indentation ----

    [Fact]
    public async Task Comments_before_and_after_the_statement_are_kept()
    {
        await Run(Unity("""
            async void OnEnable()
            {
                // connect the player
                await {|CHAT005:client.ConnectUserAsync(user, "token")|}; // once is enough
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

            void OnEnable()
            {
            }
            """), Move, FrameworkStubs.Unity);
    }

    [Theory]
    [InlineData("CRLF")]
    [InlineData("tabs")]
    public async Task A_file_keeps_its_line_endings_and_indentation(string layout)
    {
        Func<string, string> inLayout = layout == "CRLF" ? source => source.Replace("\n", "\r\n") : Tabs;
        await Run(inLayout(Unity("""
            async void OnEnable()
            {
                await {|CHAT005:client.ConnectUserAsync(user, "token")|};
            }
            """)), inLayout(Unity("""
            private async void Start()
            {
                if (!client.IsConnected)
                {
                    await client.ConnectUserAsync(user, "token");
                }
            }

            void OnEnable()
            {
            }
            """)), Move, FrameworkStubs.Unity);
        await Run(inLayout(Unity("""
            void OnEnable() { _ = {|CHAT005:client.ConnectUserAsync(user, "token")|}; }
            """)), inLayout(Unity("""
            void OnEnable()
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
    [InlineData("void OnEnable() { _ = other.ConnectUserAsync(user, \"token\"); _ = client.ConnectUserAsync(user, ; }")]
    [InlineData("async void OnEnable() { await client.ConnectUserAsync(user, \"token\") }")]
    [InlineData("void OnEnable() => _ = client.ConnectUserAsync(user, \"token\")")]
    [InlineData("void Start( { } void OnEnable() { _ = client.ConnectUserAsync(user, \"token\"); }")]
    [InlineData("void OnEnable() { _ = client.ConnectUserAsync(user, \"token\"); } void OnEnable() { _ = other.ConnectUserAsync(user, \"token\"); }")]
    [InlineData("void OnApplicationFocus(bool hasFocus { if (hasFocus) _ = client.ConnectUserAsync(user, \"token\"); }")]
    [InlineData("void OnEnable() { var response = client.ConnectUserAsync(user, \"token\"); response. }")]
    public async Task Broken_code_does_not_make_the_fixes_throw(string members)
    {
        await Robustness.AssertFixesDoNotThrowAsync(new ConnectRulesAnalyzer(), new RepeatedLifecycleConnectFix(), Unity(members), FrameworkStubs.Unity);
    }

    private static FrameworkRow Row(string name) => FrameworkRows.Single(r => r.Name == name);

    private static Task Run(FrameworkRow row, string members, string fixedMembers, string key) =>
        Run(Framework(row, members), Framework(row, fixedMembers), key, row.AspNetCore, row.Stubs);

    private static string Framework(FrameworkRow row, string members) => $$"""
        {{row.Usings}}

        {{row.TypeHeader}}
        {
        {{Indent(row.Fields)}}

        {{Indent(members)}}
        }
        """;

    /// <summary>The created method's base call, on a line of its own at method-body depth; empty when there is none.</summary>
    private static string BaseCallLine(FrameworkRow row) => row.BaseCall is { } call ? $"    {call}\n" : string.Empty;

    /// <summary>The signature of a <c>void</c> method made <c>async</c> (<c>async</c> goes just before the return type).</summary>
    private static string AsyncVoid(string signature) => Regex.Replace(signature, @"\bvoid\b", "async void");

    private static Task Run(string source, string fixedSource, string key, params string[] stubs) =>
        Run(source, fixedSource, key, aspNetCore: false, stubs);

    /// <summary>Runs the fix and also fails on any compiler warning in the fixed code (CI builds treat warnings as errors).</summary>
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

        {{Indent(members)}}
        }
        """;

    /// <summary>Places members at type-body depth (4 spaces), as the formatter writes them; blank lines stay empty.</summary>
    private static string Indent(string members) => Regex.Replace(members, "^(?=.)", "    ", RegexOptions.Multiline);

    /// <summary>The same file indented with tabs (4 spaces per level).</summary>
    private static string Tabs(string source) => Regex.Replace(source, "^((?:    )+)", match => new string('\t', match.Length / 4), RegexOptions.Multiline);
}
