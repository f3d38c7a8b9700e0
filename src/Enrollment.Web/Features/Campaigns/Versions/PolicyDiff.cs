using System.Text.Json.Nodes;

namespace Enrollment.Web.Features.Campaigns.Versions;

/// <summary>One setting that differs between two policy versions, by JSON path.</summary>
internal sealed record PolicyDifference(string Path, string? Before, string? After);

/// <summary>
/// Compares two policy documents setting by setting (every leaf of the JSON, by path). Subsidy rules are matched
/// by basis, not position (<c>subsidies[orphan].share</c>, with an <c>order</c> leaf), so moving a rule reads as
/// one changed order instead of every field of two rules.
/// </summary>
internal static class PolicyDiff
{
    public static List<PolicyDifference> Compare(string beforeJson, string afterJson)
    {
        var before = Flatten(JsonNode.Parse(beforeJson));
        var after = Flatten(JsonNode.Parse(afterJson));
        return [.. before.Keys.Union(after.Keys)
            .Where(k => k != "version" && before.GetValueOrDefault(k) != after.GetValueOrDefault(k))
            .Select(k => new PolicyDifference(k, before.GetValueOrDefault(k), after.GetValueOrDefault(k)))];
    }

    private static Dictionary<string, string?> Flatten(JsonNode? root)
    {
        var leaves = new Dictionary<string, string?>(StringComparer.Ordinal);
        Walk(root, "", leaves);
        return leaves;
    }

    private static void Walk(JsonNode? node, string path, Dictionary<string, string?> leaves)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    Walk(value, path.Length == 0 ? key : $"{path}.{key}", leaves);
                }
                break;
            case JsonArray rules when path == "subsidies":
                var seen = new Dictionary<string, int>(StringComparer.Ordinal);
                for (var i = 0; i < rules.Count; i++)
                {
                    var basis = rules[i]?["basis"]?.GetValue<string>() ?? "?";
                    var n = seen[basis] = seen.GetValueOrDefault(basis) + 1;
                    var key = n == 1 ? basis : $"{basis}#{n}";
                    Walk(rules[i], $"subsidies[{key}]", leaves);
                    leaves[$"subsidies[{key}].order"] = (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
                break;
            case JsonArray codes when path.EndsWith(".history", StringComparison.Ordinal):
                // A rule's history list is one setting (连续参保、首次参保), not one per position.
                leaves[path] = string.Join(",", codes.Select(c => c?.GetValue<string>()));
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Walk(array[i], $"{path}[{i}]", leaves);
                }
                break;
            case null:
                leaves[path] = null;
                break;
            default:
                leaves[path] = node.ToJsonString(Enrollment.Domain.Policies.PolicyJson.Options).Trim('"');
                break;
        }
    }
}
