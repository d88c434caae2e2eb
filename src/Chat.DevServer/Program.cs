using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using Chat.DevServer;

if (args.Any(argument => argument is "--help" or "-h" or "-?"))
{
    Console.WriteLine(DevServerOptions.Usage);
    return 0;
}

var printTokenFor = args.Length > 0 && args[0] == "token" ? (args.Length > 1 && !args[1].StartsWith("--", StringComparison.Ordinal) ? args[1] : "") : null;
DevServerOptions options;
try
{
    options = DevServerOptions.Parse(printTokenFor is null ? args : args.Skip(2).ToArray());
    if (printTokenFor == "")
    {
        throw new ArgumentException("The token command needs a user id: token <user-id> [options].");
    }

    if (printTokenFor is not null)
    {
        ChatStore.ValidateUserId(printTokenFor);
    }
}
catch (Exception exception) when (exception is ArgumentException or ChatError)
{
    // The "(Parameter 'x')" suffix helps code that catches the exception, not a person at a prompt.
    var message = exception is ArgumentException { ParamName: { } parameter }
        ? exception.Message.Replace($" (Parameter '{parameter}')", "", StringComparison.Ordinal)
        : exception.Message;
    Console.Error.WriteLine(message);
    Console.Error.WriteLine("Run with --help for the options.");
    return 2;
}

if (printTokenFor is not null)
{
    Console.WriteLine(new TokenAuthority(options).CreateUserToken(printTokenFor, null, null, null));
    return 0;
}

DevServer server;
try
{
    server = await DevServer.StartAsync(options);
}
catch (IOException exception)
{
    Console.Error.WriteLine($"Could not start the development server: {exception.Message}");
    return 1;
}

await using (server)
{
    var stop = new TaskCompletionSource();
    void RequestStop(PosixSignalContext context)
    {
        context.Cancel = true;
        stop.TrySetResult();
    }

    using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, RequestStop);
    using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, RequestStop);

    var mode = options.Mode.ToString().ToLowerInvariant();
    var connectUrl = new Uri(server.WebSocketUrl, "connect");
    Console.WriteLine($"Chat.DevServer ({mode} mode) listening on {server.HttpUrl}");
    Console.WriteLine($"  WebSocket:  {connectUrl}");
    if (server.JavaScriptSdkWebSocketUrl is { } sdkUrl)
    {
        Console.WriteLine($"              {new Uri(sdkUrl, "connect")} (where the JavaScript SDK connects for a base URL on port 3030)");
    }

    Console.WriteLine($"  API key:    {options.ApiKey}");
    if (options.ApiSecret == DevServerOptions.DefaultApiSecret)
    {
        Console.WriteLine($"  API secret: {options.ApiSecret} (the built-in development secret)");
    }

    Console.WriteLine($"  Connections per user: {options.EffectiveConnectionLimitPerUser}");
    if (options.Mode == DevServerMode.Development)
    {
        Console.WriteLine($"  Dev token for user \"demo\": {TokenAuthority.CreateDevToken("demo")}");
        Console.WriteLine($"  Open connections: {new Uri(server.HttpUrl, "debug/connections")}");
    }
    else
    {
        Console.WriteLine($"  Token for user \"demo\": {server.CreateUserToken("demo")}");
    }

    var secretArgument = options.ApiSecret == DevServerOptions.DefaultApiSecret ? "" : " --api-secret <secret>";
    Console.WriteLine($"  Signed token for another user: dotnet run --project src/Chat.DevServer -- token <user-id>{secretArgument}");
    Console.WriteLine("Press Ctrl+C to stop.");

    await stop.Task;
    Console.WriteLine("Stopping: closing connections with 4000 so that clients reconnect.");
    await server.StopAsync();
}

return 0;
