using System.Threading.Tasks;
using ChatUsageAnalyzers.CodeFixes;
using Verify = ChatUsageAnalyzers.Tests.Verifiers.ConnectRuleFixVerifier<
    ChatUsageAnalyzers.Tests.Verifiers.Chat007,
    ChatUsageAnalyzers.CodeFixes.UpsertUsersFix>;

namespace ChatUsageAnalyzers.Tests.Fixes;

public class CHAT007_UpsertUsersFixTests
{
    private const string Key = EquivalenceKeys.UpsertUsersInOneCall;

    [Theory]
    [InlineData(
        "foreach (var id in ids) { await {|CHAT007:client.ConnectUserAsync(new ChatUser(id), token)|}; }",
        "await server.UpsertUsersAsync(ids.Select(id => new ChatUser(id)));")]
    [InlineData(
        "foreach (var user in users) { await {|CHAT007:client.ConnectUserAsync(user, token)|}; }",
        "await server.UpsertUsersAsync(users);")]
    [InlineData(
        "foreach (var user in users) { await {|CHAT007:client.ConnectUserAsync(user, ChatClient.DevToken(user.Id))|}; await client.DisconnectUserAsync(); }",
        "await server.UpsertUsersAsync(users);")]
    [InlineData(
        "foreach (var id in ids) await {|CHAT007:client.ConnectUserAsync(new ChatUser(id) { Name = id.ToUpperInvariant() }, token)|}.ConfigureAwait(false);",
        "await server.UpsertUsersAsync(ids.Select(id => new ChatUser(id) { Name = id.ToUpperInvariant() }));")]
    public async Task A_loop_that_only_connects_becomes_one_upsert(string before, string after)
    {
        await Verify.VerifyCodeFixAsync(Program(before), Program(after), Key);
    }

    [Fact]
    public async Task Uses_a_server_client_parameter_and_adds_the_Linq_using()
    {
        await Verify.VerifyCodeFixAsync("""
            using System.Threading.Tasks;
            using Chat.Client;

            class Importer
            {
                async Task ImportAsync(ChatClient client, ChatServerClient admin, string[] ids, string token)
                {
                    // one socket per user: not an import
                    foreach (var id in ids)
                    {
                        await {|CHAT007:client.ConnectUserAsync(new ChatUser(id), token)|};
                    } // done
                }
            }
            """, """
            using System.Linq;
            using System.Threading.Tasks;
            using Chat.Client;

            class Importer
            {
                async Task ImportAsync(ChatClient client, ChatServerClient admin, string[] ids, string token)
                {
                    // one socket per user: not an import
                    await admin.UpsertUsersAsync(ids.Select(id => new ChatUser(id))); // done
                }
            }
            """, Key);
    }

    [Fact]
    public async Task A_global_using_of_Linq_is_enough()
    {
        var test = new Verify.Test(
            Body("foreach (var user in users) { await {|CHAT007:client.ConnectUserAsync(new ChatUser(user.Id), token)|}; }", serverParameter: true),
            Body("await admin.UpsertUsersAsync(users.Select(user => new ChatUser(user.Id)));", serverParameter: true),
            Key);
        test.TestState.Sources.Add(("/0/GlobalUsings.cs", "global using System.Linq;\n"));
        test.FixedState.Sources.Add(("/0/GlobalUsings.cs", "global using System.Linq;\n"));
        await test.RunAsync();
    }

    [Fact]
    public async Task A_composite_collection_is_parenthesized()
    {
        await Verify.VerifyCodeFixAsync(
            Program("foreach (var id in ids ?? Array.Empty<string>()) { await {|CHAT007:client.ConnectUserAsync(new ChatUser(id), token)|}; }"),
            Program("await server.UpsertUsersAsync((ids ?? Array.Empty<string>()).Select(id => new ChatUser(id)));"),
            Key);
    }

    [Fact]
    public async Task Uses_a_local_server_client_declared_before_the_loop()
    {
        await Verify.VerifyCodeFixAsync(Body("""
            using var local = new ChatServerClient("key", "secret");
            foreach (var user in users)
            {
                await {|CHAT007:client.ConnectUserAsync(user, token)|};
            }
            """), Body("""
            using var local = new ChatServerClient("key", "secret");
            await local.UpsertUsersAsync(users);
            """), Key);
    }

    [Theory]
    [InlineData("foreach (var user in users) { await {|CHAT007:client.ConnectUserAsync(user, token)|}; Console.WriteLine(user.Id); }")]
    [InlineData("foreach (var id in ids) { var user = new ChatUser(id); await {|CHAT007:client.ConnectUserAsync(user, token)|}; }")]
    [InlineData("foreach (var user in users) { await {|CHAT007:client.ConnectUserAsync(user, token)|}; await other.DisconnectUserAsync(); }")]
    [InlineData("for (var i = 0; i < ids.Length; i++) { await {|CHAT007:client.ConnectUserAsync(new ChatUser(ids[i]), token)|}; }")]
    [InlineData("ids.ToList().ForEach(id => {|CHAT007:client.ConnectUserAsync(new ChatUser(id), token)|});")]
    public async Task A_loop_that_does_anything_else_gets_no_fix(string body)
    {
        await Verify.VerifyNoCodeFixAsync(Program(body), Key);
    }

