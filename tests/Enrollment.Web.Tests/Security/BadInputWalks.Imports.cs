using Enrollment.Data.Imports;
using Enrollment.Testing.Imports;
using Enrollment.Testing.Web;
using Enrollment.Web.Components.Grids;
using Enrollment.Web.Features.Imports;

namespace Enrollment.Web.Tests.Security;

internal static partial class BadInputWalks
{
    // ---- 导入户籍人口 ------------------------------------------------------------------------------------------------

    /// <summary>
    /// The import's calls with garbage in the file's name and in the check's id: a name is only shown, an id that is
    /// not the user's own live check finds nothing. The file's bytes are walked by the import's own tests.
    /// </summary>
    private static IEnumerable<HandlerWalk> Imports(DemoApp app)
    {
        // One row of a township no county has: a check with a row, from which a commit stores nothing.
        var file = ImportFiles.XlsxAsync([ImportFiles.ResidentHeader, ["无此镇", "无此村", "W-1", "测试", "11010519491231002X", "户主", null, null, "是"]])
            .GetAwaiter().GetResult();
        Task<Guid> CheckAsync(WalkState state) => state.KeepAsync("import", async () =>
        {
            await using var session = await app.SessionAsync(Clerk);
            return await session.Get<ResidentImportCommands>().CheckAsync(new MemoryStream(file), "人口.xlsx");
        });
        HandlerWalk Walk(string method, Func<Guid, object?[]> arguments) => new()
        {
            Service = typeof(ResidentImportCommands), Method = method, Login = Clerk,
            Arguments = async s => arguments(await CheckAsync(s)),
        };
        yield return new HandlerWalk
        {
            Service = typeof(ResidentImportCommands), Method = nameof(ResidentImportCommands.CheckAsync), Login = Clerk,
            Arguments = _ => Task.FromResult<object?[]>([new MemoryStream(file), "人口.xlsx"]),
        };
        yield return Walk(nameof(ResidentImportCommands.SummaryAsync), id => [id]);
        yield return Walk(nameof(ResidentImportCommands.RowsAsync), id => [id, new GridRequest(0, 20)]);
        yield return Walk(nameof(ResidentImportCommands.CommitAsync), id => [id]);
        yield return Walk(nameof(ResidentImportCommands.WriteReportAsync), id => [id, new MemoryStream()]);
    }

    // ---- 导入税务缴费明细 ----------------------------------------------------------------------------------------------

    /// <summary>
    /// The payment file's calls with garbage in the campaign code, the file's name, the check's id and the verdict
    /// filter: an unknown campaign refuses the file whole, an id that is not the user's own payments check finds nothing.
    /// </summary>
    private static IEnumerable<HandlerWalk> PaymentImports(DemoApp app)
    {
        // One row of a person no county has: a check with a (rejected) row, from which a commit stores nothing.
        var file = ImportFiles.XlsxAsync([["姓名", "公民身份号码", "缴费金额", "缴费日期", "缴费渠道", "票据号"],
            ["测试", "11010519491231002X", "400", "2024-11-20", "微信", "WALK-1"]]).GetAwaiter().GetResult();
        Task<Guid> CheckAsync(WalkState state) => state.KeepAsync("payment-import", async () =>
        {
            await using var session = await app.SessionAsync(CountyAdmin);
            return await session.Get<PaymentImportCommands>().CheckAsync(new MemoryStream(file), "缴费.xlsx", "tengzhou-2025");
        });
        HandlerWalk Walk(string method, Func<Guid, object?[]> arguments) => new()
        {
            Service = typeof(PaymentImportCommands), Method = method, Login = CountyAdmin,
            Arguments = async s => arguments(await CheckAsync(s)),
        };
        yield return new HandlerWalk
        {
            Service = typeof(PaymentImportCommands), Method = nameof(PaymentImportCommands.CheckAsync), Login = CountyAdmin,
            Arguments = _ => Task.FromResult<object?[]>([new MemoryStream(file), "缴费.xlsx", "tengzhou-2025"]),
        };
        yield return Walk(nameof(PaymentImportCommands.SummaryAsync), id => [id]);
        yield return Walk(nameof(PaymentImportCommands.RowsAsync), id => [id, new GridRequest(0, 20), ImportVerdict.Rejected]);
        yield return Walk(nameof(PaymentImportCommands.CommitAsync), id => [id]);
        yield return Walk(nameof(PaymentImportCommands.WriteReportAsync), id => [id, new MemoryStream()]);
    }
}
