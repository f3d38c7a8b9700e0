using System.Globalization;
using System.Text.Json.Nodes;
using Enrollment.Domain.Policies;
using Enrollment.Domain.Rules;

namespace Enrollment.Cli.Generate;

/// <summary>
/// The accepted campaign of the year before a shipped one, which supplies residents' enrollment history. No
/// document describes it, so it is the shipped policy moved back one year and labelled 示例 (demo).
/// </summary>
internal static class PriorYearPolicy
{
    public static string CodeFor(string campaignCode)
    {
        var dash = campaignCode.LastIndexOf('-');
        var year = int.Parse(campaignCode[(dash + 1)..], CultureInfo.InvariantCulture);
        return $"{campaignCode[..dash]}-{year - 1}";
    }

    /// <summary>The prior year's policy JSON, derived from the shipped <paramref name="campaignCode"/>.</summary>
    public static string Json(string campaignCode)
    {
        var root = JsonNode.Parse(PolicyCatalog.GetJson(campaignCode)
            ?? throw new KeyNotFoundException($"no shipped policy '{campaignCode}'"))!.AsObject();
        var year = root["policyYear"]!.GetValue<int>();
        PolicyYearShift.ShiftDates(root, -1);
        root["campaignId"] = CodeFor(campaignCode);
        root["policyYear"] = year - 1;
        root["name"] = "示例 " + root["name"]!.GetValue<string>().Replace(
            year.ToString(CultureInfo.InvariantCulture), (year - 1).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        root["source"] = $"示例（演示数据）：由 {campaignCode} 的政策文件前推一年得到，并非真实文件";
        return root.ToJsonString(new System.Text.Json.JsonSerializerOptions
        {
            WriteIndented = true,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
    }

    public static CompiledPolicy Compile(string campaignCode)
    {
        var result = PolicyLoader.Load(Json(campaignCode));
        return result.Policy ?? throw new InvalidOperationException(
            $"the prior-year policy of {campaignCode} does not validate: {string.Join("; ", result.Problems)}");
    }
}
