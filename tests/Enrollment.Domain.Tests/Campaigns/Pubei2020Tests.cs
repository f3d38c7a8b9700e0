namespace Enrollment.Domain.Tests.Campaigns;

/// <summary>pubei-2020: 250 yuan, window 2019-09-01 … 2020-02-29, coverage by date range and history, full cost from 2020-07-01.</summary>
public class Pubei2020Tests
{
    private const string Id = "pubei-2020";

    [Theory]
    [InlineData("1980-05-05 | | continuing 0 | 2019-08-31 => ERROR PaymentBeforeWindow")]
    [InlineData("1980-05-05 | | continuing 0 | 2019-09-01 => 250.00 0.00 - 0.00 0.00 - 2020-01-01 false")]
    [InlineData("1980-05-05 | | interrupted 2 | 2019-12-31 => 250.00 0.00 - 0.00 0.00 - 2020-01-01 false")]
    [InlineData("1980-05-05 | | first_time 0 | 2019-12-31 => 250.00 0.00 - 0.00 0.00 - 2020-01-01 false")]
    // 2020-01-01 … 2020-02-29: continuing full year, first_time next month, interrupted the 3rd month after.
    [InlineData("1980-05-05 | | continuing 0 | 2020-01-01 => 250.00 0.00 - 0.00 0.00 - 2020-01-01 false")]
    [InlineData("1980-05-05 | | first_time 0 | 2020-01-01 => 250.00 0.00 - 0.00 0.00 - 2020-02-01 false")]
    [InlineData("1980-05-05 | | interrupted 1 | 2020-01-01 => 250.00 0.00 - 0.00 0.00 - 2020-04-01 false")]
    [InlineData("1980-05-05 | | continuing 0 | 2020-02-29 => 250.00 0.00 - 0.00 0.00 - 2020-01-01 false")]
    [InlineData("1980-05-05 | | first_time 0 | 2020-02-29 => 250.00 0.00 - 0.00 0.00 - 2020-03-01 false")]
    [InlineData("1980-05-05 | | interrupted 1 | 2020-02-29 => 250.00 0.00 - 0.00 0.00 - 2020-05-01 false")]
    // 2020-03-01 … 2020-06-30: next month; interrupted the 3rd month after (paid in March → 1 June).
    [InlineData("1980-05-05 | | continuing 0 | 2020-03-01 => 250.00 0.00 - 0.00 0.00 - 2020-04-01 true")]
    [InlineData("1980-05-05 | | first_time 0 | 2020-03-01 => 250.00 0.00 - 0.00 0.00 - 2020-04-01 true")]
    [InlineData("1980-05-05 | | interrupted 2 | 2020-03-31 => 250.00 0.00 - 0.00 0.00 - 2020-06-01 true")]
    [InlineData("1980-05-05 | | continuing 0 | 2020-06-30 => 250.00 0.00 - 0.00 0.00 - 2020-07-01 true")]
    [InlineData("1980-05-05 | | interrupted 1 | 2020-06-30 => 250.00 0.00 - 0.00 0.00 - 2020-09-01 true")]
    // From 2020-07-01: full cost 800, no subsidy, same coverage rules.
    [InlineData("1980-05-05 | | continuing 0 | 2020-07-01 => 800.00 0.00 - 0.00 0.00 - 2020-08-01 true")]
    [InlineData("1980-05-05 | | interrupted 1 | 2020-07-01 => 800.00 0.00 - 0.00 0.00 - 2020-10-01 true")]
    [InlineData("1980-05-05 | | continuing 0 | 2020-12-31 => 800.00 0.00 - 0.00 0.00 - 2021-01-01 true")]
    [InlineData("1980-05-05 | | interrupted 1 | 2020-12-31 => 800.00 0.00 - 0.00 0.00 - 2021-03-01 true")]
    [InlineData("1980-05-05 | tekun | continuing 0 | 2020-07-01 => 800.00 0.00 - 0.00 0.00 - 2020-08-01 true")]
    [InlineData("1980-05-05 | | continuing 0 | 2021-01-01 => ERROR PaymentAfterPolicyYear")]
    // Poverty register: base list (before 2020-01-01 or undated) direct; added on/after 2020-01-01 reimburse.
    [InlineData("1980-05-05 | poverty_supported | continuing 0 | 2019-11-05 => 0.00 250.00 poverty_supported 250.00 0.00 direct 2020-01-01 false")]
    [InlineData("1980-05-05 | poverty_supported@2019-12-31 | continuing 0 | 2019-11-05 => 0.00 250.00 poverty_supported 250.00 0.00 direct 2020-01-01 false")]
    [InlineData("1980-05-05 | poverty_supported@2020-01-01 | continuing 0 | 2020-01-15 => 250.00 250.00 poverty_supported 250.00 0.00 reimburse 2020-01-01 false")]
    [InlineData("1980-05-05 | tekun | continuing 0 | 2019-11-05 => 0.00 250.00 tekun 250.00 0.00 direct 2020-01-01 false")]
    [InlineData("1980-05-05 | orphan | continuing 0 | 2019-11-05 => 0.00 250.00 orphan 250.00 0.00 direct 2020-01-01 false")]
    [InlineData("1980-05-05 | poverty_exit_2014_2015 | continuing 0 | 2019-11-05 => 250.00 75.00 poverty_exit_2014_2015 75.00 0.00 reimburse 2020-01-01 false")]
    [InlineData("1980-05-05 | poverty_exit_2014_2015;poverty_alleviated_2016_2017 | continuing 0 | 2019-11-05 => 250.00 150.00 poverty_alleviated_2016_2017 150.00 0.00 reimburse 2020-01-01 false")]
    // Unset shares (dibao, entitled, severe_disability, family_planning) are inactive; age bands do not exist here.
    [InlineData("1980-05-05 | dibao | continuing 0 | 2019-11-05 => 250.00 0.00 - 0.00 0.00 - 2020-01-01 false")]
    [InlineData("1980-05-05 | dibao;poverty_exit_2014_2015 | continuing 0 | 2019-11-05 => 250.00 75.00 poverty_exit_2014_2015 75.00 0.00 reimburse 2020-01-01 false")]
    [InlineData("1940-05-05 | family_planning;entitled;severe_disability | continuing 0 | 2019-11-05 => 250.00 0.00 - 0.00 0.00 - 2020-01-01 false")]
    // Newborns within 3 months: coverage from birth; after 2020-07-01 they pay the full cost too.
    [InlineData("2020-01-01 | | first_time 0 | 2020-04-01 => 250.00 0.00 - 0.00 0.00 - 2020-01-01 true")]
    [InlineData("2020-01-01 | | first_time 0 | 2020-04-02 => 250.00 0.00 - 0.00 0.00 - 2020-05-01 true")]
    [InlineData("2020-02-10 | | first_time 0 | 2020-02-15 => 250.00 0.00 - 0.00 0.00 - 2020-02-10 false")]
    [InlineData("2020-01-05 | tekun | first_time 0 | 2020-01-10 => 0.00 250.00 tekun 250.00 0.00 direct 2020-01-05 false")]
    [InlineData("2020-05-20 | | first_time 0 | 2020-06-01 => 250.00 0.00 - 0.00 0.00 - 2020-05-20 true")]
    [InlineData("2020-06-10 | | first_time 0 | 2020-08-20 => 800.00 0.00 - 0.00 0.00 - 2020-06-10 true")]
    [InlineData("2020-06-10 | | first_time 0 | 2020-09-10 => 800.00 0.00 - 0.00 0.00 - 2020-06-10 true")]
    [InlineData("2020-06-10 | | first_time 0 | 2020-09-11 => 800.00 0.00 - 0.00 0.00 - 2020-10-01 true")]
    [InlineData("2020-11-30 | | first_time 0 | 2020-12-31 => 800.00 0.00 - 0.00 0.00 - 2020-11-30 true")]
    // A newborn cannot have a previous year: whatever history is given, it is quoted as first_time.
    [InlineData("2020-01-01 | | continuing 0 | 2020-05-01 => 250.00 0.00 - 0.00 0.00 - 2020-06-01 true")]
    // Born in 2019: not a newborn; paid late in the window period as first_time.
    [InlineData("2019-12-31 | | first_time 0 | 2020-01-10 => 250.00 0.00 - 0.00 0.00 - 2020-02-01 false")]
    public void Quotes(string row) => CampaignCase.Run(Id, row);
}
