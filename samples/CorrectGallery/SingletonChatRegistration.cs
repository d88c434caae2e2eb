using Chat.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CorrectGallery;

/// <summary>One client for the container: every page and service shares the user's one socket.</summary>
public static class SingletonChatRegistration
{
    public static IServiceCollection AddChat(this IServiceCollection services, string apiKey) =>
        services.AddSingleton<IChatClient>(_ => new ChatClient(apiKey));
}
