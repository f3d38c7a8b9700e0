using Enrollment.Data.Imports;
using Enrollment.Data.Imports.Payments;
using static Enrollment.Data.Tests.Imports.ImportWorld;

namespace Enrollment.Data.Tests.Imports;

/// <summary>A tax bureau's payment row read without the database: each value's rule, each code, and the correction row.</summary>
public sealed class PaymentRowReaderTests
{
    private static readonly Dictionary<string, string> Channels = new()
    {
        ["yunongtong"] = "建行裕农通", ["village_collection"] = "村（居）委集中代收", ["pos"] = "POS机刷卡 / 扫码",
        ["e_tax"] = "电子税务局（网站 / 手机APP）", ["wechat"] = "微信（税务公众号 / 小程序）", ["alipay"] = "支付宝",
        ["unionpay_qr"] = "银联商务二维码", ["bank_counter"] = "银行柜台", ["tax_hall"] = "办税（缴费）服务大厅",
        ["government_direct"] = "政府统一代缴 / 直接参保登记",
    };

    private static readonly string[] Header = ["姓名", "公民身份号码", "缴费金额", "缴费日期", "缴费渠道", "票据号", "险种", "缴费年度"];

    private static readonly string Person = Id("19800101", 11);

    private static (ParsedPayment? Row, string? Code, string? Message) Read(params string?[] cells) => ReadWith(Header, cells);

    private static (ParsedPayment? Row, string? Code, string? Message) ReadWith(string[] header, params string?[] cells)
    {
        var rows = new List<SheetRow> { new(1, header), new(2, cells) };
        var map = ColumnMap.Find(rows, PaymentColumns.All, out var refusal);
        refusal.ShouldBeNull();
        return PaymentRowReader.Read(rows[1], map!, 2025, Today, Channels);
    }

    [Fact]
    public void A_plain_row_becomes_a_payment_with_its_channel_code()
    {
        var (row, code, _) = Read("王建国", Person, "400.00", "2024-11-20 10:15:02", "微信", "WX-1", "城乡居民基本医疗保险费", "2025");
        code.ShouldBeNull();
        row.ShouldBe(new ParsedPayment(2, "王建国", row!.Id, 400.00m, new DateOnly(2024, 11, 20), "wechat", "WX-1", IsCorrection: false));
        row.Id.ToString().ShouldBe(Person);
    }

    [Theory]
    [InlineData("wechat", "wechat")]
    [InlineData("支付宝", "alipay")]
    [InlineData("建行裕农通", "yunongtong")]
    [InlineData("裕农通", "yunongtong")]
    [InlineData("办税（缴费）服务大厅", "tax_hall")]
    [InlineData("办税服务厅", "tax_hall")]
    [InlineData("pos", "pos")]
    [InlineData("POS", "pos")]
    [InlineData("银联", "unionpay_qr")]
    [InlineData("村代收", "village_collection")]
    [InlineData("电子税务局", "e_tax")]
    [InlineData("银行柜台", "bank_counter")]
    public void A_channel_is_its_code_its_full_name_or_its_short_name(string cell, string expected) =>
        PaymentChannelText.Parse(cell, Channels).ShouldBe(expected);

    [Theory]
    [InlineData("政府统一代缴 / 直接参保登记")]
    [InlineData("government_direct")]
    [InlineData("现金")]
    public void The_governments_own_channel_and_unknown_names_are_refused(string cell)
    {
        PaymentChannelText.Parse(cell, Channels).ShouldBeNull();
        Read("王建国", Person, "400", "2024-11-20", cell, "R-1", null, null).Code.ShouldBe(PaymentImportCodes.UnknownChannel);
    }

    [Fact]
    public void A_negative_amount_is_a_correction_of_the_same_amount()
    {
        var (row, code, _) = Read("王建国", Person, "-400.00", "2024-11-21", "alipay", "ZFB-9", null, null);
        code.ShouldBeNull();
        row!.IsCorrection.ShouldBeTrue();
        row.Amount.ShouldBe(400.00m);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("0.00")]
    [InlineData("400.001")]
    [InlineData("四百")]
    [InlineData("4e2")]
    public void An_amount_that_is_zero_has_three_decimals_or_is_not_a_number_is_invalid(string amount)
    {
        var (_, code, message) = Read("王建国", Person, amount, "2024-11-20", "wechat", "R", null, null);
        code.ShouldBe(ImportCodes.InvalidValue);
        message!.ShouldContain("缴费金额");
    }

