using System;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Chat.Client;

/// <summary>The HS256 JSON Web Tokens the protocol uses.</summary>
internal static class Jwt
{
    /// <summary>Base64url of <c>{"alg":"HS256","typ":"JWT"}</c>.</summary>
    public static readonly string Header = Base64UrlEncode(Encoding.UTF8.GetBytes("{\"alg\":\"HS256\",\"typ\":\"JWT\"}"));

    public static string Sign(byte[] payloadJson, byte[] secret)
    {
        var signingInput = Header + "." + Base64UrlEncode(payloadJson);
        using var hmac = new HMACSHA256(secret);
        return signingInput + "." + Base64UrlEncode(hmac.ComputeHash(Encoding.ASCII.GetBytes(signingInput)));
    }

    /// <summary>Reads the <c>user_id</c> claim without checking the signature (only the server can).</summary>
    /// <returns><see langword="false"/> when the token is not a JWT with a readable JSON payload.</returns>
    public static bool TryReadUserId(string token, out string? userId)
    {
        userId = null;
        var parts = token.Split('.');
        if (parts.Length != 3 || parts[1].Length == 0)
        {
            return false;
        }

        byte[] payload;
        try
        {
            payload = Base64UrlDecode(parts[1]);
        }
        catch (FormatException)
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(payload);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            userId = ChatJson.GetString(document.RootElement, "user_id");
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    public static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Decodes base64url, and also padded standard base64 (the JavaScript SDK's development tokens).</summary>
    public static byte[] Base64UrlDecode(string text)
    {
        var base64 = text.TrimEnd('=').Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '='));
    }
}
