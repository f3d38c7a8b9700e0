using System.Text.RegularExpressions;
using Enrollment.Domain.Policies;
using Enrollment.Web.Features.Campaigns.Versions;

namespace Enrollment.Web.Tests.Campaigns;

/// <summary>The version comparison names every setting a policy document has, and says every value, in Chinese.</summary>
public sealed partial class PolicyDiffTests
{
    public static TheoryData<string> Templates => [.. PolicyCatalog.CampaignIds];

    [Theory]
    [MemberData(nameof(Templates))]
    public void Every_setting_of_a_shipped_template_has_a_Chinese_name_and_a_value_in_words(string template)
    {
        // Against an empty document every leaf of the template differs: each is named and valued once.
        var changes = PolicyDiff.Compare("{}", PolicyCatalog.GetJson(template)!);

        changes.Count.ShouldBeGreaterThan(50);
        foreach (var change in changes)
        {
            var name = PolicyPathNames.Describe(change.Path);
            var value = PolicyValueText.Of(change.Path, change.After);
            name.ShouldNotContain("其他设置", customMessage: change.Path);
            Letters().IsMatch(name).ShouldBeFalse($"{change.Path} → {name}");
            EnglishWords().IsMatch(value).ShouldBeFalse($"{change.Path} → {value}");
        }
    }

    [Theory]
    [InlineData("individualContribution", "400", "个人缴费标准", "400.00 元")]
    [InlineData("subsidies[dibao].share", "0.5", "资助规则「城乡最低生活保障对象」 · 资助比例", "50%")]
    [InlineData("subsidies[dibao#2].mode", "reimburse", "资助规则「城乡最低生活保障对象」（同类第 2 条） · 资助方式", "先缴费后补助")]
    [InlineData("subsidies[dibao].modeByTownship.鲍沟镇", "direct", "资助规则「城乡最低生活保障对象」 · 镇街另选资助方式 · 鲍沟镇", "代缴")]
    [InlineData("subsidies[orphan].label", "孤儿", "资助规则「孤儿」 · 政策中的表述", "孤儿")]
    [InlineData("timing[1].history", "continuing,interrupted", "缴费时间规则第 2 条 · 适用参保情况", "连续参保、中断后续保")]
    [InlineData("timing[0].coverage.start", "birth_date", "缴费时间规则第 1 条 · 待遇享受 · 起始方式", "出生之日")]
    [InlineData("timing[0].newbornWithin.days", "90", "缴费时间规则第 1 条 · 新生儿缴费期限 · 天数", "90 日")]
    [InlineData("collectionWindow.phases[2].name", "公示验收", "集中征缴期 · 征缴阶段第 3 个 · 名称", "公示验收")]
    [InlineData("notes[4]", "Interpretation (docs/rules.md §5): the document says nothing", "说明第 5 条", "（英文技术备注，不显示）")]
    public void A_setting_is_named_and_valued_as_people_say_it(string path, string value, string name, string said)
    {
        PolicyPathNames.Describe(path).ShouldBe(name);
        PolicyValueText.Of(path, value).ShouldBe(said);
    }

    [GeneratedRegex("[A-Za-z]")]
    private static partial Regex Letters();

    [GeneratedRegex(@"\b[A-Za-z]{2,}\s+[A-Za-z]{2,}\s+[A-Za-z]{2,}\b")]
    private static partial Regex EnglishWords();
}
