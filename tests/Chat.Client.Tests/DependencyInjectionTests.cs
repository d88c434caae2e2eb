using System;
using System.Diagnostics.Metrics;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static Chat.Client.Tests.TestServers;

namespace Chat.Client.Tests;

public sealed class DependencyInjectionTests
{
    [Fact]
    public async Task AddChatClient_registers_one_client_as_both_types_with_the_containers_logging_and_metrics()
    {
        await using var server = await StartAsync();
        using var probe = new MetricsProbe();
        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddSingleton<IMeterFactory>(probe);
        services.AddSingleton<ILoggerFactory>(logs);

        services.AddChatClient(ApiKey, options => options.BaseUrl = server.WebSocketUrl);
        await using (var provider = services.BuildServiceProvider())
        {
            var client = provider.GetRequiredService<ChatClient>();
            Assert.Same(client, provider.GetRequiredService<IChatClient>());
            Assert.Equal(1, probe.MetersCreated);

            await client.ConnectUserAsync(new ChatUser("wes"), ChatClient.DevToken("wes"));
            Assert.Equal(1, probe.ActiveConnections);
            Assert.Contains(logs.Entries, entry => entry.Level == LogLevel.Information && entry.Text.Contains("wes", StringComparison.Ordinal));
        }

        // Disposing the container disposes the client, which closes its socket.
        Assert.Equal(0, probe.ActiveConnections);
    }

    [Fact]
    public void A_second_AddChatClient_is_refused()
    {
        var services = new ServiceCollection();
        services.AddChatClient("key");

        Assert.Throws<InvalidOperationException>(() => services.AddChatClient("key"));
    }
}
