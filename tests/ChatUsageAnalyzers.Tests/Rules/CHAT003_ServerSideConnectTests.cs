using System.Threading.Tasks;
using ChatUsageAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Verify = ChatUsageAnalyzers.Tests.Verifiers.ConnectRuleVerifier<ChatUsageAnalyzers.Tests.Verifiers.Chat003>;

namespace ChatUsageAnalyzers.Tests.Rules;

public class CHAT003_ServerSideConnectTests
{
    private const string BlazorMessage = "Blazor component 'Chat' in a web project: the interactive server render mode runs it on the server";

    /// <summary>Plain code: a class that nothing marks as server-side.</summary>
    private const string PlainCode = """
        public class ChatBridge
        {
            private readonly Chat.Client.IChatClient _chat = new Chat.Client.ChatClient("key");

            public async System.Threading.Tasks.Task StartAsync(string token) =>
                await {|#0:_chat.ConnectUserAsync(new Chat.Client.ChatUser("u"), token)|};
        }
        """;

    // Server-side code in any project: no build property is set in these tests.

    [Fact]
    public async Task Connect_in_an_mvc_controller_is_flagged()
    {
        await AspNetCore("""
            using System.Threading.Tasks;
            using Chat.Client;
            using Microsoft.AspNetCore.Mvc;

            [ApiController]
            [Route("orders")]
            public class OrdersController : Controller
            {
                private readonly IChatClient _chat;

                public OrdersController(IChatClient chat) => _chat = chat;

                [HttpPost]
                public async Task<IActionResult> Post(string token)
                {
                    await {|#0:_chat.ConnectUserAsync(new ChatUser("u"), token)|};
                    return Ok();
                }
            }
            """, Expect("ASP.NET Core controller 'OrdersController'")).RunAsync();
    }

    [Fact]
    public async Task Connect_in_a_razor_pages_page_model_is_flagged()
    {
        await AspNetCore("""
            using System.Threading.Tasks;
            using Chat.Client;
            using Microsoft.AspNetCore.Mvc.RazorPages;

            public class IndexModel : PageModel
            {
                private readonly IChatClient _chat;

                public IndexModel(IChatClient chat) => _chat = chat;

                public async Task OnGetAsync() => await {|#0:_chat.ConnectUserAsync(new ChatUser("u"), "token")|};
            }
            """, Expect("Razor Pages page model 'IndexModel'")).RunAsync();
    }

    [Fact]
    public async Task Connect_in_a_signalr_hub_is_flagged_also_for_strongly_typed_hubs()
    {
        await AspNetCore("""
            using System.Threading.Tasks;
            using Chat.Client;
            using Microsoft.AspNetCore.SignalR;

            public interface INotifications { Task Notify(string text); }

            public class RoomHub : Hub
            {
                public Task Join(IChatClient chat) => {|#0:chat.ConnectUserAsync(new ChatUser(Context.ConnectionId), "token")|};
            }

            public class TypedHub : Hub<INotifications>
            {
                public Task Join(IChatClient chat) => {|#1:chat.ConnectUserAsync(new ChatUser(Context.ConnectionId), "token")|};
            }
            """, Expect("SignalR hub 'RoomHub'"), Expect("SignalR hub 'TypedHub'", 1)).RunAsync();
    }

    [Fact]
    public async Task Connect_in_a_background_service_is_flagged()
    {
        await AspNetCore("""
            using System.Threading;
            using System.Threading.Tasks;
            using Chat.Client;
            using Microsoft.Extensions.Hosting;

            public class SyncWorker : BackgroundService
            {
                private readonly ChatClient _chat = new("key");

                protected override async Task ExecuteAsync(CancellationToken stoppingToken) =>
                    await {|#0:_chat.ConnectUserAsync(new ChatUser("sync-bot"), "token", stoppingToken)|};
            }
            """, Expect("hosted service 'SyncWorker'")).RunAsync();
    }