    [Theory]
    [InlineData("1,200.50 元", 1200.50)]
    [InlineData("400", 400)]
    [InlineData("３８０．００", 380)]
    public void Thousands_separators_a_trailing_yuan_and_full_width_digits_are_read(string amount, decimal expected) =>
        Read("王建国", Person, amount, "2024-11-20", "wechat", "R", null, null).Row!.Amount.ShouldBe(expected);

    [Theory]
    [InlineData("2024/11/20", 2024, 11, 20)]
    [InlineData("2024.1.5", 2024, 1, 5)]
    [InlineData("20241120", 2024, 11, 20)]
    [InlineData("2024年11月20日", 2024, 11, 20)]
    [InlineData("2024-11-20T08:00:00", 2024, 11, 20)]
    public void A_date_in_the_usual_forms_keeps_its_date(string text, int y, int m, int d) =>
        Read("王建国", Person, "400", text, "wechat", "R", null, null).Row!.PaidOn.ShouldBe(new DateOnly(y, m, d));

    [Theory]
    [InlineData("2024-02-30")]
    [InlineData("11/20/2024")]
    [InlineData("昨天")]
    public void An_impossible_or_unreadable_date_is_invalid(string text)
    {
        var (_, code, message) = Read("王建国", Person, "400", text, "wechat", "R", null, null);
        code.ShouldBe(ImportCodes.InvalidValue);
        message!.ShouldContain("缴费日期");
    }

    [Theory]
    [InlineData("城镇职工基本医疗保险")]
    [InlineData("城乡居民基本养老保险费")]
    public void Another_insurance_is_not_this_systems(string insurance) =>
        Read("王建国", Person, "400", "2024-11-20", "wechat", "R", insurance, null).Code.ShouldBe(PaymentImportCodes.OtherInsurance);

    [Theory]
    [InlineData("2025", null)]
    [InlineData("2025-01-01至2025-12-31", null)]
    [InlineData("202501-202512", null)]
    [InlineData("2024", PaymentImportCodes.WrongYear)]
    [InlineData("2024-01-01至2025-12-31", PaymentImportCodes.WrongYear)]
    [InlineData("明年", ImportCodes.InvalidValue)]
    public void The_policy_year_must_be_the_campaigns(string year, string? expected) =>
        Read("王建国", Person, "400", "2024-11-20", "wechat", "R", null, year).Code.ShouldBe(expected);

    [Fact]
    public void Missing_values_are_named_and_an_id_excel_turned_into_a_number_is_explained()
    {
        var (_, code, message) = Read("", Person, "", "2024-11-20", "wechat", "R", null, null);
        code.ShouldBe(ImportCodes.MissingValue);
        message.ShouldBe("未填写：姓名、缴费金额。");
        var lost = Read("王建国", "3.70481198E+17", "400", "2024-11-20", "wechat", "R", null, null);
        lost.Code.ShouldBe(ImportCodes.InvalidIdNumber);
        lost.Message!.ShouldContain("末尾几位已经丢失");
    }

    [Fact]
    public void The_header_may_use_the_tax_bureaus_own_names_and_leave_out_the_optional_columns()
    {
        var (row, code, _) = ReadWith(["金额", "身份证号码", "姓名", "缴费时间", "渠道", "缴款凭证号"],
            "400.00", Person, "王建国", "2024-11-20", "支付宝", "PZ-7");
        code.ShouldBeNull();
        row!.Channel.ShouldBe("alipay");
        row.Reference.ShouldBe("PZ-7");
    }

    [Fact]
    public void A_file_without_a_reference_column_is_refused_naming_it()
    {
        var rows = new List<SheetRow> { new(1, ["姓名", "公民身份号码", "缴费金额", "缴费日期", "缴费渠道"]) };
        ColumnMap.Find(rows, PaymentColumns.All, out var refusal).ShouldBeNull();
        refusal!.ShouldContain("票据号");
    }
}
