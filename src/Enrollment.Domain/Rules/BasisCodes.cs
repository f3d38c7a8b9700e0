using System.Text;

namespace Enrollment.Domain.Rules;

/// <summary>The wire codes, Chinese names and certifying departments of <see cref="BasisCode"/> (docs/rules.md §3).</summary>
public static class BasisCodes
{
    /// <summary>Size of per-code tables: every <see cref="BasisCode"/> value is below it.</summary>
    public const int TableSize = 20;

    private static readonly string[] Codes =
    [
        "", "poverty", "monitored", "relapsed", "dibao", "dibao_edge", "tekun", "wubao", "sanwu", "orphan",
        "de_facto_orphan", "distressed_child", "severe_disability", "entitled", "family_planning",
        "poverty_supported", "poverty_exit_2014_2015", "poverty_alleviated_2016_2017", "age_70_plus", "age_60_69",
    ];

    private static readonly string[] ChineseNames =
    [
        "无", "建档立卡贫困人口", "防止返贫监测帮扶对象", "返贫致贫人口", "城乡最低生活保障对象", "低保边缘家庭成员",
        "特困人员", "农村五保对象", "城镇“三无”人员", "孤儿", "事实无人抚养儿童", "重点困境儿童", "重度残疾人",
        "抚恤定补优抚对象", "计划生育特殊家庭成员", "未脱贫及两年继续扶持期内脱贫人员", "2014、2015年退出户",
        "2016、2017年脱贫户", "70岁以上老年人", "60—69岁老年人",
    ];

    private static readonly string[] Departments =
    [
        "", "扶贫办/乡村振兴局", "乡村振兴局/农业农村局", "农业农村局", "民政局", "民政局", "民政局", "民政局", "民政局",
        "民政局", "民政局", "民政局", "残联", "退役军人事务局", "卫健局", "扶贫办", "扶贫办", "扶贫办", "", "",
    ];

    private static readonly byte[][] Utf8Codes = Codes.Select(Encoding.UTF8.GetBytes).ToArray();

    /// <summary>All codes except <see cref="BasisCode.None"/>, in table order.</summary>
    public static IReadOnlyList<BasisCode> All { get; } =
        Enumerable.Range(1, TableSize - 1).Select(i => (BasisCode)i).ToArray();

    /// <summary>The wire code, e.g. <c>age_70_plus</c>; empty for <see cref="BasisCode.None"/>.</summary>
    public static string ToCode(this BasisCode code) => Codes[(int)code];

    /// <summary>The wire code as UTF-8 bytes, for writers that avoid strings.</summary>
    public static ReadOnlySpan<byte> ToUtf8Code(this BasisCode code) => Utf8Codes[(int)code];

    /// <summary>中文名称, used in explanations when a rule has no label of its own.</summary>
    public static string ChineseName(this BasisCode code) => ChineseNames[(int)code];

    /// <summary>The department that usually certifies the category (认定部门); empty for age bands.</summary>
    public static string DefaultDepartment(this BasisCode code) => Departments[(int)code];

    /// <summary>Age bands are derived from the birth date and may not be given as certified categories.</summary>
    public static bool IsAgeBand(this BasisCode code) => code is BasisCode.Age70Plus or BasisCode.Age60To69;

    /// <summary>Parses a wire code (case-sensitive, as the CSV contract writes them).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out BasisCode code)
    {
        for (var i = 1; i < TableSize; i++)
        {
            if (text.SequenceEqual(Codes[i]))
            {
                code = (BasisCode)i;
                return true;
            }
        }

        code = BasisCode.None;
        return false;
    }

    /// <summary>Parses a UTF-8 wire code without allocating.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out BasisCode code)
    {
        for (var i = 1; i < TableSize; i++)
        {
            if (utf8.SequenceEqual(Utf8Codes[i]))
            {
                code = (BasisCode)i;
                return true;
            }
        }

        code = BasisCode.None;
        return false;
    }
}
