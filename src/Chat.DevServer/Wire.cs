using System;
using System.Globalization;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Chat.DevServer;

/// <summary>Formats shared by every JSON payload the server writes.</summary>
internal static class Wire
{
    /// <summary>RFC 3339 in UTC with microseconds, which both JavaScript's Date and .NET parse.</summary>
    public static string Timestamp(DateTime utc) =>
        utc.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The "duration" member of REST responses, in the service's "1.23ms" form.</summary>
    public static string Duration(TimeSpan elapsed) =>
        elapsed.TotalMilliseconds.ToString("0.00", CultureInfo.InvariantCulture) + "ms";

    public static byte[] ToUtf8(JsonNode node)
    {
        using var buffer = new MemoryStream();
        // Relaxed escaping keeps quotes and non-ASCII readable in curl output; the payloads are
        // JSON served as application/json and are never embedded in HTML.
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            node.WriteTo(writer);
        }

        return buffer.ToArray();
    }

    /// <summary>The string value of <paramref name="node"/>, or null when it is missing or not a string.</summary>
    public static string? AsString(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
