using Enrollment.Domain.Residents;
using Enrollment.Domain.Rules;

namespace Enrollment.Cli.Generate;

/// <summary>The database codes (migrations 0003–0006) of the generator's enums.</summary>
internal static class SyntheticCodes
{
    public static string Code(this FamilyRelation relation) => relation switch
    {
        FamilyRelation.Self => "self",
        FamilyRelation.Spouse => "spouse",
        FamilyRelation.Child => "child",
        FamilyRelation.Parent => "parent",
        FamilyRelation.Grandchild => "grandchild",
        FamilyRelation.ChildInLaw => "child_in_law",
    };

    public static string Code(this HukouKind hukou) => hukou switch
    {
        HukouKind.Local => "local",
        HukouKind.ResidencePermit => "residence_permit",
        HukouKind.AccompanyingChild => "accompanying_child",
    };

    public static string Code(this Sex sex) => sex == Sex.Male ? "male" : "female";

    public static string Code(this ExclusionKind kind) => kind switch
    {
        ExclusionKind.None => throw new ArgumentOutOfRangeException(nameof(kind)),
        ExclusionKind.ActiveMilitary => "active_military",
        ExclusionKind.Emigrated => "emigrated",
        ExclusionKind.DeceasedUnregistered => "deceased_unregistered",
        ExclusionKind.Imprisoned => "imprisoned",
        ExclusionKind.EmployeeInsurance => "employee_insurance",
        ExclusionKind.InsuredElsewhere => "insured_elsewhere",
        ExclusionKind.Refused => "refused",
    };

    public static string Code(this PaymentChannel channel) => channel switch
    {
        PaymentChannel.Yunongtong => "yunongtong",
        PaymentChannel.VillageCollection => "village_collection",
        PaymentChannel.Pos => "pos",
        PaymentChannel.ETax => "e_tax",
        PaymentChannel.WeChat => "wechat",
        PaymentChannel.Alipay => "alipay",
        PaymentChannel.UnionPayQr => "unionpay_qr",
        PaymentChannel.BankCounter => "bank_counter",
        PaymentChannel.TaxHall => "tax_hall",
        PaymentChannel.GovernmentDirect => "government_direct",
    };

    /// <summary>A prefix for payment references, as the channels' own receipts number them.</summary>
    public static string ReferencePrefix(this PaymentChannel channel) => channel switch
    {
        PaymentChannel.Yunongtong => "YNT",
        PaymentChannel.VillageCollection => "CJDS",
        PaymentChannel.Pos => "POS",
        PaymentChannel.ETax => "DZSW",
        PaymentChannel.WeChat => "WX",
        PaymentChannel.Alipay => "ZFB",
        PaymentChannel.UnionPayQr => "YL",
        PaymentChannel.BankCounter => "YHGT",
        PaymentChannel.TaxHall => "BSDT",
        PaymentChannel.GovernmentDirect => "ZFDJ",
    };

    public static string Code(this FundingSource funding) => funding switch
    {
        FundingSource.Fiscal => "fiscal",
        FundingSource.MedicalAssistance => "medical_assistance",
        FundingSource.SpecialGroup => "special_group",
    };

    public static string Code(this SubsidyMode mode) => mode switch
    {
        SubsidyMode.Direct => "direct",
        SubsidyMode.Reimburse => "reimburse",
    };

    /// <summary>说明 written on an exclusion: what the village verified.</summary>
    public static string Note(this ExclusionKind kind) => kind switch
    {
        ExclusionKind.None => string.Empty,
        ExclusionKind.ActiveMilitary => "现役军人，由部队保障（示例）",
        ExclusionKind.Emigrated => "已出国定居（示例）",
        ExclusionKind.DeceasedUnregistered => "已死亡，户籍未注销（示例）",
        ExclusionKind.Imprisoned => "判刑收监（示例）",
        ExclusionKind.EmployeeInsurance => "已参加职工基本医疗保险（示例）",
        ExclusionKind.InsuredElsewhere => "已在外地参加居民医保（示例）",
        ExclusionKind.Refused => "本人拒绝参保，已做动员并记录（示例）",
    };
}
