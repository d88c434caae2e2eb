using System.Collections.Immutable;

namespace ChatUsageAnalyzers.Benchmarks;

/// <summary>
/// A planted chat usage: one type (named with <c>{id}</c>) and the diagnostics our analyzers must
/// report on it. The same text compiles against <c>Chat.Client</c> (corpora S and L) or against the
/// look-alike <c>Messaging</c> types (corpus N), where nothing may be reported.
/// </summary>
internal sealed record Scenario(string Name, ImmutableArray<string> ExpectedIds, int ConnectCalls, string Text);

internal static class Scenarios
{
    public static readonly ImmutableArray<Scenario> All = ImmutableArray.Create(
        new Scenario("poll by reconnecting (CHAT001)", ["CHAT001"], 1, """
            public sealed class UnreadPoller{id} : System.IAsyncDisposable
            {
                private readonly ChatClient _client = new("dev-api-key");

                public int Unread { get; private set; }

                public async Task PollAsync(ChatUser user, string token, CancellationToken cancellationToken)
                {
                    while (!cancellationToken.IsCancellationRequested)
                    {
                        var response = await _client.ConnectUserAsync(user, token);
                        Unread = response.Me.TotalUnreadCount;
                        await Task.Delay(System.TimeSpan.FromSeconds(30), cancellationToken);
                    }
                }

                public async ValueTask DisposeAsync() => await _client.DisposeAsync();
            }
            """),
        new Scenario("import by connecting (CHAT007)", ["CHAT007"], 1, """
            public sealed class UserImport{id} : System.IAsyncDisposable
            {
                private readonly ChatClient _client = new("dev-api-key");

                public async Task ImportAsync(IEnumerable<string> userIds)
                {
                    foreach (var id in userIds)
                    {
                        await _client.ConnectUserAsync(new ChatUser(id), ChatClient.DevToken(id));
                        await _client.DisconnectUserAsync();
                    }
                }

                public ValueTask DisposeAsync() => _client.DisposeAsync();
            }
            """),
        new Scenario("Blazor connect after every render, no disconnect (CHAT002, CHAT004)", ["CHAT002", "CHAT004"], 1, """
            public sealed class ChatBadge{id} : Microsoft.AspNetCore.Components.ComponentBase
            {
                [Microsoft.AspNetCore.Components.Inject]
                public IChatClient Chat { get; set; } = default!;

                [Microsoft.AspNetCore.Components.Parameter]
                public string UserId { get; set; } = "";

                protected override async Task OnAfterRenderAsync(bool firstRender)
                {
                    await Chat.ConnectUserAsync(new ChatUser(UserId), ChatClient.DevToken(UserId));
                    StateHasChanged();
                }
            }
            """),
        new Scenario("Unity per-frame connect through a helper (CHAT002)", ["CHAT002"], 1, """
            public sealed class ChatHud{id} : UnityEngine.MonoBehaviour
            {
                private readonly ChatClient _client = new("dev-api-key");

                private void Update() => EnsureChat();

                private void EnsureChat() => _ = _client.ConnectUserAsync(new ChatUser("player-{id}"), ChatClient.DevToken("player-{id}"));

                private void OnDestroy() => _client.Dispose();
            }
            """),
        new Scenario("controller connects per request (CHAT003)", ["CHAT003"], 1, """
            [Microsoft.AspNetCore.Mvc.ApiController]
            public sealed class UnreadController{id} : Microsoft.AspNetCore.Mvc.ControllerBase
            {
                [Microsoft.AspNetCore.Mvc.HttpGet("unread/{userId}")]
                public async Task<int> UnreadAsync(string userId)
                {
                    await using var client = new ChatClient("dev-api-key");
                    var response = await client.ConnectUserAsync(new ChatUser(userId), ChatClient.DevToken(userId));
                    return response.Me.TotalUnreadCount;
                }
            }
            """),
        new Scenario("Blazor unguarded connect in OnParametersSetAsync (CHAT005)", ["CHAT005"], 1, """
            public sealed class ChatThread{id} : Microsoft.AspNetCore.Components.ComponentBase, System.IAsyncDisposable
            {
                [Microsoft.AspNetCore.Components.Inject]
                public IChatClient Chat { get; set; } = default!;

                [Microsoft.AspNetCore.Components.Parameter]
                public string UserId { get; set; } = "";

                public int Unread { get; private set; }

                protected override async Task OnParametersSetAsync()
                {
                    var response = await Chat.ConnectUserAsync(new ChatUser(UserId), ChatClient.DevToken(UserId));
                    Unread = response.Me.TotalUnreadCount;
                }

                public async ValueTask DisposeAsync() => await Chat.DisconnectUserAsync();
            }
            """),
        new Scenario("service that never disconnects (CHAT004)", ["CHAT004"], 1, """
            public sealed class NotificationService{id}
            {
                private readonly IChatClient _client;

                public NotificationService{id}(IChatClient client) => _client = client;

                public Task StartAsync(ChatUser user, string token) => _client.ConnectUserAsync(user, token);
            }
            """),
        new Scenario("transient client registration (CHAT006)", ["CHAT006"], 0, """
            public static class ChatRegistration{id}
            {
                public static Microsoft.Extensions.DependencyInjection.IServiceCollection AddChat{id}(
                    this Microsoft.Extensions.DependencyInjection.IServiceCollection services, string apiKey) =>
                    Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddTransient<IChatClient>(services, _ => new ChatClient(apiKey));
            }
            """),
        new Scenario("Blazor connect once, guarded, disconnected (correct)", [], 1, """
            public sealed class ChatStatus{id} : Microsoft.AspNetCore.Components.ComponentBase, System.IAsyncDisposable
            {
                [Microsoft.AspNetCore.Components.Inject]
                public IChatClient Chat { get; set; } = default!;

                [Microsoft.AspNetCore.Components.Parameter]
                public string UserId { get; set; } = "";

                protected override async Task OnInitializedAsync()
                {
                    if (!Chat.IsConnected)
                    {
                        await Chat.ConnectUserAsync(new ChatUser(UserId), ChatClient.DevToken(UserId));
                    }
                }

                public async ValueTask DisposeAsync() => await Chat.DisconnectUserAsync();
            }
            """),
        new Scenario("Unity connect in Start, disconnect in OnDestroy (correct)", [], 1, """
            public sealed class ChatPresence{id} : UnityEngine.MonoBehaviour
            {
                private readonly ChatClient _client = new("dev-api-key");

                public bool Online { get; private set; }

                private async void Start()
                {
                    if (!_client.IsConnected)
                    {
                        await _client.ConnectUserAsync(new ChatUser("player-{id}"), ChatClient.DevToken("player-{id}"));
                    }
                }

                private void Update() => Online = _client.IsConnected;

                private async void OnDestroy() => await _client.DisconnectUserAsync();
            }
            """));

