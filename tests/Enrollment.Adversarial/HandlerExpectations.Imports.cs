using Enrollment.Testing.Imports;
using Enrollment.Web.Features.Imports;

namespace Enrollment.Adversarial;

public static partial class HandlerExpectations
{
    /// <summary>
    /// The actor checks a residents file of their own (a header only, or one row of a township no county has), so
    /// the import's other methods have a check of theirs to work on and nothing can be stored from it.
    /// </summary>
    private static async Task<Guid> CheckFileAsync(ActorSession s, bool withRow)
    {
        IReadOnlyList<object?>[] rows = withRow
            ? [ImportFiles.ResidentHeader, ["无此镇", "无此村", "ADV-1", "对抗测试", "11010519491231002X", "户主", null, null, "是"]]
            : [ImportFiles.ResidentHeader];
        using var file = new MemoryStream(await ImportFiles.XlsxAsync(rows));
        return await s.Get<ResidentImportCommands>().CheckAsync(file, "对抗测试.xlsx");
    }

    /// <summary>
    /// The actor checks a payment file of their own for a campaign of their own county: one row for a person no county
    /// has (not_registered, or campaign_not_collecting for a closed campaign), so a commit from it stores nothing.
    /// </summary>
    private static async Task<Guid> CheckPaymentFileAsync(ActorSession s, HandlerWorld w, Actor a)
    {
        var campaign = w.Campaigns.Where(c => c.TenantId == a.TenantId).Select(c => c.Code).OrderByDescending(c => c == "tengzhou-2025").FirstOrDefault()
            ?? "tengzhou-2025";
        using var file = new MemoryStream(await ImportFiles.XlsxAsync([
            ["姓名", "公民身份号码", "缴费金额", "缴费日期", "缴费渠道", "票据号"],
            ["对抗测试", "11010519491231002X", "400", "2024-11-20", "微信", "ADV-P1"]]));
        return await s.Get<PaymentImportCommands>().CheckAsync(file, "对抗测试.xlsx", campaign);
    }
}
