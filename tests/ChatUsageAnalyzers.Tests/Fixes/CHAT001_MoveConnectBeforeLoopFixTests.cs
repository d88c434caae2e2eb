using System.Threading.Tasks;
using ChatUsageAnalyzers.CodeFixes;
using Verify = ChatUsageAnalyzers.Tests.Verifiers.ConnectRuleFixVerifier<
    ChatUsageAnalyzers.Tests.Verifiers.Chat001,
    ChatUsageAnalyzers.CodeFixes.MoveConnectBeforeLoopFix>;

namespace ChatUsageAnalyzers.Tests.Fixes;

public class CHAT001_MoveConnectBeforeLoopFixTests
{
    private const string Key = EquivalenceKeys.MoveConnectBeforeLoop;

    [Fact]
    public async Task Moves_the_awaited_statement_before_a_foreach_keeping_its_comments()
    {
        await Verify.VerifyCodeFixAsync(Program("""
                foreach (var id in ids)
                {
                    // connect the current user
                    await {|CHAT001:client.ConnectUserAsync(user, token)|}.ConfigureAwait(false); // once is enough
                    Console.WriteLine(id);
                }
            """), Program("""
                // connect the current user
                await client.ConnectUserAsync(user, token).ConfigureAwait(false); // once is enough
                foreach (var id in ids)
                {
                    Console.WriteLine(id);
                }
            """), Key);
    }

    [Fact]
    public async Task Moves_a_declaration_and_keeps_its_later_use_in_scope()
    {
        await Verify.VerifyCodeFixAsync(Program("""
                for (var i = 0; i < ids.Length; i++)
                {
                    var response = await {|CHAT001:client.ConnectUserAsync(user, token)|};
                    Console.WriteLine(response.Me.TotalUnreadCount + i);
                }
            """), Program("""
                var response = await client.ConnectUserAsync(user, token);
                for (var i = 0; i < ids.Length; i++)
                {
                    Console.WriteLine(response.Me.TotalUnreadCount + i);
                }
            """), Key);
    }

    [Fact]
    public async Task An_unbraced_body_becomes_an_empty_block_and_an_embedded_loop_gets_braces()
    {
        await Verify.VerifyCodeFixAsync(Program("""
                if (ids.Length > 0)
                    while (ids.Length > 1)
                        await {|CHAT001:client.ConnectUserAsync(user, token)|};
            """), Program("""
                if (ids.Length > 0)
                {
                    await client.ConnectUserAsync(user, token);
                    while (ids.Length > 1)
                    {
                    }
                }
            """), Key);
    }

    [Fact]
    public async Task Fix_all_hoists_each_call_once_in_source_order()
    {
        await Verify.VerifyCodeFixAsync(Program("""
                do
                {
                    await {|CHAT001:client.ConnectUserAsync(user, token)|};
                    await {|CHAT001:other.ConnectUserAsync(user, token)|};
                }
                while (ids.Length > 0);
            """), Program("""
                await client.ConnectUserAsync(user, token);
                await other.ConnectUserAsync(user, token);
                do
                {
                }
                while (ids.Length > 0);
            """), Key);
    }

    [Fact]
    public async Task Keeps_crlf_line_endings()
    {
        var source = Program("""
                foreach (var id in ids)
                {
                    await {|CHAT001:client.ConnectUserAsync(user, token)|};
                }
            """).ReplaceLineEndings("\r\n");
        var fixedSource = Program("""
                await client.ConnectUserAsync(user, token);
                foreach (var id in ids)
                {
                }
            """).ReplaceLineEndings("\r\n");

        await Verify.VerifyCodeFixAsync(source, fixedSource, Key);
    }

    [Fact]
    public async Task Keeps_tab_indentation()
    {
        var test = new Verify.Test(
            "using Chat.Client;\nusing System.Threading.Tasks;\n\nclass Sample\n{\n\tasync Task RunAsync(ChatClient client, ChatUser user, string token, string[] ids)\n\t{\n\t\tforeach (var id in ids)\n\t\t{\n\t\t\tawait {|CHAT001:client.ConnectUserAsync(user, token)|};\n\t\t}\n\t}\n}\n",
            "using Chat.Client;\nusing System.Threading.Tasks;\n\nclass Sample\n{\n\tasync Task RunAsync(ChatClient client, ChatUser user, string token, string[] ids)\n\t{\n\t\tawait client.ConnectUserAsync(user, token);\n\t\tforeach (var id in ids)\n\t\t{\n\t\t}\n\t}\n}\n",
            Key);
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\nindent_style = tab\nindent_size = 4\n"));
        await test.RunAsync();
    }

    [Fact]
    public async Task Fix_all_works_across_documents()
    {
        var second = Program("""
                while (ids.Length > 0)
                {
                    await {|CHAT001:other.ConnectUserAsync(user, token)|};
                }
            """).Replace("class Sample", "class Second");
        var secondFixed = Program("""
                await other.ConnectUserAsync(user, token);
                while (ids.Length > 0)
                {
                }
            """).Replace("class Sample", "class Second");
        var test = new Verify.Test(
            Program("""
                for (var i = 0; i < 2; i++)
                {
                    await {|CHAT001:client.ConnectUserAsync(user, token)|};
                }
            """),
            Program("""
                await client.ConnectUserAsync(user, token);
                for (var i = 0; i < 2; i++)
                {
                }
            """),
            Key);
        test.TestState.Sources.Add(("/0/Second.cs", second));
        test.FixedState.Sources.Add(("/0/Second.cs", secondFixed));
        await test.RunAsync();
    }

    [Theory]
    [InlineData("foreach (var id in ids) { await {|CHAT001:client.ConnectUserAsync(user, id)|}; }")]
    [InlineData("for (var i = 0; i < 3; i++) { await {|CHAT001:client.ConnectUserAsync(user, ids[i])|}; }")]
    [InlineData("foreach (var id in ids) { var next = id + token; await {|CHAT001:client.ConnectUserAsync(user, next)|}; }")]
    [InlineData("foreach (var id in ids) { token = id; await {|CHAT001:client.ConnectUserAsync(user, token)|}; }")]
    [InlineData("foreach (var (id, n) in ids.Select((id, n) => (id, n))) { await {|CHAT001:client.ConnectUserAsync(user, id)|}; }")]
    [InlineData("ids.ToList().ForEach(id => {|CHAT001:client.ConnectUserAsync(user, token)|});")]
    [InlineData("for (var i = 0; i < 3; {|CHAT001:client.ConnectUserAsync(user, token)|}, i++) { }")]
    [InlineData("foreach (var id in ids) { var response = await {|CHAT001:client.ConnectUserAsync(user, token)|}; } { var response = 1; }")]
    public async Task Loop_dependent_or_unmovable_calls_get_no_fix(string body)
    {
        await Verify.VerifyNoCodeFixAsync(Program(body), Key);
    }

    private static string Program(string body) => $$"""
        using System;
        using System.Linq;
        using System.Threading.Tasks;
        using Chat.Client;

        class Sample
        {
            private readonly ChatClient client = new("key");
            private readonly ChatClient other = new("key");

            async Task RunAsync(string[] ids, ChatUser user, string token)
            {
        {{Indent(body)}}
            }
        }
        """;

    /// <summary>Places a statement list at method-body depth (8 spaces), as the formatter writes it.</summary>
    private static string Indent(string body) => "    " + body.Replace("\n", "\n    ");
}
