using System.Threading.Tasks;
using ChatUsageAnalyzers.Tests.Verifiers;
using Verify = ChatUsageAnalyzers.Tests.Verifiers.ConnectRuleVerifier<ChatUsageAnalyzers.Tests.Verifiers.Chat001>;

namespace ChatUsageAnalyzers.Tests.Rules;

public class CHAT001_LoopConnectTests
{
    [Theory]
    [InlineData("foreach (var id in ids) { await {|CHAT001:client.ConnectUserAsync(new ChatUser(\"a\"), token)|}; }")]
    [InlineData("for (var i = 0; i < 3; i++) { await {|CHAT001:client.ConnectUserAsync(new ChatUser(\"a\"), token)|}; }")]
    [InlineData("while (ids.Length > 0) { await {|CHAT001:client.ConnectUserAsync(new ChatUser(\"a\"), token)|}; }")]
    [InlineData("do { await {|CHAT001:client.ConnectUserAsync(new ChatUser(\"a\"), token)|}; } while (ids.Length > 0);")]
    [InlineData("for (var i = 0; i < 3; {|CHAT001:client.ConnectUserAsync(new ChatUser(\"a\"), token)|}, i++) { }")]
    [InlineData("while ({|CHAT001:client.ConnectUserAsync(new ChatUser(\"a\"), token)|}.IsCompleted) { }")]
    [InlineData("foreach (var id in ids) { if (id.Length > 0) { _ = {|CHAT001:client?.ConnectUserAsync(new ChatUser(\"a\"), token)|}; } }")]
    public async Task Connect_repeated_by_a_loop_statement_is_flagged(string body)
    {
        await Verify.VerifyAnalyzerAsync(Program(body));
    }

    [Theory]
    [InlineData("ids.ToList().ForEach(id => {|CHAT001:client.ConnectUserAsync(new ChatUser(\"a\"), token)|});")]
    [InlineData("Array.ForEach(ids, id => {|CHAT001:client.ConnectUserAsync(new ChatUser(\"a\"), token)|});")]
    [InlineData("await Parallel.ForEachAsync(ids, async (id, ct) => await {|CHAT001:client.ConnectUserAsync(new ChatUser(\"a\"), token, ct)|});")]
    [InlineData("Parallel.For(0, 3, i => {|CHAT001:client.ConnectUserAsync(new ChatUser(\"a\"), token)|}.Wait());")]
    [InlineData("await Task.WhenAll(ids.Select(id => {|CHAT001:client.ConnectUserAsync(new ChatUser(\"a\"), token)|}));")]
    [InlineData("var tasks = Enumerable.Select(ids, async id => await {|CHAT001:client.ConnectUserAsync(new ChatUser(\"a\"), token)|}).ToList();")]
    public async Task Connect_in_an_iteration_method_lambda_is_flagged(string body)
    {
        await Verify.VerifyAnalyzerAsync(Program(body));
    }

    [Theory]
    [InlineData("for (var task = client.ConnectUserAsync(new ChatUser(\"a\"), token); !task.IsCompleted;) { }")]
    [InlineData("foreach (var id in new[] { client.ConnectUserAsync(new ChatUser(\"a\"), token) }) { }")]
    [InlineData("foreach (var id in ids) { Func<Task> later = () => client.ConnectUserAsync(new ChatUser(id), token); }")]
    [InlineData("foreach (var id in ids) { async Task Later() => await client.ConnectUserAsync(new ChatUser(id), token); }")]
    [InlineData("foreach (var id in ids) { _ = Task.Run(() => client.ConnectUserAsync(new ChatUser(id), token)); }")]
    [InlineData("await client.ConnectUserAsync(new ChatUser(\"a\"), token);")]
    public async Task Connect_that_runs_once_is_not_flagged(string body)
    {
        await Verify.VerifyAnalyzerAsync(Program(body));
    }

    [Theory]
    [InlineData("while (!client.IsConnected) { try { await client.ConnectUserAsync(new ChatUser(\"a\"), token); } catch (ChatApiException) { await Task.Delay(1000); } }")]
    [InlineData("while (client.ConnectionState != ConnectionState.Connected) { await client.ConnectUserAsync(new ChatUser(\"a\"), token); }")]
    [InlineData("for (var i = 0; !client.IsConnected && i < 5; i++) { await client.ConnectUserAsync(new ChatUser(\"a\"), token); }")]
    [InlineData("for (var i = 0; i < 5; i++) { try { await client.ConnectUserAsync(new ChatUser(\"a\"), token); break; } catch (ChatApiException) { } }")]
    [InlineData("for (var i = 0; i < 5; i++) { try { await client.ConnectUserAsync(new ChatUser(\"a\"), token); return; } catch (ChatApiException) { } }")]
    [InlineData("foreach (var id in ids) { await client.ConnectUserAsync(new ChatUser(\"a\"), token); throw new InvalidOperationException(); }")]
    public async Task Retry_loops_are_not_flagged(string body)
    {
        await Verify.VerifyAnalyzerAsync(Program(body));
    }

