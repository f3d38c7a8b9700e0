using System.Globalization;
using System.Text;

namespace Enrollment.Domain.Payments;

/// <summary>
/// 人民币大写: an amount in the capital numerals that receipts and hand-over sheets (缴款单) carry, so a figure cannot
/// be altered by adding a stroke. Written as banks require: 壹拾 for a leading ten, one 零 for any run of zeros inside
/// the number, 零 before the 分 when the 角 is zero, 整 after 元 or 角 when nothing follows.
/// </summary>
public static class ChineseAmount
{
    private const string Digits = "零壹贰叁肆伍陆柒捌玖";
    private static readonly string[] PlaceUnits = ["", "拾", "佰", "仟"];
    private static readonly string[] GroupUnits = ["", "万", "亿", "万亿"];

    /// <summary>The largest amount written: just under ten thousand 亿 (the groups run out beyond that).</summary>
    public const decimal Max = 9_999_999_999_999_999.99m;

    /// <summary>The amount in capitals, e.g. 1,680.32 → 壹仟陆佰捌拾元叁角贰分; a negative amount starts with 负.</summary>
    /// <exception cref="ArgumentOutOfRangeException">More than two decimals, or beyond <see cref="Max"/>.</exception>
    public static string Format(decimal amount)
    {
        if (decimal.Round(amount, 2) != amount || Math.Abs(amount) > Max)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, "An amount in yuan with at most two decimals.");
        }
        var cents = (long)(Math.Abs(amount) * 100);
        var yuan = cents / 100;
        var jiao = (int)(cents / 10 % 10);
        var fen = (int)(cents % 10);
        var text = new StringBuilder(amount < 0 ? "负" : "");
        if (yuan > 0)
        {
            text.Append(Integer(yuan)).Append('元');
        }
        if (jiao > 0)
        {
            text.Append(Digits[jiao]).Append('角');
        }
        else if (fen > 0 && yuan > 0)
        {
            text.Append('零');
        }
        if (fen > 0)
        {
            text.Append(Digits[fen]).Append('分');
        }
        else if (cents == 0)
        {
            text.Append("零元整");
        }
        else
        {
            text.Append('整');
        }
        return text.ToString();
    }

    private static string Integer(long value)
    {
        var groups = new List<int>();
        for (var rest = value; rest > 0; rest /= 10_000)
        {
            groups.Add((int)(rest % 10_000));
        }
        var text = new StringBuilder();
        var zeroPending = false;
        for (var g = groups.Count - 1; g >= 0; g--)
        {
            var group = groups[g];
            if (group == 0)
            {
                zeroPending = text.Length > 0;
                continue;
            }
            if (text.Length > 0 && (group < 1000 || zeroPending))
            {
                text.Append('零');
            }
            text.Append(Group(group)).Append(GroupUnits[g]);
            zeroPending = false;
        }
        return text.ToString();
    }

    /// <summary>One to four digits with their places; a zero inside becomes one 零, zeros at the end are not written.</summary>
    private static string Group(int value)
    {
        var digits = value.ToString(CultureInfo.InvariantCulture);
        var text = new StringBuilder();
        var zero = false;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[i] - '0';
            if (d == 0)
            {
                zero = true;
                continue;
            }
            if (zero)
            {
                text.Append('零');
                zero = false;
            }
            text.Append(Digits[d]).Append(PlaceUnits[digits.Length - 1 - i]);
        }
        return text.ToString();
    }
}
