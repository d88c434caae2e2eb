using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Chat.DevServer;

/// <summary>
/// The development chat server: Kestrel on loopback with an in-memory store, speaking the server
/// side of PROTOCOL.md. Start one with <see cref="StartAsync"/>; tests run it in-process on a
/// free port, the executable on 3030.
/// </summary>
public sealed class DevServer : IAsyncDisposable
{
    // Sessions abort their socket 2 s after our close frame, so this only guards against surprises.
    private static readonly TimeSpan SessionDrainTimeout = TimeSpan.FromSeconds(5);

    private readonly WebApplication _app;
    private readonly ConnectionRegistry _connections;
    private readonly TokenAuthority _tokens;
    private readonly object _stopGate = new();
    private Task? _stopping;
    private bool _disposed;

    private DevServer(WebApplication app, DevServerOptions options, ConnectionRegistry connections, TokenAuthority tokens, int port)
    {
        _app = app;
        Options = options;
        _connections = connections;
        _tokens = tokens;
        Port = port;
        var host = DisplayHost(options.ResolveHostAddress());
        HttpUrl = new UriBuilder(Uri.UriSchemeHttp, host, port, "/").Uri;
        WebSocketUrl = new UriBuilder(Uri.UriSchemeWs, host, port, "/").Uri;
        if (ListensOnJavaScriptSdkWebSocketPort(options))
        {
            JavaScriptSdkWebSocketUrl = new UriBuilder(Uri.UriSchemeWs, host, DevServerOptions.JavaScriptSdkWebSocketPort, "/").Uri;
        }
    }

    /// <summary>A copy of the options the server was started with (later changes to the caller's instance do not apply).</summary>
    public DevServerOptions Options { get; }

    /// <summary>Base HTTP URL, with the actual port when <see cref="DevServerOptions.Port"/> was 0.</summary>
    public Uri HttpUrl { get; }

    /// <summary>Base WebSocket URL; clients connect to <c>connect</c> below it.</summary>
    public Uri WebSocketUrl { get; }

    /// <summary>The extra WebSocket URL the JavaScript SDK derives from a base URL on port 3030, when served.</summary>
    public Uri? JavaScriptSdkWebSocketUrl { get; }

    public int Port { get; }

    public int TotalOpenConnections => _connections.Total;

