namespace Enrollment.Domain.Tests.Campaigns;

/// <summary>xiaoxue-2020: 250 yuan, window 2019-11-08 … 2019-12-20, newborns within 6 months, late = 800 + 30 days.</summary>
public class Xiaoxue2020Tests
{
    private const string Id = "xiaoxue-2020";

    [Theory]
    [InlineData("1980-05-05 | | continuing 0 | 2019-11-07 => ERROR PaymentBeforeWindow")]
    [InlineData("1980-05-05 | | continuing 0 | 2019-11-08 => 250.00 0.00 - 0.00 0.00 - 2020-01-01 false")]
    [InlineData("1980-05-05 | | first_time 0 | 2019-12-20 => 250.00 0.00 - 0.00 0.00 - 2020-01-01 false")]
    [InlineData("1980-05-05 | | continuing 0 | 2019-12-21 => 800.00 0.00 - 0.00 0.00 - 2020-01-20 true")]
    [InlineData("1980-05-05 | | continuing 0 | 2020-12-31 => 800.00 0.00 - 0.00 0.00 - 2021-01-30 true")]
    [InlineData("1980-05-05 | | continuing 0 | 2021-01-01 => ERROR PaymentAfterPolicyYear")]
    // 70 周岁以上 at 2019-12-31; no 60–69 band in this campaign.
    [InlineData("1949-12-31 | | continuing 0 | 2019-12-01 => 0.00 250.00 age_70_plus 250.00 0.00 direct 2020-01-01 false")]
    [InlineData("1950-01-01 | | continuing 0 | 2019-12-01 => 250.00 0.00 - 0.00 0.00 - 2020-01-01 false")]
    [InlineData("1955-01-01 | | continuing 0 | 2019-12-01 => 250.00 0.00 - 0.00 0.00 - 2020-01-01 false")]
    [InlineData("1980-05-05 | sanwu | continuing 0 | 2019-12-01 => 0.00 250.00 sanwu 250.00 0.00 direct 2020-01-01 false")]
    [InlineData("1980-05-05 | wubao;dibao | continuing 0 | 2019-12-01 => 0.00 250.00 dibao 250.00 0.00 direct 2020-01-01 false")]
    [InlineData("1980-05-05 | tekun | continuing 0 | 2019-12-01 => 250.00 0.00 - 0.00 0.00 - 2020-01-01 false")]
    // Family planning: first certified strictly before 2016-01-22; on, after or undated is not eligible.
    [InlineData("1968-05-06 | family_planning@2016-01-21 | continuing 0 | 2019-12-03 => 0.00 250.00 family_planning 250.00 0.00 direct 2020-01-01 false")]
    [InlineData("1968-05-06 | family_planning@2016-01-22 | continuing 0 | 2019-12-03 => 250.00 0.00 - 0.00 0.00 - 2020-01-01 false")]
    [InlineData("1968-05-06 | family_planning@2018-03-01 | continuing 0 | 2019-12-03 => 250.00 0.00 - 0.00 0.00 - 2020-01-01 false")]
    [InlineData("1968-05-06 | family_planning | continuing 0 | 2019-12-03 => 250.00 0.00 - 0.00 0.00 - 2020-01-01 false")]
    // Newborns: paid ≤ birth + 6 months → individual, subsidies apply, coverage from birth; late flag still set.
    [InlineData("2020-01-01 | | first_time 0 | 2020-07-01 => 250.00 0.00 - 0.00 0.00 - 2020-01-01 true")]
    [InlineData("2020-01-01 | | first_time 0 | 2020-07-02 => 800.00 0.00 - 0.00 0.00 - 2020-08-01 true")]
    [InlineData("2020-08-31 | | first_time 0 | 2020-12-31 => 250.00 0.00 - 0.00 0.00 - 2020-08-31 true")]
    [InlineData("2020-06-30 | | first_time 0 | 2020-12-30 => 250.00 0.00 - 0.00 0.00 - 2020-06-30 true")]
    [InlineData("2020-06-30 | | first_time 0 | 2020-12-31 => 800.00 0.00 - 0.00 0.00 - 2021-01-30 true")]
    [InlineData("2020-02-10 | orphan | first_time 0 | 2020-03-01 => 0.00 250.00 orphan 250.00 0.00 direct 2020-02-10 true")]
    // Born the day before the policy year: not a newborn, so a late payment is full cost.
    [InlineData("2019-12-31 | | first_time 0 | 2020-01-05 => 800.00 0.00 - 0.00 0.00 - 2020-02-04 true")]
    public void Quotes(string row) => CampaignCase.Run(Id, row);
}
