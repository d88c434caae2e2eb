using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Chat.Client.Tests;

/// <summary>
/// A loopback WebSocket server whose behaviour each test scripts per connection: for what the development
/// server never does on its own (stay silent, close with 1000, never send the first event).
/// </summary>
internal sealed class ScriptedServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Func<ScriptedConnection, Task> _script;
    private int _accepted;
    private int _open;

    private ScriptedServer(Func<ScriptedConnection, Task> script)
    {
        _script = script;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.UseWebSockets();
        _app.Map("/connect", HandleAsync);
    }

    public Uri WebSocketUrl { get; private set; } = null!;

    /// <summary>Connections accepted so far.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>Connections whose socket the server still holds.</summary>
    public int Open => Volatile.Read(ref _open);

    /// <summary>The query strings of the connect requests, in arrival order.</summary>
    public ConcurrentQueue<string> ConnectQueries { get; } = new();

    /// <summary>Text messages received from clients, in arrival order.</summary>
    public ConcurrentQueue<string> Received { get; } = new();

    public static async Task<ScriptedServer> StartAsync(Func<ScriptedConnection, Task> script)
    {
        var server = new ScriptedServer(script);
        await server._app.StartAsync();
        var address = server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.WebSocketUrl = new Uri(address.Replace("http://", "ws://", StringComparison.Ordinal) + "/");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        ConnectQueries.Enqueue(context.Request.QueryString.Value ?? "");
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var number = Interlocked.Increment(ref _accepted);
        Interlocked.Increment(ref _open);
        try
        {
            await _script(new ScriptedConnection(socket, number, Received, context.RequestAborted));
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or System.IO.IOException)
        {
            // The client went away, which is what several scripts wait for.
        }
        finally
        {
            Interlocked.Decrement(ref _open);
        }
    }
}

/// <summary>One accepted socket, with the protocol moves scripts need.</summary>
internal sealed class ScriptedConnection
{
    private readonly ConcurrentQueue<string> _received;

    public ScriptedConnection(WebSocket socket, int number, ConcurrentQueue<string> received, CancellationToken aborted)
    {
        Socket = socket;
        Number = number;
        _received = received;
        Aborted = aborted;
    }

    public WebSocket Socket { get; }

    /// <summary>1 for the first connection the server accepted, 2 for the next, and so on.</summary>
    public int Number { get; }

    public CancellationToken Aborted { get; }

    public Task SendWelcomeAsync(string userId) => SendTextAsync(
        $$$"""{"type":"health.check","connection_id":"conn-{{{Number}}}","cid":"*","created_at":"2024-05-01T10:00:00.123456789Z","me":{"id":"{{{userId}}}","role":"user","online":true,"created_at":"2024-05-01T10:00:00.123456789Z","total_unread_count":0,"unread_count":0,"unread_channels":0,"unread_threads":0,"devices":[],"mutes":[],"channel_mutes":[]}}""");

    public async Task SendErrorAndCloseAsync(int code, string message)
    {
        await SendTextAsync($$$"""{"type":"connection.error","connection_id":"","created_at":"2024-05-01T10:00:00Z","error":{"code":{{{code}}},"message":"{{{message}}}","StatusCode":401,"duration":"","more_info":"","details":[]}}""");
        await Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "", Aborted);
    }

    public Task SendTextAsync(string text) =>
        Socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, Aborted);

    /// <summary>Receives until the client closes or drops the socket, answering heartbeats only when asked to.</summary>
    public async Task ReceiveUntilClosedAsync(bool answerHeartbeats)
    {
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var result = await Socket.ReceiveAsync(buffer, Aborted);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                await Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", Aborted);
                return;
            }

            _received.Enqueue(Encoding.UTF8.GetString(buffer, 0, result.Count));
            if (answerHeartbeats)
            {
                await SendTextAsync($$"""{"type":"health.check","connection_id":"conn-{{Number}}","created_at":"2024-05-01T10:00:00Z"}""");
            }
        }
    }
}