    /// <exception cref="ArgumentException">An option is invalid (see <see cref="DevServerOptions.Validate"/>).</exception>
    /// <exception cref="IOException">The port is in use.</exception>
    public static async Task<DevServer> StartAsync(DevServerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options = options.Clone();
        options.Validate();
        var address = options.ResolveHostAddress();

        var connections = new ConnectionRegistry();
        var tokens = new TokenAuthority(options);
        var store = new ChatStore(userId => connections.OpenConnections(userId) > 0);

        // The empty builder reads no appsettings, environment variables or command line, so a
        // server started by a test behaves the same whatever the machine's environment says.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(DevServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = SessionDrainTimeout);
        builder.Logging.SetMinimumLevel(options.MinimumLogLevel);
        if (options.MinimumLogLevel >= LogLevel.Information)
        {
            // ASP.NET Core logs every request at Information; the server's own lines are the useful ones.
            builder.Logging.AddFilter("Microsoft", level => level >= LogLevel.Warning && level >= options.MinimumLogLevel);
        }

        // A failed start (port in use) reaches the caller as an exception; the host would also
        // log it with a full stack trace, which buries the one clear line the executable prints.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);

        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss ";
        });
        builder.Services.AddRoutingCore();
        builder.Services.AddCors();
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = RestApi.MaxRequestBodyBytes;
            kestrel.Listen(address, options.Port);
            if (ListensOnJavaScriptSdkWebSocketPort(options))
            {
                kestrel.Listen(address, DevServerOptions.JavaScriptSdkWebSocketPort);
            }
        });

        var app = builder.Build();

        // A Blazor WebAssembly app on another loopback port calls the REST API from the browser;
        // the SDKs send no cookies, so any origin may call without credentials.
        app.UseCors(policy => policy.AllowAnyOrigin().AllowAnyHeader().AllowAnyMethod().SetPreflightMaxAge(TimeSpan.FromMinutes(10)));

        // Ping idle sockets and drop peers that stop answering, so that a client which vanished
        // without a close (a sleeping laptop, a killed tab) does not hold a connection slot forever.
        app.UseWebSockets(new WebSocketOptions
        {
            KeepAliveInterval = TimeSpan.FromSeconds(30),
            KeepAliveTimeout = TimeSpan.FromSeconds(30),
        });

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Chat.DevServer");
        var connect = new ConnectEndpoint(options, tokens, store, connections, logger);
        app.Map("/connect", connect.HandleAsync);
        new RestApi(options, tokens, store, connections).Map(app);

        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException exception) when (ListensOnJavaScriptSdkWebSocketPort(options))
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw new IOException(
                exception.Message + $" On port {DevServerOptions.JavaScriptSdkHttpPort} the server also listens on {DevServerOptions.JavaScriptSdkWebSocketPort}, where the JavaScript SDK connects its WebSocket; pass --no-js-sdk-ws-port if that port is taken.",
                exception);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return new DevServer(app, options, connections, tokens, BoundPort(app, options.Port));
    }

    /// <summary>Open connections of <paramref name="userId"/>, counting those admitted and not yet closed.</summary>
    public int OpenConnections(string userId)
    {
        ArgumentNullException.ThrowIfNull(userId);
        return _connections.OpenConnections(userId);
    }

    /// <summary>An HS256 token for <paramref name="userId"/> signed with the API secret; times are optional claims.</summary>
    public string CreateUserToken(string userId, DateTimeOffset? expires = null, DateTimeOffset? notBefore = null, DateTimeOffset? issuedAt = null) =>
        _tokens.CreateUserToken(userId, expires, notBefore, issuedAt);

    /// <summary>A server token (<c>{"server": true}</c>) for the REST endpoints that need one.</summary>
    public string CreateServerToken() => _tokens.CreateServerToken();

    /// <summary>
    /// Closes every WebSocket with 4000 ("server shutting down") so that clients reconnect, waits
    /// for their handlers, then stops Kestrel. Calling it again returns the same task.
    /// </summary>
    public Task StopAsync(CancellationToken cancellationToken = default)
    {
        lock (_stopGate)
        {
            return _stopping ??= StopCoreAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task StopCoreAsync(CancellationToken cancellationToken)
    {
        var sessions = _connections.BeginShutdown();
        await Task.WhenAll(sessions.Select(session => session.CloseAsync(ConnectEndpoint.ShutdownCloseStatus, ConnectEndpoint.ShutdownCloseReason))).ConfigureAwait(false);
        try
        {
            await Task.WhenAll(sessions.Select(session => session.Ended)).WaitAsync(SessionDrainTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Kestrel aborts whatever is still open when it stops below.
        }

        await _app.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    private static bool ListensOnJavaScriptSdkWebSocketPort(DevServerOptions options) =>
        options.ServeJavaScriptSdkWebSocketPort && options.Port == DevServerOptions.JavaScriptSdkHttpPort;

    private static int BoundPort(WebApplication app, int requestedPort)
    {
        if (requestedPort != 0)
        {
            return requestedPort;
        }

        var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        return new Uri(addresses.Single()).Port;
    }

    /// <summary>A wildcard address is not something a client can connect to; loopback is.</summary>
    private static string DisplayHost(IPAddress address)
    {
        if (address.Equals(IPAddress.Any))
        {
            return IPAddress.Loopback.ToString();
        }

        if (address.Equals(IPAddress.IPv6Any))
        {
            return "[" + IPAddress.IPv6Loopback + "]";
        }

        return address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "[" + address + "]" : address.ToString();
    }

    /// <summary>
    /// The host never listens to Ctrl+C or SIGTERM itself: the executable decides when to stop,
    /// and tests run many servers in one process without each grabbing the console's signals.
    /// </summary>
    private sealed class EmbeddedHostLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
