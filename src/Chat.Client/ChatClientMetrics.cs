using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Reflection;

namespace Chat.Client;

/// <summary>The client's instruments on the <c>Chat.Client</c> meter.</summary>
internal sealed class ChatClientMetrics
{
    public const string MeterName = "Chat.Client";

    private static readonly string? _version = typeof(ChatClientMetrics).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;

    // Without a factory every client shares one meter, so that a process has one "Chat.Client"
    // meter instead of one per client that listeners would have to aggregate.
    private static readonly ChatClientMetrics _shared = new(new Meter(MeterName, _version));

    private ChatClientMetrics(Meter meter)
    {
        ActiveConnections = meter.CreateUpDownCounter<long>(
            "chat.client.connections.active", "{connection}", "WebSocket connections this process holds open: +1 when a socket opens, -1 when it is closed or aborted.");
        ConnectAttempts = meter.CreateCounter<long>(
            "chat.client.connect.attempts", "{attempt}", "Sockets the client tried to open, including reconnects.");
        ConnectFailures = meter.CreateCounter<long>(
            "chat.client.connect.failures", "{attempt}", "Connect attempts that failed; tagged with error.type and, for server errors, chat.error.code.");
    }

    public UpDownCounter<long> ActiveConnections { get; }

    public Counter<long> ConnectAttempts { get; }

    public Counter<long> ConnectFailures { get; }

    public static ChatClientMetrics Create(IMeterFactory? factory) =>
        factory is null ? _shared : new ChatClientMetrics(factory.Create(new MeterOptions(MeterName) { Version = _version }));

    public void RecordFailure(System.Exception failure)
    {
        if (failure is ChatApiException apiError)
        {
            ConnectFailures.Add(
                1,
                new KeyValuePair<string, object?>("error.type", apiError.Code.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new KeyValuePair<string, object?>("chat.error.code", apiError.Code));
        }
        else
        {
            ConnectFailures.Add(1, new KeyValuePair<string, object?>("error.type", failure.GetType().FullName));
        }
    }
}
