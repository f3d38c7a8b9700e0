using System.Text.Json.Nodes;

namespace Enrollment.Web.Features.Campaigns.Versions;

/// <summary>One setting that differs between two policy versions, by JSON path.</summary>
internal sealed record PolicyDifference(string Path, string? Before, string? After);

/// <summary>Compares two policy documents setting by setting (every leaf of the JSON, by path).</summary>
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
