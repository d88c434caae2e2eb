using BlazorChat;
using Chat.Client;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Components.WebAssembly.Hosting;
using Microsoft.Extensions.DependencyInjection;

var builder = WebAssemblyHostBuilder.CreateDefault(args);
builder.RootComponents.Add<App>("#app");
builder.RootComponents.Add<HeadOutlet>("head::after");

var settings = ChatAppSettings.Read(builder.Configuration);
builder.Services.AddSingleton(settings);
builder.Services.AddChatClient(settings.ApiKey, options => options.BaseUrl = settings.ServerUrl);
builder.Services.AddSingleton<ChatSessionService>();

await builder.Build().RunAsync();