    [Fact]
    public async Task Connect_in_a_hosted_service_implementation_is_flagged()
    {
        await AspNetCore("""
            using System.Threading;
            using System.Threading.Tasks;
            using Chat.Client;
            using Microsoft.Extensions.Hosting;

            public sealed class ChatWarmup : IHostedService
            {
                private readonly IChatClient _chat;

                public ChatWarmup(IChatClient chat) => _chat = chat;

                public Task StartAsync(CancellationToken cancellationToken)
                {
                    return {|#0:_chat.ConnectUserAsync(new ChatUser("bot"), "token", cancellationToken)|};
                }

                public Task StopAsync(CancellationToken cancellationToken) => _chat.DisconnectUserAsync(cancellationToken);
            }
            """, Expect("hosted service 'ChatWarmup'")).RunAsync();
    }

    [Theory]
    [InlineData("MapGet", "app.MapGet(\"/chat\", async (IChatClient chat) => await {|#0:chat.ConnectUserAsync(new ChatUser(\"u\"), \"token\")|});")]
    [InlineData("MapPost", "app.MapPost(\"/chat\", (IChatClient chat) => {|#0:chat.ConnectUserAsync(new ChatUser(\"u\"), \"token\")|});")]
    [InlineData("MapPut", "app.MapPut(\"/chat\", async (IChatClient chat) => { await {|#0:chat.ConnectUserAsync(new ChatUser(\"u\"), \"token\")|}; return Results.Ok(); });")]
    [InlineData("MapDelete", "app.MapDelete(\"/chat\", (IChatClient chat) => {|#0:chat.ConnectUserAsync(new ChatUser(\"u\"), \"token\")|});")]
    [InlineData("MapPatch", "app.MapPatch(\"/chat\", (IChatClient chat) => {|#0:chat.ConnectUserAsync(new ChatUser(\"u\"), \"token\")|});")]
    [InlineData("MapMethods", "app.MapMethods(\"/chat\", new[] { \"GET\" }, (IChatClient chat) => {|#0:chat.ConnectUserAsync(new ChatUser(\"u\"), \"token\")|});")]
    [InlineData("Map", "app.Map(\"/chat\", (IChatClient chat) => {|#0:chat.ConnectUserAsync(new ChatUser(\"u\"), \"token\")|});")]
    [InlineData("Map", "app.Map(\"/chat\", async (HttpContext context) => await {|#0:context.RequestServices.GetRequiredService<IChatClient>().ConnectUserAsync(new ChatUser(\"u\"), \"token\")|});")]
    [InlineData("MapGet", "app.MapGroup(\"/api\").MapGet(\"/chat\", async (IChatClient chat) => { await Task.Run(() => {|#0:chat.ConnectUserAsync(new ChatUser(\"u\"), \"token\")|}); });")]
    public async Task Connect_in_a_minimal_api_endpoint_lambda_is_flagged(string map, string registration)
    {
        await AspNetCore(Endpoints(registration), Expect($"minimal API endpoint '{map}'")).RunAsync();
    }

    [Fact]
    public async Task Connect_in_an_endpoint_lambda_of_top_level_statements_is_flagged()
    {
        var test = AspNetCore("""
            using Chat.Client;
            using Microsoft.AspNetCore.Builder;

            var app = WebApplication.Create(args);
            app.MapPost("/connect", (IChatClient chat) => {|#0:chat.ConnectUserAsync(new ChatUser("u"), "token")|});
            app.Run();
            """, Expect("minimal API endpoint 'MapPost'"));
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        await test.RunAsync();
    }

    [Fact]
    public async Task Connect_in_a_lambda_passed_to_another_method_is_not_flagged()
    {
        await AspNetCore("""
            using System;
            using System.Threading.Tasks;
            using Chat.Client;

            public sealed class Routes
            {
                public void MapGet(string pattern, Func<Task> handler) { }
            }

            public static class Startup
            {
                public static void Configure(Routes routes, IChatClient chat)
                {
                    routes.MapGet("/chat", () => chat.ConnectUserAsync(new ChatUser("u"), "token"));
                    _ = Task.Run(() => chat.ConnectUserAsync(new ChatUser("u"), "token"));
                }
            }
            """).RunAsync();
    }

