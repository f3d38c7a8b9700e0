using Enrollment.Domain.Residents;

namespace Enrollment.Cli.Generate;

/// <summary>
/// Fictional Chinese names from common surnames and given-name characters, deterministic for a random source.
/// Given names follow the fashion of the birth decade (建国, 秀英 … before 1980; 子涵, 浩宇 … after).
/// </summary>
internal static class ChineseNames
{
    // Roughly by frequency: the first surnames are drawn most often.
    private const string NorthernSurnames =
        "王李张刘陈杨赵孙周吴徐马胡朱郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴孔颜褚殷庞";

    private const string SouthernSurnames =
        "黄陈梁李覃韦莫刘张林杨王何罗苏钟卢邓劳庞宁吴谢周叶赵许蒙廖麦冯曾潘欧颜龙蒋杜宋谭甘赖骆郑唐彭";

    private const string OldMale = "国建军志明文德福贵生宝山庆春永海峰平华东林成金玉富荣祥树春长兴学";
    private const string OldFemale = "秀英兰玲梅红燕萍桂凤琴云莲珍玉华芝花霞淑荣翠美素彩";
    private const string YoungMale = "浩宇轩睿博泽子晨航然铭俊杰涛磊鹏飞超辉强伟勇斌凯文豪阳嘉宁一诺";
    private const string YoungFemale = "涵萱琪悦诗雨梦佳倩欣怡婷雪慧颖静敏丽艳娟芳思语可馨若晴";

    /// <summary>A surname for a household in this region (广西 counties draw from the southern table).</summary>
    public static char Surname(SeededRandom random, string regionCode)
    {
        var table = regionCode.StartsWith("45", StringComparison.Ordinal) ? SouthernSurnames : NorthernSurnames;

        // Skewed towards the front: the square of a uniform draw favours frequent surnames.
        var u = random.NextDouble();
        return table[(int)(u * u * table.Length)];
    }

    public static string FullName(SeededRandom random, char surname, Sex sex, int birthYear)
    {
        var old = birthYear < 1980;
        var table = (sex, old) switch
        {
            (Sex.Male, true) => OldMale,
            (Sex.Male, false) => YoungMale,
            (Sex.Female, true) => OldFemale,
            (Sex.Female, false) => YoungFemale,
            _ => YoungMale,
        };
        var first = table[random.Next(table.Length)];
        if (random.Chance(0.25))
        {
            return string.Concat(surname.ToString(), first.ToString());
        }

        var second = table[random.Next(table.Length)];
        return string.Concat(surname.ToString(), first.ToString(), second.ToString());
    }

    /// <summary>A fictional mobile number (11 digits, 13x–19x), or null: not everyone left one.</summary>
    public static string? Phone(SeededRandom random, int age)
    {
        if (age < 16 || random.Chance(age >= 75 ? 0.6 : 0.2))
        {
            return null;
        }

        ReadOnlySpan<char> second = ['3', '5', '7', '8', '9'];
        return string.Create(11, (second[random.Next(second.Length)], random.Next(1_000_000_000)), static (span, state) =>
        {
            span[0] = '1';
            span[1] = state.Item1;
            state.Item2.TryFormat(span[2..], out _, "D9", System.Globalization.CultureInfo.InvariantCulture);
        });
    }
}