    [Fact]
    public async Task Returning_the_connect_from_a_retry_loop_is_not_flagged()
    {
        await Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            using Chat.Client;

            class Retry
            {
                async Task<ConnectResponse> ConnectAsync(IChatClient client, string token)
                {
                    for (var attempt = 1; ; attempt++)
                    {
                        try
                        {
                            return await client.ConnectUserAsync(new ChatUser("a"), token);
                        }
                        catch (ChatApiException) when (attempt < 3)
                        {
                            await Task.Delay(attempt * 500);
                        }
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task A_state_check_on_another_client_does_not_make_a_retry_loop()
    {
        await Verify.VerifyAnalyzerAsync(Program(
            "var other = new ChatClient(\"key\"); while (!other.IsConnected) { await {|CHAT001:client.ConnectUserAsync(new ChatUser(\"a\"), token)|}; }"));
    }

    [Fact]
    public async Task The_message_names_the_method_and_the_loop()
    {
        await Verify.VerifyAnalyzerAsync(
            Program("foreach (var id in ids) { await client.ConnectUserAsync(new ChatUser(\"a\"), token); }"),
            Verify.Diagnostic("CHAT001").WithSpan(14, 41, 14, 90).WithArguments("ConnectUserAsync", "foreach"));
    }

    [Fact]
    public async Task Stream_sdk_connect_in_a_loop_is_flagged()
    {
        await Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            using StreamChat.Core;
            using StreamChat.Libs.Auth;

            class Importer
            {
                private readonly IStreamChatClient _client = StreamChatClient.CreateDefaultClient();

                async Task RunAsync(string[] users)
                {
                    foreach (var user in users)
                    {
                        await {|CHAT001:_client.ConnectUserAsync(new AuthCredentials("key", "admin", "token"))|};
                    }

                    while (!_client.IsConnected)
                    {
                        await _client.ConnectUserAsync("key", "a", "token");
                    }
                }
            }
            """, [FrameworkStubs.StreamChat]);
    }

    [Fact]
    public async Task Methods_of_other_types_with_the_same_name_are_not_flagged()
    {
        await Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;

            class OtherClient { public Task ConnectUserAsync(string id) => Task.CompletedTask; }

            class Importer
            {
                async Task RunAsync(OtherClient client, string[] ids)
                {
                    foreach (var id in ids) { await client.ConnectUserAsync(id); }
                }
            }
            """);
    }

    [Theory]
    [InlineData("foreach (var id in ids) { await client.ConnectUserAsync(new ChatUser(id), }")]
    [InlineData("foreach (var id in ) { await client.ConnectUserAsync(; }")]
    [InlineData("while (client.IsConnected { await client.ConnectUserAsync(new ChatUser(\"a\"), token) }")]
    [InlineData("foreach (var id in ids) { await missing.ConnectUserAsync(new ChatUser(id), token); }")]
    [InlineData("ids.ForEach(id => client.ConnectUserAsync(id, ));")]
    public async Task Broken_code_does_not_throw(string body)
    {
        await Robustness.AssertAnalyzersDoNotThrowAsync(Program(body));
    }

    [Fact]
    public async Task Razor_generated_components_are_analyzed_and_other_generated_code_is_not()
    {
        const string RazorOutput = """
            // <auto-generated/>
            namespace App.Components
            {
                public partial class Roster
                {
                    private readonly global::Chat.Client.ChatClient client = new("key");

                    private async System.Threading.Tasks.Task LoadAsync(string[] ids)
                    {
                        foreach (var id in ids) { await {|CHAT001:client.ConnectUserAsync(new global::Chat.Client.ChatUser("a"), "token")|}; }
                    }
                }
            }
            """;
        var test = new Verify.Test(RazorOutput);
        test.TestState.Sources.Clear();
        test.TestState.Sources.Add(("/0/Components_Roster_razor.g.cs", RazorOutput));
        test.TestState.Sources.Add(("/0/Generated.g.cs", """
            // <auto-generated/>
            public class GeneratedBridge
            {
                private readonly Chat.Client.ChatClient client = new("key");

                public async System.Threading.Tasks.Task StartAsync(string[] ids)
                {
                    foreach (var id in ids) { await client.ConnectUserAsync(new Chat.Client.ChatUser("a"), "token"); }
                }
            }
            """));
        await test.RunAsync();
    }

    private static string Program(string body) => $$"""
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        using Chat.Client;

        class Sample
        {
            private readonly ChatClient client = new("key");

            async Task RunAsync(string[] ids, string token)
            {
                await Task.Yield();
                {{body}}
            }
        }
        """;
}
