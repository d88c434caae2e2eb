using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ChatUsageAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using LoopVerify = ChatUsageAnalyzers.Tests.Verifiers.ConnectRuleVerifier<ChatUsageAnalyzers.Tests.Verifiers.Chat001>;
using Verify = ChatUsageAnalyzers.Tests.Verifiers.ConnectRuleVerifier<ChatUsageAnalyzers.Tests.Verifiers.Chat007>;

namespace ChatUsageAnalyzers.Tests.Rules;

public class CHAT007_UserImportTests
{
    [Theory]
    [InlineData("foreach (var id in ids) { await {|CHAT007:client.ConnectUserAsync(new ChatUser(id), token)|}; }")]
    [InlineData("foreach (var user in users) { await {|CHAT007:client.ConnectUserAsync(user, token)|}; }")]
    [InlineData("foreach (var user in users) { await {|CHAT007:client.ConnectUserAsync(user, ChatClient.DevToken(user.Id))|}; await client.DisconnectUserAsync(); }")]
    [InlineData("for (var i = 0; i < ids.Length; i++) { await {|CHAT007:client.ConnectUserAsync(new ChatUser(ids[i]), token)|}; }")]
    [InlineData("for (var i = 0; i < 100; i++) { await {|CHAT007:client.ConnectUserAsync(new ChatUser($\"load-{i}\"), token)|}; }")]
    [InlineData("foreach (var row in ids) { var id = row.Trim(); var next = new ChatUser(id); await {|CHAT007:client.ConnectUserAsync(next, token)|}; }")]
    [InlineData("foreach (var row in ids) { ChatUser next; next = new ChatUser(row); await {|CHAT007:client.ConnectUserAsync(next, token)|}; }")]
    [InlineData("foreach (var (id, name) in ids.Select(id => (id, id.ToUpperInvariant()))) { await {|CHAT007:client.ConnectUserAsync(new ChatUser(id) { Name = name }, token)|}; }")]
    [InlineData("foreach (var pair in ids.Select(id => (id, 1))) { var (id, _) = pair; await {|CHAT007:client.ConnectUserAsync(new ChatUser(id), token)|}; }")]
    [InlineData("foreach (var id in ids) { if (id.Length > 0) { _ = {|CHAT007:client?.ConnectUserAsync(new ChatUser(id), token)|}; } }")]
    [InlineData("foreach (var team in teams) { foreach (var attempt in new[] { 1, 2 }) { await {|CHAT007:client.ConnectUserAsync(new ChatUser(team), token)|}; } }")]
    [InlineData("foreach (var id in ids) { await {|CHAT007:client.ConnectUserAsync(user: new ChatUser(id), token: token)|}; }")]
    public async Task A_connect_whose_user_comes_from_the_loop_is_flagged(string body)
    {
        await Verify.VerifyAnalyzerAsync(Program(body));
    }

    [Theory]
    [InlineData("ids.ToList().ForEach(id => {|CHAT007:client.ConnectUserAsync(new ChatUser(id), token)|});")]
    [InlineData("Array.ForEach(users, u => {|CHAT007:client.ConnectUserAsync(u, token)|}.Wait());")]
    [InlineData("await Parallel.ForEachAsync(ids, async (id, ct) => await {|CHAT007:client.ConnectUserAsync(new ChatUser(id), token, ct)|});")]
    [InlineData("Parallel.For(0, ids.Length, i => {|CHAT007:client.ConnectUserAsync(new ChatUser(ids[i]), token)|}.Wait());")]
    [InlineData("await Task.WhenAll(ids.Select(id => {|CHAT007:client.ConnectUserAsync(new ChatUser(id), token)|}));")]
    [InlineData("await Task.WhenAll(users.Select(async u => { var copy = u; await {|CHAT007:client.ConnectUserAsync(copy, token)|}; }));")]
    public async Task A_connect_whose_user_comes_from_an_iteration_lambda_is_flagged(string body)
    {
        await Verify.VerifyAnalyzerAsync(Program(body));
    }

    [Theory]
    [InlineData("foreach (var id in ids) { await client.ConnectUserAsync(new ChatUser(\"a\"), token); }")]
    [InlineData("foreach (var id in ids) { await client.ConnectUserAsync(users[0], id); }")]
    [InlineData("foreach (var id in ids) { token = id; await client.ConnectUserAsync(users[0], token); }")]
    [InlineData("var i = 0; while (i < users.Length) { await client.ConnectUserAsync(users[i], token); i++; }")]
    [InlineData("ids.ToList().ForEach(id => client.ConnectUserAsync(users[0], token));")]
    public async Task A_connect_whose_user_does_not_change_with_the_loop_is_not_flagged(string body)
    {
        await Verify.VerifyAnalyzerAsync(Program(body));
    }

