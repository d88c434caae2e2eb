using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ChatUsageAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace ChatUsageAnalyzers.Tests.Rules;

/// <summary>
/// Stream's Unity SDK (<c>StreamChat.Core.IStreamChatClient</c>) in the shapes of Stream's own Unity
/// samples, with every rule of the product running at once: what each shape reports, and that the
/// compliant ones report nothing at all.
/// </summary>
public class StreamUnitySdkTests
{
    private const string Usings = """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using StreamChat.Core;
        using StreamChat.Libs.Auth;
        using UnityEngine;


        """;

    private const string Credentials = "new AuthCredentials(\"api-key\", \"user-id\", \"user-token\")";

    // ---- Created and connected in Awake/Start, without awaiting: fine, but CHAT004 without a disconnect

    [Theory]
    [InlineData("private void Start() { {|CHAT004:_client.ConnectUserAsync(" + Credentials + ")|}; }")]
    [InlineData("private async void Start() { await {|CHAT004:_client.ConnectUserAsync(\"api-key\", \"user-id\", \"user-token\")|}; }")]
    [InlineData("private void Start() { _ = {|CHAT004:_client.ConnectUserAsync(\"api-key\", \"user-id\", new Tokens())|}; }")]
    public async Task A_runner_that_connects_on_start_and_never_disconnects_reports_only_CHAT004(string start)
    {
        await AllRules($$"""
            public class ChatRunner : MonoBehaviour
            {
                private IStreamChatClient _client;

                private void Awake() => _client = StreamChatClient.CreateDefaultClient();

                {{start}}
            }

            public class Tokens : ITokenProvider { public Task<string> GetTokenAsync(string userId) => Task.FromResult("token"); }
            """);
    }

    [Theory]
    [InlineData("private void OnDestroy() { _client.DisconnectUserAsync(); }")]
    [InlineData("private async void OnDestroy() { await _client.DisconnectUserAsync(); }")]
    [InlineData("private void OnDestroy() => _client.Dispose();")]
    [InlineData("private void OnApplicationQuit() { _client?.Dispose(); }")]
    public async Task A_runner_that_disconnects_in_OnDestroy_reports_nothing(string teardown)
    {
        await AllRules($$"""
            public class ChatRunner : MonoBehaviour
            {
                private IStreamChatClient _client;

                private void Awake()
                {
                    _client = StreamChatClient.CreateDefaultClient();
                    _client.ConnectUserAsync({{Credentials}});
                }

                {{teardown}}
            }
            """);
    }

    // ---- A reconnect attempt in Update, gated on the client's state: not CHAT002 (one socket at a time)

    [Theory]
    [InlineData("if (_client.ConnectionState == ConnectionState.Disconnected) { _client.ConnectUserAsync(_credentials); }")]
    [InlineData("if (!_client.IsConnected && !_client.IsConnecting) _client.ConnectUserAsync(_credentials);")]
    [InlineData("if (_client.IsConnected || _client.IsConnecting) { return; } _client.ConnectUserAsync(_credentials);")]
    public async Task A_reconnect_in_Update_gated_on_the_connection_state_reports_nothing(string update)
    {
        await AllRules(Runner($"private void Update() {{ {update} }}"));
    }

    [Theory]
    [InlineData("{|CHAT002:_client.ConnectUserAsync(_credentials)|};")]
    [InlineData("if (_other.ConnectionState == ConnectionState.Disconnected) { {|CHAT002:_client.ConnectUserAsync(_credentials)|}; }")]
    [InlineData("if (Time.frameCount % 600 == 0) { {|CHAT002:_client.ConnectUserAsync(_credentials)|}; }")]
    public async Task A_reconnect_in_Update_not_gated_on_the_same_clients_state_is_CHAT002(string update)
    {
        await AllRules(Runner($"private void Update() {{ {update} }}"));
    }

    [Fact]
    public async Task The_CHAT002_message_names_the_Stream_call_and_the_Unity_once_point()
    {
        await AllRules(
            Runner("private void LateUpdate() { {|#0:_client.ConnectUserAsync(\"api-key\", \"user-id\", \"user-token\")|}; }"),
            new DiagnosticResult(Descriptors.CHAT002_ConnectInRenderMethod).WithLocation(0)
                .WithArguments("ConnectUserAsync", "frame", "'LateUpdate'", "Unity", "connect once in 'Start'"));
    }

    // ---- Enable/disable pairs: guarded connect in OnEnable, disconnect in OnDisable

    [Fact]
    public async Task A_guarded_connect_in_OnEnable_with_a_disconnect_in_OnDisable_reports_nothing()
    {
        await AllRules("""
            public class ChatPanel : MonoBehaviour
            {
                private readonly IStreamChatClient _client = StreamChatClient.CreateDefaultClient();

                private async void OnEnable()
                {
                    if (_client.IsConnected || _client.IsConnecting) { return; }
                    await _client.ConnectUserAsync("api-key", "user-id", "user-token");
                }

                private async void OnDisable() => await _client.DisconnectUserAsync();
            }
            """);
    }

    // ---- Every overload is a connect

    [Fact]
    public async Task Each_ConnectUserAsync_overload_in_a_loop_is_CHAT001()
    {
        await AllRules("""
            public class Warmup
            {
                public async Task RunAsync(IStreamChatClient client, ITokenProvider tokens, AuthCredentials credentials, List<string> channels)
                {
                    for (var i = 0; i < 3; i++) { await {|CHAT001:client.ConnectUserAsync("api-key", "user-id", tokens)|}; }
                    for (var i = 0; i < 3; i++) { await {|CHAT001:client.ConnectUserAsync("api-key", "user-id", "user-token")|}; }
                    foreach (var channel in channels) { await {|CHAT001:client.ConnectUserAsync(credentials)|}; }
                }
            }
            """);
    }

    /// <summary>A Stream sample's runner: created in Awake, connected in Start, disconnected in OnDestroy, plus <paramref name="member"/>.</summary>
    private static string Runner(string member) => $$"""
        public class ChatRunner : MonoBehaviour
        {
            private readonly AuthCredentials _credentials = {{Credentials}};
            private IStreamChatClient _client;
            private IStreamChatClient _other;

            private void Awake()
            {
                _client = StreamChatClient.CreateDefaultClient();
                _other = StreamChatClient.CreateDefaultClient();
            }

            private void Start() => _client.ConnectUserAsync(_credentials);

            {{member}}

            private void OnDestroy() => _client.DisconnectUserAsync();
        }

        public static class Time { public static int frameCount => 0; }
        """;

    private static Task AllRules(string source, params DiagnosticResult[] expected)
    {
        var test = new AllRulesTest(Usings + source);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    /// <summary>Every analyzer of the product on one Unity project with Stream's SDK (and no reference client).</summary>
    private sealed class AllRulesTest : CSharpAnalyzerTest<ConnectRulesAnalyzer, DefaultVerifier>
    {
        public AllRulesTest(string source)
        {
            TestCode = source;
            ReferenceAssemblies = TestReferences.Net10;
            FrameworkStubs.AddTo(TestState, [FrameworkStubs.Unity, FrameworkStubs.StreamChat]);
        }

        protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => Robustness.AllAnalyzers;
    }
}
