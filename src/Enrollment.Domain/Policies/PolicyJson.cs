using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Enrollment.Domain.Policies;

/// <summary>
/// JSON form of <see cref="PolicyDocument"/>: camelCase properties, ISO dates, string codes in snake_case,
/// unknown properties rejected (a typo must not silently drop a rule), Chinese written as is.
/// </summary>
public static class PolicyJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize(PolicyDocument document) => JsonSerializer.Serialize(document, Options);

    /// <summary>Parses JSON; a syntax or type error becomes one problem with its path instead of an exception.</summary>
    public static bool TryDeserialize(string json, out PolicyDocument? document, out PolicyProblem? problem)
    {
        try
        {
            document = JsonSerializer.Deserialize<PolicyDocument>(json, Options);
            problem = document is null ? Problem("$", "document is null", "文件内容为空") : null;
            return document is not null;
        }
        catch (JsonException ex)
        {
            document = null;
            var where = ex.LineNumber is { } line ? $" (line {line + 1})" : "";
            problem = Problem(
                ToPath(ex.Path),
                $"not valid policy JSON{where}: {ex.Message}",
                $"不是有效的政策 JSON{where}：请检查该处的格式、字段名和取值类型");
            return false;
        }
    }

    /// <summary>Parses a stream (e.g. an embedded resource) as UTF-8 JSON.</summary>
    public static bool TryDeserialize(Stream utf8Json, out PolicyDocument? document, out PolicyProblem? problem)
    {
        using var reader = new StreamReader(utf8Json);
        return TryDeserialize(reader.ReadToEnd(), out document, out problem);
    }

    private static PolicyProblem Problem(string path, string message, string chinese) =>
        new(ProblemSeverity.Error, path, "json.invalid", message, chinese);

    // System.Text.Json reports "$.subsidies[3].share"; problems use "subsidies[3].share".
    private static string ToPath(string? jsonPath) =>
        string.IsNullOrEmpty(jsonPath) || jsonPath == "$" ? "$" : jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath;
}