    [Fact]
    public async Task Connect_in_convention_based_and_factory_based_middleware_is_flagged()
    {
        await AspNetCore("""
            using System.Threading.Tasks;
            using Chat.Client;
            using Microsoft.AspNetCore.Http;

            public sealed class PresenceMiddleware
            {
                private readonly RequestDelegate _next;

                public PresenceMiddleware(RequestDelegate next) => _next = next;

                public async Task InvokeAsync(HttpContext context, IChatClient chat)
                {
                    await {|#0:chat.ConnectUserAsync(new ChatUser("u"), "token")|};
                    await _next(context);
                }
            }

            public sealed class LegacyMiddleware
            {
                private readonly IChatClient _chat = new ChatClient("key");

                public Task Invoke(HttpContext context) => {|#1:_chat.ConnectUserAsync(new ChatUser("u"), "token")|};
            }

            public sealed class FactoryMiddleware : IMiddleware
            {
                private readonly IChatClient _chat = new ChatClient("key");

                public async Task InvokeAsync(HttpContext context, RequestDelegate next)
                {
                    await {|#2:_chat.ConnectUserAsync(new ChatUser("u"), "token")|};
                    await next(context);
                }
            }
            """,
            Expect("middleware 'PresenceMiddleware'"),
            Expect("middleware 'LegacyMiddleware'", 1),
            Expect("middleware 'FactoryMiddleware'", 2)).RunAsync();
    }

    [Fact]
    public async Task An_invoke_method_without_an_http_context_is_not_middleware()
    {
        await AspNetCore("""
            using System.Threading.Tasks;
            using Chat.Client;

            public sealed class Command
            {
                private readonly IChatClient _chat = new ChatClient("key");

                public Task InvokeAsync(string token) => _chat.ConnectUserAsync(new ChatUser("u"), token);
            }
            """).RunAsync();
    }

    [Fact]
    public async Task Connect_in_an_isolated_worker_azure_function_is_flagged_and_the_project_is_a_server_project()
    {
        var test = AspNetCore("""
            using System.Threading.Tasks;
            using Chat.Client;
            using Microsoft.Azure.Functions.Worker;

            public class Notifications
            {
                private readonly IChatClient _chat;

                public Notifications(IChatClient chat) => _chat = chat;

                [Function("Notify")]
                public async Task Run(string message) => await {|#0:_chat.ConnectUserAsync(new ChatUser("bot"), "token")|};
            }
            """ + PlainCode.Replace("#0", "#1"),
            Expect("Azure Function 'Run'"),
            Expect("Azure Functions project", 1));
        // [Function] lives in the worker's extension abstractions, which the worker SDK references.
        test.ReferenceAssemblies = await TestReferences.WithPackagesAsync(
            TestReferences.AspNetCore10,
            new PackageIdentity("Microsoft.Azure.Functions.Worker.Core", "2.52.0"),
            new PackageIdentity("Microsoft.Azure.Functions.Worker.Extensions.Abstractions", "1.3.0"));
        await test.RunAsync();
    }

