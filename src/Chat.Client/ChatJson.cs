using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;

namespace Chat.Client;

/// <summary>JSON shapes shared by the WebSocket and REST sides of the protocol.</summary>
internal static class ChatJson
{
    // The .NET parsers accept at most 7 fractional digits; the service writes up to 9 (RFC 3339 nanoseconds).
    private const int MaxFractionDigits = 7;

    public static void ThrowIfReservedUserField(string field, string paramName)
    {
        if (field is null)
        {
            throw new ArgumentNullException(paramName);
        }

        if (field is "id" or "name" or "image")
        {
            throw new ArgumentException(
                $"'{field}' is not a custom field: set it through ChatUser.{char.ToUpperInvariant(field[0])}{field[1..]}.", paramName);
        }
    }

    /// <summary>Writes the user object: id, every set field, and the custom fields at the top level.</summary>
    /// <exception cref="ArgumentException">A custom field uses a reserved key or cannot be serialized.</exception>
    public static void WriteUser(Utf8JsonWriter writer, ChatUser user, string paramName)
    {
        writer.WriteStartObject();
        writer.WriteString("id", user.Id);
        if (user.Name is not null)
        {
            writer.WriteString("name", user.Name);
        }

        if (user.Image is not null)
        {
            writer.WriteString("image", user.Image);
        }

        foreach (var field in user.Custom)
        {
            ThrowIfReservedUserField(field.Key, paramName);
            writer.WritePropertyName(field.Key);
            try
            {
                WriteValue(writer, field.Value);
            }
            catch (Exception ex) when (ex is NotSupportedException or ArgumentException or JsonException or InvalidOperationException)
            {
                throw new ArgumentException($"Custom field '{field.Key}' of user '{user.Id}' cannot be serialized as JSON.", paramName, ex);
            }
        }

        writer.WriteEndObject();
    }

    public static byte[] Serialize(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return buffer.ToArray();
    }

    public static string? GetString(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static int GetInt32(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : 0;

    public static DateTimeOffset? GetTimestamp(JsonElement element, string property)
    {
        if (!element.TryGetProperty(property, out var value) || value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        if (value.TryGetDateTimeOffset(out var timestamp))
        {
            return timestamp;
        }

        var text = TrimFractionDigits(value.GetString()!);
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out timestamp) ? timestamp : null;
    }

    /// <summary>Reads a protocol error object (<c>code</c>, <c>message</c>, <c>StatusCode</c>).</summary>
    public static ChatApiException ReadError(JsonElement error, int fallbackStatusCode)
    {
        var code = GetInt32(error, "code");
        var statusCode = GetInt32(error, "StatusCode");
        var message = GetString(error, "message");
        return new ChatApiException(code, statusCode == 0 ? fallbackStatusCode : statusCode, string.IsNullOrEmpty(message) ? "(no message)" : message!);
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        // The common shapes are written directly so that custom fields need no reflection-based
        // serialization (trimmed Blazor WebAssembly apps); anything else goes through JsonSerializer.
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case int number:
                writer.WriteNumberValue(number);
                break;
            case long number:
                writer.WriteNumberValue(number);
                break;
            case double number:
                writer.WriteNumberValue(number);
                break;
            case decimal number:
                writer.WriteNumberValue(number);
                break;
            case DateTimeOffset timestamp:
                writer.WriteStringValue(timestamp);
                break;
            case DateTime timestamp:
                writer.WriteStringValue(timestamp);
                break;
            case Guid id:
                writer.WriteStringValue(id);
                break;
            case JsonElement element:
                element.WriteTo(writer);
                break;
            case IEnumerable<string> texts:
                writer.WriteStartArray();
                foreach (var text in texts)
                {
                    writer.WriteStringValue(text);
                }

                writer.WriteEndArray();
                break;
            default:
                JsonSerializer.Serialize(writer, value, value.GetType());
                break;
        }
    }

    private static string TrimFractionDigits(string timestamp)
    {
        var dot = timestamp.IndexOf('.');
        if (dot < 0)
        {
            return timestamp;
        }

        var end = dot + 1;
        while (end < timestamp.Length && char.IsDigit(timestamp[end]))
        {
            end++;
        }

        var digits = end - dot - 1;
        return digits <= MaxFractionDigits ? timestamp : timestamp.Remove(dot + 1 + MaxFractionDigits, digits - MaxFractionDigits);
    }
}
