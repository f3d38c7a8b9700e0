namespace Enrollment.Data.Imports.Payments;

/// <summary>
/// A 缴费渠道 cell read as a channel code: the code itself, the channel's full Chinese name (from the catalogue), or the
/// short name the tax bureau's files use. The government's own payment (政府统一代缴) is not a channel a file can name.
/// </summary>
public static class PaymentChannelText
{
    /// <summary>The channel a government payment uses; recorded only by the county's own action.</summary>
    public const string GovernmentDirect = "government_direct";

    private static readonly Dictionary<string, string> ShortNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["微信"] = "wechat",
        ["支付宝"] = "alipay",
        ["裕农通"] = "yunongtong",
        ["建行裕农通"] = "yunongtong",
        ["电子税务局"] = "e_tax",
        ["银行柜台"] = "bank_counter",
        ["办税服务厅"] = "tax_hall",
        ["办税大厅"] = "tax_hall",
        ["POS"] = "pos",
        ["POS机"] = "pos",
        ["银联"] = "unionpay_qr",
        ["银联二维码"] = "unionpay_qr",
        ["村代收"] = "village_collection",
        ["村集中代收"] = "village_collection",
    };

    /// <summary>
    /// The channel code for <paramref name="cell"/> (already cleaned), or null when it names no channel a payment
    /// may come through. <paramref name="catalogue"/> is code → full Chinese name.
    /// </summary>
    public static string? Parse(string cell, IReadOnlyDictionary<string, string> catalogue)
    {
        ArgumentNullException.ThrowIfNull(cell);
        ArgumentNullException.ThrowIfNull(catalogue);
        var text = cell.Trim();
        var code = catalogue.ContainsKey(text.ToLowerInvariant()) ? text.ToLowerInvariant()
            : ShortNames.TryGetValue(text, out var shortCode) ? shortCode
            : catalogue.FirstOrDefault(c => c.Value == text).Key;
        return code is null or GovernmentDirect || !catalogue.ContainsKey(code) ? null : code;
    }
}
