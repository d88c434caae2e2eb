using System;
using System.Diagnostics.Metrics;
using System.Linq;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Chat.Client;

/// <summary>Registers the chat client in a dependency-injection container.</summary>
public static class ChatServiceCollectionExtensions
{
    /// <summary>
    /// Registers one <see cref="ChatClient"/> for the container, resolvable as <see cref="ChatClient"/> and as
    /// <see cref="IChatClient"/> (the same instance). Unless <paramref name="configure"/> sets them, the
    /// container's <see cref="ILoggerFactory"/> and <see cref="IMeterFactory"/> are used when registered.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="apiKey"/> is empty.</exception>
    /// <exception cref="InvalidOperationException">A chat client is already registered in <paramref name="services"/>.</exception>
    public static IServiceCollection AddChatClient(this IServiceCollection services, string apiKey, Action<ChatClientOptions>? configure = null)
    {
        if (services is null)
        {
            throw new ArgumentNullException(nameof(services));
        }

        if (string.IsNullOrWhiteSpace(apiKey))
        {
            throw new ArgumentException("An API key is required.", nameof(apiKey));
        }

        if (services.Any(descriptor => descriptor.ServiceType == typeof(ChatClient) || descriptor.ServiceType == typeof(IChatClient)))
        {
            // A second registration would mean a second client, hence a second socket for the same user.
            throw new InvalidOperationException("A chat client is already registered; AddChatClient registers the one client of the container.");
        }

        services.AddSingleton(provider =>
        {
            var options = new ChatClientOptions();
            configure?.Invoke(options);
            options.LoggerFactory ??= provider.GetService<ILoggerFactory>();
            options.MeterFactory ??= provider.GetService<IMeterFactory>();
            return new ChatClient(apiKey, options);
        });
        services.AddSingleton<IChatClient>(provider => provider.GetRequiredService<ChatClient>());
        return services;
    }
}