    /// <summary>
    /// Corpus N's stand-in for <c>Chat.Client</c>: the same shapes under another namespace, so N
    /// binds the same code while referencing no targeted client.
    /// </summary>
    public const string LookAlikeClient = """
        namespace Messaging
        {
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class ChatUser
            {
                public ChatUser(string id) => Id = id;

                public string Id { get; }
            }

            public sealed class OwnUser
            {
                public int TotalUnreadCount { get; set; }
            }

            public sealed class ConnectResponse
            {
                public OwnUser Me { get; } = new();
            }

            public interface IChatClient : IAsyncDisposable, IDisposable
            {
                bool IsConnected { get; }

                Task<ConnectResponse> ConnectUserAsync(ChatUser user, string token, CancellationToken cancellationToken = default);

                Task DisconnectUserAsync(CancellationToken cancellationToken = default);
            }

            public sealed class ChatClient : IChatClient
            {
                public ChatClient(string apiKey) => ApiKey = apiKey;

                public string ApiKey { get; }

                public bool IsConnected { get; private set; }

                public static string DevToken(string userId) => "dev." + userId;

                public Task<ConnectResponse> ConnectUserAsync(ChatUser user, string token, CancellationToken cancellationToken = default)
                {
                    IsConnected = true;
                    return Task.FromResult(new ConnectResponse());
                }

                public Task DisconnectUserAsync(CancellationToken cancellationToken = default)
                {
                    IsConnected = false;
                    return Task.CompletedTask;
                }

                public ValueTask DisposeAsync() => new(DisconnectUserAsync());

                public void Dispose() => IsConnected = false;
            }
        }
        """;

    /// <summary>Unity cannot be referenced here: the exact full names the rules key on, as samples/Shared/UnityEngine.cs has them.</summary>
    public const string UnityStub = """
        namespace UnityEngine
        {
            public class Object { }

            public class Component : Object { }

            public class Behaviour : Component
            {
                public bool enabled { get; set; } = true;
            }

            public class MonoBehaviour : Behaviour { }
        }
        """;
}
