namespace Enrollment.Domain.Tests.Campaigns;

/// <summary>tengzhou-2025: 400 yuan, window 2024-10-01 … 2024-12-31, national newborn and waiting-period rules.</summary>
public class Tengzhou2025Tests
{
    private const string Id = "tengzhou-2025";

    [Theory]
    [InlineData("1982-04-09 | | continuing 0 | 2024-09-30 => ERROR PaymentBeforeWindow")]
    [InlineData("1982-04-09 | | continuing 0 | 2024-10-01 => 400.00 0.00 - 0.00 0.00 - 2025-01-01 false")]
    [InlineData("1982-04-09 | | interrupted 3 | 2024-12-31 => 400.00 0.00 - 0.00 0.00 - 2025-01-01 false")]
    [InlineData("1982-04-09 | | first_time 0 | 2024-12-31 => 400.00 0.00 - 0.00 0.00 - 2025-01-01 false")]
    // Late: 400 with subsidies, coverage = payment + (3 + gap) months, clamped to month end.
    [InlineData("1982-04-09 | | continuing 0 | 2025-01-01 => 400.00 0.00 - 0.00 0.00 - 2025-04-01 true")]
    [InlineData("1982-04-09 | | interrupted 2 | 2025-01-01 => 400.00 0.00 - 0.00 0.00 - 2025-06-01 true")]
    [InlineData("1982-04-09 | | interrupted 1 | 2025-05-31 => 400.00 0.00 - 0.00 0.00 - 2025-09-30 true")]
    [InlineData("1982-04-09 | | continuing 0 | 2025-11-30 => 400.00 0.00 - 0.00 0.00 - 2026-02-28 true")]
    [InlineData("1982-04-09 | | continuing 0 | 2025-12-31 => 400.00 0.00 - 0.00 0.00 - 2026-03-31 true")]
    [InlineData("1982-04-09 | | continuing 0 | 2026-01-01 => ERROR PaymentAfterPolicyYear")]
    [InlineData("1940-04-09 | | continuing 0 | 2025-03-01 => 0.00 400.00 age_70_plus 400.00 0.00 direct 2025-06-01 true")]
    // Age at 2024-12-31.
    [InlineData("1954-12-31 | | continuing 0 | 2024-11-05 => 0.00 400.00 age_70_plus 400.00 0.00 direct 2025-01-01 false")]
    [InlineData("1955-01-01 | | continuing 0 | 2024-11-05 => 200.00 200.00 age_60_69 200.00 0.00 direct 2025-01-01 false")]
    [InlineData("1964-12-31 | | continuing 0 | 2024-11-05 => 200.00 200.00 age_60_69 200.00 0.00 direct 2025-01-01 false")]
    [InlineData("1965-01-01 | | continuing 0 | 2024-11-05 => 400.00 0.00 - 0.00 0.00 - 2025-01-01 false")]
    // Medical-assistance categories first, then special groups; ties to the earlier rule.
    [InlineData("1982-04-09 | dibao;tekun | continuing 0 | 2024-11-05 => 0.00 400.00 tekun 400.00 0.00 direct 2025-01-01 false")]
    [InlineData("1940-04-09 | dibao | continuing 0 | 2024-11-05 => 0.00 400.00 dibao 400.00 0.00 direct 2025-01-01 false")]
    [InlineData("1982-04-09 | relapsed | continuing 0 | 2024-11-05 => 0.00 400.00 relapsed 400.00 0.00 direct 2025-01-01 false")]
    [InlineData("1982-04-09 | dibao_edge | continuing 0 | 2024-11-05 => 0.00 400.00 dibao_edge 400.00 0.00 direct 2025-01-01 false")]
    [InlineData("1982-04-09 | de_facto_orphan | continuing 0 | 2024-11-05 => 0.00 400.00 de_facto_orphan 400.00 0.00 direct 2025-01-01 false")]
    [InlineData("1960-04-09 | family_planning | continuing 0 | 2024-11-05 => 0.00 400.00 family_planning 200.00 200.00 direct 2025-01-01 false")]
    [InlineData("1982-04-09 | entitled;severe_disability | continuing 0 | 2024-11-05 => 0.00 400.00 severe_disability 400.00 0.00 direct 2025-01-01 false")]
    [InlineData("1982-04-09 | wubao;poverty | continuing 0 | 2024-11-05 => 400.00 0.00 - 0.00 0.00 - 2025-01-01 false")]
    // Newborns within 90 days: coverage from birth, subsidies apply; day 91 falls to the late rule.
    [InlineData("2025-01-01 | | first_time 0 | 2025-04-01 => 400.00 0.00 - 0.00 0.00 - 2025-01-01 true")]
    [InlineData("2025-01-01 | | first_time 0 | 2025-04-02 => 400.00 0.00 - 0.00 0.00 - 2025-07-02 true")]
    [InlineData("2025-02-28 | orphan | first_time 0 | 2025-03-01 => 0.00 400.00 orphan 400.00 0.00 direct 2025-02-28 true")]
    [InlineData("2024-12-31 | | first_time 0 | 2025-01-02 => 400.00 0.00 - 0.00 0.00 - 2025-04-02 true")]
    public void Quotes(string row) => CampaignCase.Run(Id, row);
}