    [Fact]
    public async Task Connect_in_an_in_process_function_name_function_is_flagged_and_the_project_is_a_server_project()
    {
        var test = AspNetCore("""
            using System.Threading.Tasks;
            using Chat.Client;
            using Microsoft.Azure.WebJobs;

            public static class Notifications
            {
                [FunctionName("Notify")]
                public static Task Run(string message, IChatClient chat) => {|#0:chat.ConnectUserAsync(new ChatUser("bot"), "token")|};
            }
            """ + PlainCode.Replace("#0", "#1"),
            Expect("Azure Function 'Run'"),
            Expect("Azure WebJobs SDK project", 1));
        // WebJobs' dependencies ask for 2.1.1 of these, which the package registry does not serve;
        // 10.0.0 (what the ASP.NET Core reference pack holds) is in range.
        test.ReferenceAssemblies = await TestReferences.WithPackagesAsync(
            TestReferences.AspNetCore10,
            new PackageIdentity("Microsoft.Azure.WebJobs", "3.0.48"),
            new PackageIdentity("Microsoft.Extensions.Configuration.Abstractions", "10.0.0"),
            new PackageIdentity("Microsoft.Extensions.Logging.Abstractions", "10.0.0"),
            new PackageIdentity("Microsoft.Extensions.Options", "10.0.0"));
        await test.RunAsync();
    }

    [Fact]
    public async Task Stream_sdk_connect_in_a_controller_is_flagged()
    {
        await AspNetCore("""
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Mvc;
            using StreamChat.Core;
            using StreamChat.Libs.Auth;

            public class ChatController : ControllerBase
            {
                private readonly IStreamChatClient _client = StreamChatClient.CreateDefaultClient();

                [HttpPost("connect")]
                public async Task<IActionResult> Connect(string userId, string token)
                {
                    await {|#0:_client.ConnectUserAsync(new AuthCredentials("key", userId, token))|};
                    return Ok();
                }
            }
            """, Expect("ASP.NET Core controller 'ChatController'")).WithStubs(FrameworkStubs.StreamChat).RunAsync();
    }

    // The project classification: plain code is flagged only in server projects.

    [Fact]
    public async Task Plain_code_in_a_web_project_is_flagged()
    {
        await new Verify.Test(PlainCode) { ExpectedDiagnostics = { Expect("web project") } }
            .WithBuildProperty("UsingMicrosoftNETSdkWeb", "true").RunAsync();
    }

    [Fact]
    public async Task Plain_code_in_an_azure_functions_project_is_flagged()
    {
        await new Verify.Test(PlainCode) { ExpectedDiagnostics = { Expect("Azure Functions project") } }
            .WithBuildProperty("AzureFunctionsVersion", "v4").RunAsync();
    }

    [Fact]
    public async Task Plain_code_in_a_worker_sdk_project_is_flagged()
    {
        await new Verify.Test(PlainCode) { ExpectedDiagnostics = { Expect("worker service project") } }
            .WithBuildProperty("UsingMicrosoftNETSdkWorker", "true").RunAsync();
    }

    [Fact]
    public async Task Plain_code_in_a_project_that_defines_a_hosted_service_is_flagged()
    {
        await AspNetCore(PlainCode + """

            namespace Workers.Inner
            {
                public static class Container
                {
                    public sealed class SyncWorker : Microsoft.Extensions.Hosting.BackgroundService
                    {
                        protected override System.Threading.Tasks.Task ExecuteAsync(System.Threading.CancellationToken stoppingToken) =>
                            System.Threading.Tasks.Task.CompletedTask;
                    }
                }
            }
            """, Expect("worker service project")).RunAsync();
    }

