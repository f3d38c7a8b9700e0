using System.Globalization;
using System.Text;

namespace Enrollment.Data.Payments;

/// <summary>How the API compares and shows names and numbers.</summary>
public static class ApiText
{
    /// <summary>The channels a payment may arrive through by API (<c>government_direct</c> is not one).</summary>
    public static readonly IReadOnlySet<string> Channels = new HashSet<string>(StringComparer.Ordinal)
    {
        "wechat", "alipay", "e_tax", "yunongtong", "bank_counter", "tax_hall", "pos", "unionpay_qr", "village_collection",
    };

    /// <summary>Names compare after trimming and NFKC.</summary>
    public static string NormalName(string name) => name.Trim().Normalize(NormalizationForm.FormKC);

    /// <summary>The first character and one * per further character (张三丰 → 张**).</summary>
    public static string MaskName(string name)
    {
        var elements = StringInfo.GetTextElementEnumerator(name);
        var masked = new StringBuilder();
        var first = true;
        while (elements.MoveNext())
        {
            masked.Append(first ? elements.GetTextElement() : "*");
            first = false;
        }
        return masked.ToString();
    }

    /// <summary>
    /// The one masking rule of every page, export and API answer: the region code and the last four characters
    /// (370481********1234), as on bank slips; the hidden digits are the birth date.
    /// </summary>
    public static string MaskId(string citizenId) =>
        citizenId.Length == 18 ? string.Concat(citizenId.AsSpan(0, 6), "********", citizenId.AsSpan(14, 4)) : "******";
}
