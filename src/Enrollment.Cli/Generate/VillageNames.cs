namespace Enrollment.Cli.Generate;

/// <summary>Plausible, fictional village and community names: 东王庄村, 前李村, 张楼村, 大刘集村, 新华社区 ….</summary>
internal static class VillageNames
{
    private static readonly string[] Prefixes = ["", "", "", "东", "西", "南", "北", "前", "后", "大", "小", "上", "下", "新", "中"];
    private const string Surnames = "王李张刘陈杨赵孙周吴徐马胡朱郭高林郑梁宋韩冯曹田董于蒋杜程魏吕丁任姚姜崔邵孟颜";
    private static readonly string[] Suffixes = ["庄", "楼", "集", "营", "店", "屯", "洼", "寨", "家", "岗", "桥", "湖", "坡", "埠", "官庄", "家村"];
    private static readonly string[] CommunityWords =
        ["新华", "光明", "幸福", "和平", "兴隆", "文化", "振兴", "建设", "学院", "荆河", "龙泉", "善国", "阳光", "锦绣", "康乐", "平安"];

    public static string Next(SeededRandom random, bool community)
    {
        if (community && random.Chance(0.5))
        {
            return random.Pick(CommunityWords) + random.Pick(["", "东", "西", "南", "北"]) + "社区";
        }

        var suffix = random.Pick(Suffixes);
        var name = random.Pick(Prefixes) + Surnames[random.Next(Surnames.Length)] + suffix;
        return name + (suffix.EndsWith('村') ? string.Empty : community ? "社区" : "村");
    }
}
