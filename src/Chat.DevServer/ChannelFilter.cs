using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace Chat.DevServer;

/// <summary>
/// The part of the service's channel filter language that apps and the SDKs use to list and
/// recover channels: <c>cid</c>, <c>type</c> and <c>id</c> with a value, <c>$eq</c> or <c>$in</c>;
/// <c>members</c> with a user id or <c>$in</c> (any of the users) or <c>$eq</c> (exactly these
/// users). Conditions on several fields must all hold. Anything else is refused with a clear
/// error rather than silently matching too much.
/// </summary>
internal sealed class ChannelFilter
{
    private readonly List<Func<ChannelFacts, bool>> _conditions;

    private ChannelFilter(List<Func<ChannelFacts, bool>> conditions)
    {
        _conditions = conditions;
    }

    /// <exception cref="ChatError">The filter uses a field or operator this server does not support.</exception>
    public static ChannelFilter Parse(JsonObject filter)
    {
        var conditions = new List<Func<ChannelFacts, bool>>();
        foreach (var (field, condition) in filter)
        {
            conditions.Add(field switch
            {
                "cid" => StringCondition(field, condition, facts => facts.Cid),
                "type" => StringCondition(field, condition, facts => facts.Type),
                "id" => StringCondition(field, condition, facts => facts.Id),
                "members" => MembersCondition(condition),
                _ => throw ChatError.InputError($"The development server cannot filter channels on \"{field}\"; it supports cid, type, id and members."),
            });
        }

        return new ChannelFilter(conditions);
    }

    public bool Matches(ChannelFacts facts) => _conditions.All(condition => condition(facts));

    private static Func<ChannelFacts, bool> StringCondition(string field, JsonNode? condition, Func<ChannelFacts, string> value)
    {
        if (Wire.AsString(condition) is { } expected)
        {
            return facts => value(facts) == expected;
        }

        var (operatorName, operand) = SingleOperator(field, condition);
        switch (operatorName)
        {
            case "$eq" when Wire.AsString(operand) is { } equal:
                return facts => value(facts) == equal;
            case "$in":
                var allowed = StringList(field, operand);
                return facts => allowed.Contains(value(facts));
            default:
                throw ChatError.InputError($"Filter on \"{field}\" supports a string, {{\"$eq\": \"...\"}} or {{\"$in\": [...]}}.");
        }
    }

    private static Func<ChannelFacts, bool> MembersCondition(JsonNode? condition)
    {
        if (Wire.AsString(condition) is { } member)
        {
            return facts => facts.Members.Contains(member);
        }

        var (operatorName, operand) = SingleOperator("members", condition);
        var users = StringList("members", operand);
        return operatorName switch
        {
            "$in" => facts => users.Overlaps(facts.Members),
            "$eq" => facts => users.SetEquals(facts.Members),
            _ => throw ChatError.InputError("Filter on \"members\" supports a user id, {\"$in\": [...]} or {\"$eq\": [...]}."),
        };
    }

    private static (string Operator, JsonNode? Operand) SingleOperator(string field, JsonNode? condition)
    {
        if (condition is JsonObject { Count: 1 } operation)
        {
            var (name, operand) = operation.First();
            return (name, operand);
        }

        throw ChatError.InputError($"Filter on \"{field}\" must be a value or an object with one operator.");
    }

    private static HashSet<string> StringList(string field, JsonNode? operand)
    {
        if (operand is JsonArray array && array.All(item => Wire.AsString(item) is not null))
        {
            return array.Select(item => Wire.AsString(item)!).ToHashSet(StringComparer.Ordinal);
        }

        throw ChatError.InputError($"The operand of the filter on \"{field}\" must be an array of strings.");
    }
}

/// <summary>What a <see cref="ChannelFilter"/> can look at.</summary>
internal readonly record struct ChannelFacts(string Cid, string Type, string Id, IReadOnlyCollection<string> Members);