    // The project check reads base lists as syntax before binding anything: each way of naming the hosted type.
    [Theory]
    [InlineData("""
        using Worker = Microsoft.Extensions.Hosting.BackgroundService;

        public sealed class SyncWorker : Worker
        {
            protected override System.Threading.Tasks.Task ExecuteAsync(System.Threading.CancellationToken stoppingToken) => System.Threading.Tasks.Task.CompletedTask;
        }
        """)]
    [InlineData("""
        namespace Workers;

        using Microsoft.Extensions.Hosting;

        public abstract class JobBase : IHostedService
        {
            public System.Threading.Tasks.Task StartAsync(System.Threading.CancellationToken cancellationToken) => System.Threading.Tasks.Task.CompletedTask;

            public System.Threading.Tasks.Task StopAsync(System.Threading.CancellationToken cancellationToken) => System.Threading.Tasks.Task.CompletedTask;
        }

        public sealed class NightlyJob : JobBase { }
        """)]
    [InlineData("""
        public sealed record Lifetime(int Id) : global::Microsoft.Extensions.Hosting.IHostedLifecycleService
        {
            public System.Threading.Tasks.Task StartingAsync(System.Threading.CancellationToken cancellationToken) => System.Threading.Tasks.Task.CompletedTask;
            public System.Threading.Tasks.Task StartAsync(System.Threading.CancellationToken cancellationToken) => System.Threading.Tasks.Task.CompletedTask;
            public System.Threading.Tasks.Task StartedAsync(System.Threading.CancellationToken cancellationToken) => System.Threading.Tasks.Task.CompletedTask;
            public System.Threading.Tasks.Task StoppingAsync(System.Threading.CancellationToken cancellationToken) => System.Threading.Tasks.Task.CompletedTask;
            public System.Threading.Tasks.Task StopAsync(System.Threading.CancellationToken cancellationToken) => System.Threading.Tasks.Task.CompletedTask;
            public System.Threading.Tasks.Task StoppedAsync(System.Threading.CancellationToken cancellationToken) => System.Threading.Tasks.Task.CompletedTask;
        }
        """)]
    public async Task Plain_code_in_a_project_whose_hosted_service_is_named_any_way_is_flagged(string hostedService)
    {
        var test = AspNetCore(PlainCode, Expect("worker service project"));
        test.TestState.Sources.Add(("/0/Worker.cs", hostedService));
        await test.RunAsync();
    }

    [Fact]
    public async Task A_class_named_like_a_hosted_service_that_is_not_one_does_not_make_a_worker_project()
    {
        var test = AspNetCore(Unmarked(PlainCode));
        test.TestState.Sources.Add(("/0/Worker.cs", """
            namespace Jobs
            {
                public abstract class BackgroundService { }

                public sealed class SyncWorker : BackgroundService { }
            }
            """));
        await test.RunAsync();
    }

    [Fact]
    public async Task Plain_code_that_only_references_hosting_is_not_flagged()
    {
        await AspNetCore(Unmarked(PlainCode)).RunAsync();
    }

    [Fact]
    public async Task Plain_code_in_a_console_app_is_not_flagged()
    {
        var test = new Verify.Test("""
            using Chat.Client;

            var chat = new ChatClient("key");
            await chat.ConnectUserAsync(new ChatUser("u"), "token");
            """);
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        await test.RunAsync();
    }

    [Theory]
    [InlineData("UsingMicrosoftNETSdkWeb", "false")]
    [InlineData("UsingMicrosoftNETSdkWorker", "")]
    [InlineData("AzureFunctionsVersion", "")]
    public async Task Properties_that_are_not_set_do_not_make_a_server_project(string property, string value)
    {
        await new Verify.Test(Unmarked(PlainCode)).WithBuildProperty(property, value).RunAsync();
    }

    [Fact]
    public async Task The_server_side_option_makes_any_project_a_server_project()
    {
        var test = new Verify.Test(PlainCode) { ExpectedDiagnostics = { Expect("project configured as server-side by chat_usage.server_side = true") } };
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nchat_usage.server_side = true\n"));
        await test.RunAsync();
    }

    [Fact]
    public async Task The_server_side_option_in_an_editorconfig_section_applies_to_its_files()
    {
        var test = new Verify.Test(Unmarked(PlainCode)).WithBuildProperty("UsingMicrosoftNETSdkWeb", "true");
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\nchat_usage.server_side = false\n"));
        await test.RunAsync();
    }

