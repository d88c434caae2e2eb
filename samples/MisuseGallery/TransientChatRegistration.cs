using Chat.Client;
using Microsoft.Extensions.DependencyInjection;

namespace MisuseGallery;

/// <summary>CHAT006: a transient client: every page or service that asks for one opens another socket for the same user.</summary>
public static class TransientChatRegistration
{
    public static IServiceCollection AddChat(this IServiceCollection services, string apiKey) =>
        services.AddTransient<IChatClient>(_ => new ChatClient(apiKey));
}
