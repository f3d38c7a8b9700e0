using System.Globalization;
using Enrollment.Domain.Errors;
using Enrollment.Domain.Policies;
using Enrollment.Domain.Rules;
using static Enrollment.Domain.Tests.TestResidents;

namespace Enrollment.Domain.Tests.Campaigns;

/// <summary>
/// One table row, written as
/// <c>birth | categories | history gap | paid =&gt; payable subsidy basis county township mode coverage late</c>
/// (basis and mode <c>-</c> when no subsidy applies) or <c>... =&gt; ERROR Code</c>.
/// </summary>
internal static class CampaignCase
{
    private static readonly Dictionary<string, CompiledPolicy> Policies = PolicyCatalog.CampaignIds.ToDictionary(id => id, PolicyCatalog.Compile);

    public static CompiledPolicy Policy(string campaignId) => Policies[campaignId];

    public static Quote Run(string campaignId, string row)
    {
        var (input, expected) = Split(row);
        var quote = Policy(campaignId).Quote(ParseRequest(input));
        var e = expected.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (e[0] == "ERROR")
        {
            quote.IsSuccess.ShouldBeFalse(row);
            quote.Error.Code.ShouldBe(Enum.Parse<DomainErrorCode>(e[1]), row);
            return quote;
        }

        quote.IsSuccess.ShouldBeTrue($"{row}: {quote.Error.ToEnglish()}");
        var actual = string.Join(' ',
            M(quote.Payable), M(quote.Subsidy), quote.HasSubsidy ? quote.Basis.ToCode() : "-", M(quote.CountyShare), M(quote.TownshipShare),
            quote.HasSubsidy ? quote.Mode.ToCode() : "-", quote.CoverageStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            quote.Late ? "true" : "false");
        actual.ShouldBe(string.Join(' ', e), row);
        return quote;
    }

    public static QuoteRequest ParseRequest(string input)
    {
        var parts = input.Split('|', StringSplitOptions.TrimEntries);
        var categories = default(CertifiedCategories);
        foreach (var token in parts[1].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var at = token.IndexOf('@', StringComparison.Ordinal);
            BasisCodes.TryParse(at < 0 ? token : token[..at], out var code).ShouldBeTrue(token);
            categories = categories.With(code, at < 0 ? null : D(token[(at + 1)..]));
        }

        var history = parts[2].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        EnrollmentHistories.TryParse(history[0], out var h).ShouldBeTrue(parts[2]);
        return new QuoteRequest(Id(parts[0]), categories, h, int.Parse(history[1], CultureInfo.InvariantCulture), D(parts[3]));
    }

    private static (string Input, string Expected) Split(string row)
    {
        var arrow = row.IndexOf("=>", StringComparison.Ordinal);
        return (row[..arrow].Trim(), row[(arrow + 2)..].Trim());
    }

    private static string M(decimal value) => value.ToString("F2", CultureInfo.InvariantCulture);
}