    [Fact]
    public async Task Server_side_false_unclassifies_the_project_but_server_types_are_still_flagged()
    {
        var test = AspNetCore(Unmarked(PlainCode) + """

            public class OrdersController : Microsoft.AspNetCore.Mvc.ControllerBase
            {
                public System.Threading.Tasks.Task Post(Chat.Client.IChatClient chat) =>
                    {|#0:chat.ConnectUserAsync(new Chat.Client.ChatUser("u"), "token")|};
            }
            """, Expect("ASP.NET Core controller 'OrdersController'")).WithBuildProperty("UsingMicrosoftNETSdkWeb", "true");
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nchat_usage.server_side = false\n"));
        await test.RunAsync();
    }

    // Client projects: Blazor WebAssembly and .NET MAUI code runs on the device, whatever else is set.

    [Theory]
    [InlineData("UsingMicrosoftNETSdkBlazorWebAssembly")]
    [InlineData("UseMaui")]
    public async Task Nothing_is_flagged_in_a_webassembly_or_maui_project_even_when_it_also_says_web(string clientProperty)
    {
        var test = AspNetCore(Unmarked(PlainCode) + """

            public class OrdersController : Microsoft.AspNetCore.Mvc.ControllerBase
            {
                public System.Threading.Tasks.Task Post(Chat.Client.IChatClient chat) =>
                    chat.ConnectUserAsync(new Chat.Client.ChatUser("u"), "token");
            }

            public class ChatPanel : Microsoft.AspNetCore.Components.ComponentBase
            {
                [Microsoft.AspNetCore.Components.Inject] public Chat.Client.IChatClient Client { get; set; } = default!;

                protected override System.Threading.Tasks.Task OnInitializedAsync() =>
                    Client.ConnectUserAsync(new Chat.Client.ChatUser("u"), "token");
            }
            """)
            .WithBuildProperty(clientProperty, "true")
            .WithBuildProperty("UsingMicrosoftNETSdkWeb", "true");
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nchat_usage.server_side = true\n"));
        await test.RunAsync();
    }

    [Fact]
    public async Task Nothing_is_flagged_in_a_compilation_that_references_maui_controls()
    {
        await AspNetCore("""
            using System.Threading;
            using System.Threading.Tasks;
            using Chat.Client;
            using Microsoft.Extensions.Hosting;

            public sealed class ChatStartup : IHostedService
            {
                private readonly IChatClient _chat = new ChatClient("key");

                public Task StartAsync(CancellationToken cancellationToken) => _chat.ConnectUserAsync(new ChatUser("u"), "token", cancellationToken);

                public Task StopAsync(CancellationToken cancellationToken) => _chat.DisconnectUserAsync(cancellationToken);
            }
            """).WithStubs(FrameworkStubs.Maui).RunAsync();
    }

    // Blazor components: server-side only in a web project (interactive server render mode).

    [Fact]
    public async Task A_blazor_component_in_a_web_project_is_flagged_with_the_render_mode_message()
    {
        await AspNetCore(BlazorComponent, Expect(BlazorMessage)).WithBuildProperty("UsingMicrosoftNETSdkWeb", "true").RunAsync();
    }

    [Fact]
    public async Task A_blazor_component_outside_a_web_project_is_not_flagged()
    {
        await AspNetCore(Unmarked(BlazorComponent)).WithBuildProperty("UsingMicrosoftNETSdkRazor", "true").RunAsync();
    }

    [Fact]
    public async Task Razor_generated_components_are_analyzed_and_other_generated_code_is_not()
    {
        const string RazorOutput = """
            // <auto-generated/>
            namespace App.Components
            {
                public partial class Chat : Microsoft.AspNetCore.Components.ComponentBase
                {
                    [Microsoft.AspNetCore.Components.Inject] public global::Chat.Client.IChatClient Client { get; set; } = default!;

                    protected override async System.Threading.Tasks.Task OnInitializedAsync() =>
                        await {|#0:Client.ConnectUserAsync(new global::Chat.Client.ChatUser("u"), "token")|};
                }
            }
            """;
        var test = AspNetCore(RazorOutput, Expect(BlazorMessage)).WithBuildProperty("UsingMicrosoftNETSdkWeb", "true");
        test.TestState.Sources.Clear();
        test.TestState.Sources.Add(("/0/Components_Chat_razor.g.cs", RazorOutput));
        test.TestState.Sources.Add(("/0/Generated.g.cs", """
            // <auto-generated/>
            public class GeneratedBridge
            {
                public System.Threading.Tasks.Task Start(Chat.Client.IChatClient chat) =>
                    chat.ConnectUserAsync(new Chat.Client.ChatUser("u"), "token");
            }
            """));
        await test.RunAsync();
    }

