using System.Threading.Tasks;
using ChatUsageAnalyzers.CodeFixes;
using Verify = ChatUsageAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    ChatUsageAnalyzers.ClientCreationAnalyzer,
    ChatUsageAnalyzers.CodeFixes.RegisterSingletonFix>;

namespace ChatUsageAnalyzers.Tests.Fixes;

public class CHAT006_RegisterSingletonFixTests
{
    private const string Key = EquivalenceKeys.RegisterClientAsSingleton;

    [Theory]
    [InlineData("services.AddTransient<IChatClient, ChatClient>();", "services.AddSingleton<IChatClient, ChatClient>();")]
    [InlineData("services.AddTransient<ChatClient>();", "services.AddSingleton<ChatClient>();")]
    [InlineData("services.AddTransient(typeof(IChatClient), typeof(ChatClient));", "services.AddSingleton(typeof(IChatClient), typeof(ChatClient));")]
    [InlineData("services.AddTransient(typeof(ChatClient));", "services.AddSingleton(typeof(ChatClient));")]
    [InlineData("services.AddTransient<IChatClient>(sp => new ChatClient(\"key\"));", "services.AddSingleton<IChatClient>(sp => new ChatClient(\"key\"));")]
    [InlineData("services.AddTransient(sp => new ChatClient(\"key\"));", "services.AddSingleton(sp => new ChatClient(\"key\"));")]
    [InlineData("services.AddTransient<IChatClient, ChatClient>(sp => new ChatClient(\"key\"));", "services.AddSingleton<IChatClient, ChatClient>(sp => new ChatClient(\"key\"));")]
    [InlineData("services.AddTransient(typeof(IChatClient), sp => new ChatClient(\"key\"));", "services.AddSingleton(typeof(IChatClient), sp => new ChatClient(\"key\"));")]
    [InlineData("ServiceCollectionServiceExtensions.AddTransient<IChatClient, ChatClient>(services);", "ServiceCollectionServiceExtensions.AddSingleton<IChatClient, ChatClient>(services);")]
    [InlineData("services.AddSingleton<Importer>().AddTransient<IChatClient, ChatClient>();", "services.AddSingleton<Importer>().AddSingleton<IChatClient, ChatClient>();")]
    [InlineData("services?.AddTransient<IChatClient, ChatClient>();", "services?.AddSingleton<IChatClient, ChatClient>();")]
    public async Task Every_registration_form_becomes_AddSingleton_with_the_same_arguments(string before, string after)
    {
        await new Verify.Test(Registrations(Marked(before)), Registrations(after), Key).WithAspNetCore().RunAsync();
    }

    [Fact]
    public async Task A_multi_line_factory_and_its_comments_are_kept()
    {
        await new Verify.Test(Registrations("""
            // one client per app
            {|CHAT006:services
                        .AddTransient<IChatClient>(sp => // built from configuration
                            new ChatClient("key"))|}; // shared
            """), Registrations("""
            // one client per app
            services
                        .AddSingleton<IChatClient>(sp => // built from configuration
                            new ChatClient("key")); // shared
            """), Key).WithAspNetCore().RunAsync();
    }

    [Fact]
    public async Task A_CRLF_file_keeps_its_line_endings()
    {
        await new Verify.Test(
            Registrations("{|CHAT006:services.AddTransient<IChatClient, ChatClient>()|}; // per use\r\nservices.AddSingleton<Importer>();").ReplaceLineEndings("\r\n"),
            Registrations("services.AddSingleton<IChatClient, ChatClient>(); // per use\r\nservices.AddSingleton<Importer>();").ReplaceLineEndings("\r\n"),
            Key).WithAspNetCore().RunAsync();
    }

    [Fact]
    public async Task A_tab_indented_file_keeps_its_tabs()
    {
        await new Verify.Test(
            "using Chat.Client;\nusing Microsoft.Extensions.DependencyInjection;\n\nstatic class Startup\n{\n\tstatic void Configure(IServiceCollection services)\n\t{\n\t\t{|CHAT006:services.AddTransient<IChatClient, ChatClient>()|};\n\t}\n}\n",
            "using Chat.Client;\nusing Microsoft.Extensions.DependencyInjection;\n\nstatic class Startup\n{\n\tstatic void Configure(IServiceCollection services)\n\t{\n\t\tservices.AddSingleton<IChatClient, ChatClient>();\n\t}\n}\n",
            Key).WithAspNetCore().RunAsync();
    }

    [Fact]
    public async Task Fix_all_changes_every_registration_of_a_document()
    {
        await new Verify.Test(Registrations("""
            {|CHAT006:services.AddTransient<IChatClient, ChatClient>()|};
            {|CHAT006:{|CHAT006:services.AddTransient<ChatClient>()|}.AddTransient(sp => new ChatClient("key"))|};
            services.AddTransient<Importer>();
            """), Registrations("""
            services.AddSingleton<IChatClient, ChatClient>();
            services.AddSingleton<ChatClient>().AddSingleton(sp => new ChatClient("key"));
            services.AddTransient<Importer>();
            """), Key).WithAspNetCore().RunAsync();
    }

    [Fact]
    public async Task Fix_all_changes_registrations_across_documents()
    {
        var test = new Verify.Test(
            Registrations("{|CHAT006:services.AddTransient<IChatClient, ChatClient>()|};"),
            Registrations("services.AddSingleton<IChatClient, ChatClient>();"),
            Key).WithAspNetCore();
        test.TestState.Sources.Add(("/0/Second.cs", SecondRegistrations("{|CHAT006:services.AddTransient(typeof(ChatClient))|};")));
        test.FixedState.Sources.Add(("/0/Second.cs", SecondRegistrations("services.AddSingleton(typeof(ChatClient));")));
        await test.RunAsync();
    }

    [Theory]
    [InlineData("foreach (var id in ids) { using var client = {|CHAT006:new ChatClient(\"key\")|}; }")]
    [InlineData("var clients = ids.Select(id => {|CHAT006:new ChatClient(\"key\")|}).ToList();")]
    public async Task A_creation_in_a_loop_gets_no_fix(string body)
    {
        await Verify.VerifyNoCodeFixAsync($$"""
            using System.Linq;
            using Chat.Client;

            class Sample
            {
                void Run(string[] ids)
                {
                    {{body}}
                }
            }
            """, Key);
    }

    /// <summary>Marks a one-statement body's registration call as the expected diagnostic.</summary>
    private static string Marked(string statement) => "{|CHAT006:" + statement.TrimEnd(';') + "|};";

    private static string Registrations(string body) => $$"""
        using Chat.Client;
        using Microsoft.Extensions.DependencyInjection;

        class Importer { }

        static class Startup
        {
            static void Configure(IServiceCollection services)
            {
        {{Indent(body)}}
            }
        }
        """;

    private static string SecondRegistrations(string body) => $$"""
        using Chat.Client;
        using Microsoft.Extensions.DependencyInjection;

        static class MoreStartup
        {
            static void Configure(IServiceCollection services)
            {
        {{Indent(body)}}
            }
        }
        """;

    private static string Indent(string body) =>
        "        " + body.Replace("\n", "\n        ", System.StringComparison.Ordinal);
}
