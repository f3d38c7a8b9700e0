namespace Enrollment.Domain.Tests.Campaigns;

/// <summary>baogou-2022: 320 + 580, window 2021-10-26 … 2021-12-10, late = 900 + 30 days.</summary>
public class Baogou2022Tests
{
    private const string Id = "baogou-2022";

    [Theory]
    [InlineData("1980-05-05 | | continuing 0 | 2021-10-25 => ERROR PaymentBeforeWindow")]
    [InlineData("1980-05-05 | | continuing 0 | 2021-10-26 => 320.00 0.00 - 0.00 0.00 - 2022-01-01 false")]
    [InlineData("1980-05-05 | | continuing 0 | 2021-12-10 => 320.00 0.00 - 0.00 0.00 - 2022-01-01 false")]
    [InlineData("1980-05-05 | | continuing 0 | 2021-12-11 => 900.00 0.00 - 0.00 0.00 - 2022-01-10 true")]
    [InlineData("1980-05-05 | | continuing 0 | 2022-12-31 => 900.00 0.00 - 0.00 0.00 - 2023-01-30 true")]
    [InlineData("1980-05-05 | | continuing 0 | 2023-01-01 => ERROR PaymentAfterPolicyYear")]
    // The document's own ranges: 70+ = born on or before 1951-12-31; 60–69 = 1952-01-01 … 1961-12-31.
    [InlineData("1951-12-31 | | continuing 0 | 2021-11-05 => 0.00 320.00 age_70_plus 320.00 0.00 direct 2022-01-01 false")]
    [InlineData("1952-01-01 | | continuing 0 | 2021-11-05 => 160.00 160.00 age_60_69 160.00 0.00 direct 2022-01-01 false")]
    [InlineData("1961-12-31 | | continuing 0 | 2021-11-05 => 160.00 160.00 age_60_69 160.00 0.00 direct 2022-01-01 false")]
    [InlineData("1962-01-01 | | continuing 0 | 2021-11-05 => 320.00 0.00 - 0.00 0.00 - 2022-01-01 false")]
    [InlineData("1952-02-29 | | continuing 0 | 2021-11-05 => 160.00 160.00 age_60_69 160.00 0.00 direct 2022-01-01 false")]
    [InlineData("1980-05-05 | monitored | continuing 0 | 2021-11-05 => 0.00 320.00 monitored 320.00 0.00 direct 2022-01-01 false")]
    [InlineData("1980-05-05 | distressed_child | continuing 0 | 2021-11-05 => 0.00 320.00 distressed_child 320.00 0.00 direct 2022-01-01 false")]
    [InlineData("1980-05-05 | family_planning | continuing 0 | 2021-11-05 => 0.00 320.00 family_planning 160.00 160.00 direct 2022-01-01 false")]
    // Ties go to the earlier rule; a larger later rule beats a smaller earlier one.
    [InlineData("1940-05-05 | poverty | continuing 0 | 2021-11-05 => 0.00 320.00 poverty 320.00 0.00 direct 2022-01-01 false")]
    [InlineData("1940-05-05 | entitled;severe_disability | continuing 0 | 2021-11-05 => 0.00 320.00 age_70_plus 320.00 0.00 direct 2022-01-01 false")]
    [InlineData("1955-05-05 | entitled | continuing 0 | 2021-11-05 => 0.00 320.00 entitled 320.00 0.00 direct 2022-01-01 false")]
    [InlineData("1955-05-05 | family_planning | continuing 0 | 2021-11-05 => 0.00 320.00 family_planning 160.00 160.00 direct 2022-01-01 false")]
    // Late: 900 and no subsidy at all.
    [InlineData("1983-05-06 | dibao | continuing 0 | 2022-02-14 => 900.00 0.00 - 0.00 0.00 - 2022-03-16 true")]
    [InlineData("1955-05-05 | | continuing 0 | 2022-01-05 => 900.00 0.00 - 0.00 0.00 - 2022-02-04 true")]
    [InlineData("2022-03-01 | | first_time 0 | 2022-03-02 => 900.00 0.00 - 0.00 0.00 - 2022-04-01 true")]
    public void Quotes(string row) => CampaignCase.Run(Id, row);
}