    [Theory]
    [InlineData("public class OrdersController : Microsoft.AspNetCore.Mvc.ControllerBase { public async Task Post(IChatClient chat) { await chat.ConnectUserAsync(new ChatUser(\"u\"), ); } }")]
    [InlineData("public class OrdersController : Missing.ControllerBase { public Task Post(IChatClient chat) => chat.ConnectUserAsync(new ChatUser(\"u\"), \"t\"); }")]
    [InlineData("public static class Endpoints { public static void Map(Microsoft.AspNetCore.Builder.WebApplication app) { app.MapGet(\"/\", (IChatClient chat) => chat.ConnectUserAsync(; } }")]
    [InlineData("public static class Endpoints { public static void Map(Microsoft.AspNetCore.Builder.WebApplication app) { app.MapGet(\"/\", missing => missing.ConnectUserAsync(new ChatUser(\"u\"), \"t\")); } }")]
    [InlineData("public class Worker : Microsoft.Extensions.Hosting.BackgroundService { protected override Task ExecuteAsync( => chat.ConnectUserAsync(new ChatUser(\"u\"), \"t\"); }")]
    [InlineData("public class Middleware { public Task InvokeAsync(Microsoft.AspNetCore.Http.HttpContext context, IChatClient chat) => chat.ConnectUserAsync(new ChatUser(\"u\") }")]
    [InlineData("public class Functions { [Function(\"f\")] public Task Run(IChatClient chat) => chat.ConnectUserAsync(new ChatUser(\"u\"), \"t\"); }")]
    [InlineData("public partial record Hub<T>(IChatClient Chat) : Microsoft.AspNetCore.SignalR.Hub { Task Join() => Chat.ConnectUserAsync(new ChatUser(\"u\"), \"t\"); }")]
    public async Task Broken_code_does_not_throw(string code)
    {
        await Robustness.AssertAnalyzersDoNotThrowAsync("using System.Threading.Tasks;\nusing Chat.Client;\n\n" + code);
    }

    private const string BlazorComponent = """
        using System.Threading.Tasks;
        using Chat.Client;
        using Microsoft.AspNetCore.Components;

        namespace App.Components;

        public class Chat : ComponentBase
        {
            [Inject] public IChatClient Client { get; set; } = default!;

            protected override async Task OnInitializedAsync() =>
                await {|#0:Client.ConnectUserAsync(new ChatUser("u"), "token")|};
        }
        """;

    private static CSharpAnalyzerVerifier<ConnectRulesAnalyzer>.Test AspNetCore(string source, params DiagnosticResult[] expected)
    {
        var test = new Verify.Test(source).WithAspNetCore();
        test.ExpectedDiagnostics.AddRange(expected);
        return test;
    }

    private static DiagnosticResult Expect(string context, int location = 0) =>
        Verify.Diagnostic("CHAT003").WithLocation(location).WithArguments("ConnectUserAsync", context);

    /// <summary>The same source without its expected-diagnostic markup.</summary>
    private static string Unmarked(string source) =>
        source.Replace("{|#0:", string.Empty).Replace(")|}", ")");

    private static string Endpoints(string registration) => $$"""
        using System.Threading.Tasks;
        using Chat.Client;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.Extensions.DependencyInjection;

        public static class ChatEndpoints
        {
            public static void MapChat(WebApplication app)
            {
                {{registration}}
            }
        }
        """;
}