    [Theory]
    [InlineData("await client.ConnectUserAsync(users[0], token);")]
    [InlineData("foreach (var id in new[] { client.ConnectUserAsync(users[0], token) }) { }")]
    [InlineData("foreach (var id in ids) { Func<Task> later = () => client.ConnectUserAsync(new ChatUser(id), token); }")]
    [InlineData("foreach (var id in ids) { _ = Task.Run(() => client.ConnectUserAsync(new ChatUser(id), token)); }")]
    [InlineData("foreach (var user in users) { try { await client.ConnectUserAsync(user, token); break; } catch (ChatApiException) { } }")]
    [InlineData("foreach (var user in users) { while (!client.IsConnected) { await client.ConnectUserAsync(user, token); } }")]
    public async Task Connects_that_do_not_run_per_item_are_not_flagged(string body)
    {
        await Verify.VerifyAnalyzerAsync(Program(body));
    }

    [Fact]
    public async Task The_message_names_the_method_the_loop_and_the_iteration_variable()
    {
        await Verify.VerifyAnalyzerAsync(
            Program("foreach (var row in ids) { var next = new ChatUser(row); await {|#0:client.ConnectUserAsync(next, token)|}; }"),
            Verify.Diagnostic("CHAT007").WithLocation(0).WithArguments("ConnectUserAsync", "foreach", "row"));
    }

    [Fact]
    public async Task Stream_sdk_connects_with_a_user_id_from_the_loop_are_flagged()
    {
        await Verify.VerifyAnalyzerAsync("""
            using System.Threading.Tasks;
            using StreamChat.Core;
            using StreamChat.Libs.Auth;

            class Importer
            {
                private readonly IStreamChatClient _client = StreamChatClient.CreateDefaultClient();

                async Task RunAsync(string[] userIds, string token)
                {
                    foreach (var userId in userIds)
                    {
                        await {|CHAT007:_client.ConnectUserAsync(new AuthCredentials("key", userId, token))|};
                    }

                    foreach (var userId in userIds)
                    {
                        var credentials = new AuthCredentials("key", userId, token);
                        await {|CHAT007:_client.ConnectUserAsync(credentials)|};
                    }

                    for (var i = 0; i < userIds.Length; i++)
                    {
                        await {|CHAT007:_client.ConnectUserAsync("key", userIds[i], token)|};
                    }

                    foreach (var key in new[] { "a", "b" })
                    {
                        await _client.ConnectUserAsync(key, "admin", token);
                    }
                }
            }
            """, [FrameworkStubs.StreamChat]);
    }

    // ---- the hand-off: one call gets CHAT001 or CHAT007, never both ----

    [Theory]
    [InlineData("foreach (var id in ids) { await client.ConnectUserAsync(new ChatUser(id), token); }")]
    [InlineData("for (var i = 0; i < ids.Length; i++) { await client.ConnectUserAsync(new ChatUser(ids[i]), token); }")]
    [InlineData("await Task.WhenAll(ids.Select(id => client.ConnectUserAsync(new ChatUser(id), token)));")]
    public async Task CHAT001_leaves_imports_to_CHAT007(string body)
    {
        await LoopVerify.VerifyAnalyzerAsync(Program(body));
    }

    [Fact]
    public async Task Each_connect_in_a_loop_gets_exactly_one_of_CHAT001_and_CHAT007()
    {
        // CHAT001 and CHAT007 both reported, as a build reports them.
        var test = new Verify.Test(Program("""
            foreach (var id in ids)
                    {
                        await {|CHAT007:client.ConnectUserAsync(new ChatUser(id), token)|};
                        await {|CHAT001:client.ConnectUserAsync(users[0], token)|};
                        await {|CHAT001:client.ConnectUserAsync(users[0], id)|};
                    }
                    users.ToList().ForEach(u => {|CHAT007:client.ConnectUserAsync(u, token)|});
            """));
        Assert.True(test.DisabledDiagnostics.Remove("CHAT001"));
        await test.RunAsync(CancellationToken.None);
    }

    [Theory]
    [InlineData("foreach (var id in ids) { await client.ConnectUserAsync(new ChatUser(id), }")]
    [InlineData("foreach (var (id, in ids) { await client.ConnectUserAsync(new ChatUser(id), token); }")]
    [InlineData("foreach (var id in ids) { var (a, b) = id; await client.ConnectUserAsync(new ChatUser(a), token); }")]
    [InlineData("for (var i = 0; i < ids.Length; i++) { missing = ids[i]; await client.ConnectUserAsync(missing, token); }")]
    [InlineData("ids.Select(id => client.ConnectUserAsync(user: , token));")]
    [InlineData("foreach (var id in ids) { await client.ConnectUserAsync(users: new ChatUser(id), token); }")]
    public async Task Broken_code_does_not_throw(string body)
    {
        await Robustness.AssertAnalyzersDoNotThrowAsync(Program(body));
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

            async Task RunAsync(string[] ids, ChatUser[] users, string[] teams, string token)
            {
                await Task.Yield();
                {{body}}
            }
        }
        """;
}
