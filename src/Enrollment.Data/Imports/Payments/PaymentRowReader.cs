using System.Globalization;
using System.Text.RegularExpressions;
using Enrollment.Domain.Residents;

namespace Enrollment.Data.Imports.Payments;

/// <summary>
/// One row of a tax bureau's payment file in the form the payment service takes: a negative amount is a correction
/// (冲正) of the payment with the same channel, reference and ID, carried here as its positive amount.
/// </summary>
public sealed record ParsedPayment(
    int Row, string Name, CitizenId Id, decimal Amount, DateOnly PaidOn, string Channel, string Reference, bool IsCorrection);

/// <summary>
/// The checks a payment row needs no database for: required values, the ID number, the amount (two decimals at most,
/// not zero), the date (a date-time keeps its date), the channel, the insurance type and the policy year where the file
/// has them. Returns the parsed row or a rejection (code and Chinese message).
/// </summary>
public static partial class PaymentRowReader
{
    public const int MaxReference = 64;

    /// <summary>The insurance this product collects, as tax files name it (with or without the trailing 费).</summary>
    public const string ResidentMedicalInsurance = "城乡居民基本医疗保险";

    public static (ParsedPayment? Row, string? Code, string? Message) Read(
        SheetRow row, ColumnMap map, int policyYear, DateOnly today, IReadOnlyDictionary<string, string> channels)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(channels);
        var c = row.Cells;
        var missing = PaymentColumns.All.Where(col => col.Required && map.Cell(c, col) is null).Select(col => col.Name).ToList();
        if (missing.Count > 0)
        {
            return Reject(ImportCodes.MissingValue, $"未填写：{string.Join("、", missing)}。");
        }

        if (map.Cell(c, PaymentColumns.Insurance) is { } insurance && !IsResidentMedical(insurance))
        {
            return Reject(PaymentImportCodes.OtherInsurance, $"险种为“{insurance}”，不是{ResidentMedicalInsurance}，不在本系统登记。");
        }
        if (map.Cell(c, PaymentColumns.PolicyYear) is { } yearText)
        {
            var years = YearPattern().Matches(yearText).Select(m => int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture)).Distinct().ToList();
            if (years.Count == 0)
            {
                return Reject(ImportCodes.InvalidValue, $"缴费年度“{yearText}”无法识别，应为年份，如 {policyYear}。");
            }
            if (years.Count > 1 || years[0] != policyYear)
            {
                return Reject(PaymentImportCodes.WrongYear, $"缴费年度为“{yearText}”，不是本征缴活动的 {policyYear} 医保年度。");
            }
        }

        var channelText = map.Cell(c, PaymentColumns.Channel)!;
        if (PaymentChannelText.Parse(channelText, channels) is not { } channel)
        {
            return Reject(PaymentImportCodes.UnknownChannel,
                $"缴费渠道“{channelText}”无法识别（可填：微信、支付宝、裕农通、电子税务局、银行柜台、办税服务厅、POS、银联、村代收）。");
        }
        if (!ImportIdNumber.TryRead(map.Raw(c, PaymentColumns.CitizenId)!, today, out var id, out var idProblem))
        {
            return Reject(ImportCodes.InvalidIdNumber, idProblem!);
        }

        var amountText = map.Cell(c, PaymentColumns.Amount)!;
        if (!TryAmount(amountText, out var amount))
        {
            return Reject(ImportCodes.InvalidValue, $"缴费金额“{amountText}”不是有效金额（元，最多两位小数，不能为 0）。");
        }
        var dateText = map.Cell(c, PaymentColumns.PaidOn)!;
        if (!TryDate(dateText, out var paidOn))
        {
            return Reject(ImportCodes.InvalidValue, $"缴费日期“{dateText}”无法识别，应为日期，如 {today:yyyy-MM-dd}。");
        }
        var reference = map.Cell(c, PaymentColumns.Reference)!;
        if (reference.Length > MaxReference || reference.Any(char.IsControl))
        {
            return Reject(ImportCodes.InvalidValue, $"票据号“{reference}”不是有效的票据号（最多 {MaxReference} 个字符）。");
        }
        var name = map.Cell(c, PaymentColumns.Name)!;
        return (new ParsedPayment(row.Number, name, id, Math.Abs(amount), paidOn, channel, reference, amount < 0), null, null);

        static (ParsedPayment?, string?, string?) Reject(string code, string message) => (null, code, message);
    }

    private static bool IsResidentMedical(string insurance)
    {
        var text = insurance.EndsWith('费') ? insurance[..^1] : insurance;
        return text == ResidentMedicalInsurance;
    }

    /// <summary>Yuan with at most two decimals, a sign allowed, thousands separators and a trailing 元 tolerated; never zero.</summary>
    internal static bool TryAmount(string text, out decimal amount)
    {
        var plain = text.Replace(",", "", StringComparison.Ordinal).TrimEnd('元').Trim();
        amount = 0;
        return AmountPattern().IsMatch(plain)
            && decimal.TryParse(plain, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out amount)
            && amount != 0;
    }

    /// <summary>yyyy-MM-dd, yyyy/M/d, yyyy.M.d, yyyyMMdd or 2024年11月20日, each optionally followed by a time of day.</summary>
    internal static bool TryDate(string text, out DateOnly date)
    {
        var match = DatePattern().Match(text);
        date = default;
        if (!match.Success)
        {
            return false;
        }
        var y = int.Parse(match.Groups["y"].Value, CultureInfo.InvariantCulture);
        var m = int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture);
        var d = int.Parse(match.Groups["d"].Value, CultureInfo.InvariantCulture);
        if (m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m))
        {
            return false;
        }
        date = new DateOnly(y, m, d);
        return true;
    }

    [GeneratedRegex(@"^-?\d{1,10}(\.\d{1,2})?$")]
    private static partial Regex AmountPattern();

    [GeneratedRegex(@"^(?<y>(19|20)\d{2})(?:[-/.年](?<m>\d{1,2})[-/.月](?<d>\d{1,2})日?|(?<m>\d{2})(?<d>\d{2}))(?:[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?)?$")]
    private static partial Regex DatePattern();

    /// <summary>A year alone or at the start of a yyyyMM / yyyyMMdd period: 2025, 202501, 2025-01-01至2025-12-31.</summary>
    [GeneratedRegex(@"(?<!\d)(?<y>(19|20)\d{2})(\d{2}){0,2}(?!\d)")]
    private static partial Regex YearPattern();
}