    [Fact]
    public async Task An_await_foreach_gets_no_fix_even_over_a_collection_that_is_also_enumerable()
    {
        await Verify.VerifyNoCodeFixAsync("""
            using System.Collections;
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;
            using Chat.Client;

            class Directory : IEnumerable<ChatUser>, IAsyncEnumerable<ChatUser>
            {
                public IEnumerator<ChatUser> GetEnumerator() { yield break; }
                IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
                public async IAsyncEnumerator<ChatUser> GetAsyncEnumerator(CancellationToken cancellationToken = default) { await Task.Yield(); yield break; }
            }

            class Importer
            {
                async Task ImportAsync(ChatClient client, ChatServerClient server, Directory users, string token)
                {
                    await foreach (var user in users)
                    {
                        await {|CHAT007:client.ConnectUserAsync(user, token)|};
                    }
                }
            }
            """, Key);
    }

    [Fact]
    public async Task No_fix_without_a_server_client_in_scope()
    {
        await Verify.VerifyNoCodeFixAsync(Body(
            "foreach (var user in users) { await {|CHAT007:client.ConnectUserAsync(user, token)|}; } var late = new ChatServerClient(\"key\", \"secret\");"), Key);
    }

    [Fact]
    public async Task An_instance_server_client_is_not_used_from_a_static_method()
    {
        await Verify.VerifyNoCodeFixAsync("""
            using System.Threading.Tasks;
            using Chat.Client;

            class Importer
            {
                private readonly ChatServerClient server = new("key", "secret");

                static async Task ImportAsync(ChatClient client, ChatUser[] users, string token)
                {
                    foreach (var user in users)
                    {
                        await {|CHAT007:client.ConnectUserAsync(user, token)|};
                    }
                }
            }
            """, Key);
    }

    [Fact]
    public async Task Fix_all_replaces_every_loop_of_a_document()
    {
        await Verify.VerifyCodeFixAsync(Program("""
            foreach (var id in ids) { await {|CHAT007:client.ConnectUserAsync(new ChatUser(id), token)|}; }
                    foreach (var user in users) { await {|CHAT007:client.ConnectUserAsync(user, token)|}; }
            """), Program("""
            await server.UpsertUsersAsync(ids.Select(id => new ChatUser(id)));
                    await server.UpsertUsersAsync(users);
            """), Key);
    }

    [Fact]
    public async Task Fix_all_replaces_loops_across_documents()
    {
        var test = new Verify.Test(
            Program("foreach (var user in users) { await {|CHAT007:client.ConnectUserAsync(user, token)|}; }"),
            Program("await server.UpsertUsersAsync(users);"),
            Key);
        test.TestState.Sources.Add(("/0/Second.cs", Program("foreach (var id in ids) { await {|CHAT007:client.ConnectUserAsync(new ChatUser(id), token)|}; }", "Second")));
        test.FixedState.Sources.Add(("/0/Second.cs", Program("await server.UpsertUsersAsync(ids.Select(id => new ChatUser(id)));", "Second")));
        await test.RunAsync();
    }

    [Fact]
    public async Task A_CRLF_file_keeps_its_line_endings()
    {
        await Verify.VerifyCodeFixAsync(
            Program("// import\r\n        foreach (var user in users)\r\n        {\r\n            await {|CHAT007:client.ConnectUserAsync(user, token)|};\r\n        }").ReplaceLineEndings("\r\n"),
            Program("// import\r\n        await server.UpsertUsersAsync(users);").ReplaceLineEndings("\r\n"),
            Key);
    }

    [Fact]
    public async Task A_tab_indented_file_keeps_its_tabs()
    {
        await Verify.VerifyCodeFixAsync(
            "using System.Threading.Tasks;\nusing Chat.Client;\n\nclass Importer\n{\n\tasync Task ImportAsync(ChatClient client, ChatServerClient server, string[] ids, string token)\n\t{\n\t\tforeach (var id in ids)\n\t\t{\n\t\t\tawait {|CHAT007:client.ConnectUserAsync(new ChatUser(id), token)|};\n\t\t}\n\t}\n}\n",
            "using System.Linq;\nusing System.Threading.Tasks;\nusing Chat.Client;\n\nclass Importer\n{\n\tasync Task ImportAsync(ChatClient client, ChatServerClient server, string[] ids, string token)\n\t{\n\t\tawait server.UpsertUsersAsync(ids.Select(id => new ChatUser(id)));\n\t}\n}\n",
            Key);
    }

    private static string Program(string body, string type = "Sample") => $$"""
        using System;
        using System.Linq;
        using System.Threading.Tasks;
        using Chat.Client;

        class {{type}}
        {
            private readonly ChatClient client = new("key");
            private readonly ChatClient other = new("key");
            private ChatServerClient server { get; } = new("key", "secret");

            async Task RunAsync(string[] ids, ChatUser[] users, string token)
            {
                {{body}}
            }
        }
        """;

    private static string Body(string body, bool serverParameter = false) => $$"""
        using System.Threading.Tasks;
        using Chat.Client;

        class Sample
        {
            async Task RunAsync(ChatClient client, ChatUser[] users, string token{{(serverParameter ? ", ChatServerClient admin" : "")}})
            {
        {{"        " + body.Replace("\n", "\n        ", System.StringComparison.Ordinal)}}
            }
        }
        """;
}
