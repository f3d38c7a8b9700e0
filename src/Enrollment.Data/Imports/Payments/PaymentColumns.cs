namespace Enrollment.Data.Imports.Payments;

/// <summary>The columns of the tax bureau's payment file (税务缴费明细), in the report's order.</summary>
public static class PaymentColumns
{
    public static readonly ImportColumn Name = new("姓名", true, "缴费人姓名", "参保人姓名");
    public static readonly ImportColumn CitizenId = new("公民身份号码", true, "身份证号码", "身份证号", "证件号码");
    public static readonly ImportColumn Amount = new("缴费金额", true, "金额", "实缴金额");
    public static readonly ImportColumn PaidOn = new("缴费日期", true, "缴费时间", "缴款日期");
    public static readonly ImportColumn Channel = new("缴费渠道", true, "渠道");
    public static readonly ImportColumn Reference = new("票据号", true, "流水号", "缴款凭证号", "电子税票号码");
    public static readonly ImportColumn Insurance = new("险种", false, "征收品目");
    public static readonly ImportColumn PolicyYear = new("缴费年度", false, "所属期");

    public static readonly IReadOnlyList<ImportColumn> All = [Name, CitizenId, Amount, PaidOn, Channel, Reference, Insurance, PolicyYear];
}
