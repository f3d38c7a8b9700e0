using System.CommandLine;
using System.Text;
using Enrollment.Cli.Import;
using Enrollment.Testing.Imports;
using static Enrollment.Cli.Tests.Import.PaymentDemoFixture;

namespace Enrollment.Cli.Tests.Import;

/// <summary><c>import payments</c> on the demo: the last line, exit codes, the report's columns, check-only and commit.</summary>
public sealed class PaymentsImportCommandTests(PaymentDemoFixture world) : IClassFixture<PaymentDemoFixture>
{
    [Fact]
    public async Task A_check_run_writes_the_report_stores_nothing_and_exits_1_when_rows_are_rejected()
    {
        var payer = await world.UnpaidAsync(100);
        var file = await Write(".xlsx", await ImportFiles.XlsxAsync([Header, Row(payer, "CLI-P1"), Row(payer, "CLI-P2", amount: "1")]));
        var report = Path.GetTempFileName();

        var (exit, output, error) = await Run("--tenant", "tengzhou", "--campaign", Campaign, "--file", file, "--report", report);

        exit.ShouldBe(1, error);
        LastLine(output).ShouldBe("rows: 2, accepted: 1, unchanged: 0, rejected: 1");
        var bytes = await File.ReadAllBytesAsync(report);
        bytes.AsSpan(0, 3).ToArray().ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("row,verdict,code,message,姓名,公民身份号码,缴费金额,缴费日期,缴费渠道,票据号,险种,缴费年度");
        lines[1].ShouldStartWith("2,accepted,,");
        lines[2].ShouldStartWith("3,rejected,amount_mismatch,");
        lines[2].ShouldContain(payer.IdNumber);
        (await world.ScalarAsync<long>("SELECT count(*) FROM payments WHERE enrollment_id = $1", payer.EnrollmentId)).ShouldBe(0L);
    }

    [Fact]
    public async Task Commit_stores_the_accepted_rows_and_the_same_file_again_is_all_unchanged_exit_0()
    {
        var a = await world.UnpaidAsync(110);
        var b = await world.UnpaidAsync(111);
        var file = await Write(".csv", ImportFiles.Csv([Header, Row(a, "CLI-Q1"), Row(b, "CLI-Q2", channel: "裕农通")], ImportFiles.Gb18030));
        var report = Path.GetTempFileName();

        var first = await Run("--tenant", "tengzhou", "--campaign", Campaign, "--file", file, "--commit");
        var again = await Run("--tenant", "tengzhou", "--campaign", Campaign, "--file", file, "--commit", "--report", report);

        (first.Exit, LastLine(first.Output)).ShouldBe((0, "rows: 2, accepted: 2, unchanged: 0, rejected: 0"), first.Error);
        first.Output.ShouldContain("stored 2 recorded");
        (await world.ScalarAsync<long>("SELECT count(*) FROM enrollments WHERE id IN ($1, $2) AND status = 'paid'", a.EnrollmentId, b.EnrollmentId)).ShouldBe(2L);
        (again.Exit, LastLine(again.Output)).ShouldBe((0, "rows: 2, accepted: 0, unchanged: 2, rejected: 0"));
        (await File.ReadAllTextAsync(report)).Split("\r\n")[1].ShouldStartWith("2,unchanged,,");
    }

    [Fact]
    public async Task Unusable_files_campaigns_or_arguments_exit_2_with_a_chinese_reason_and_the_counts_line()
    {
        var payer = await world.UnpaidAsync(120);
        var noAmount = await Write(".csv", ImportFiles.Csv([["姓名", "公民身份号码", "缴费日期", "缴费渠道", "票据号"], [payer.Name, payer.IdNumber, "2024-11-20", "微信", "X"]], Encoding.UTF8));
        var good = await Write(".csv", ImportFiles.Csv([Header, Row(payer, "CLI-R1")], Encoding.UTF8));

        var missing = await Run("--tenant", "tengzhou", "--campaign", Campaign, "--file", noAmount, "--commit");
        var campaign = await Run("--tenant", "tengzhou", "--campaign", "nowhere-2025", "--file", good);
        var tenant = await Run("--tenant", "nowhere", "--campaign", Campaign, "--file", good);
        var file = await Run("--tenant", "tengzhou", "--campaign", Campaign, "--file", "/nonexistent/tax.xlsx");

        (missing.Exit, missing.Error.Contains("缴费金额", StringComparison.Ordinal)).ShouldBe((2, true));
        LastLine(missing.Output).ShouldBe("rows: 0, accepted: 0, unchanged: 0, rejected: 0");
        (campaign.Exit, campaign.Error.Contains("nowhere-2025", StringComparison.Ordinal)).ShouldBe((2, true));
        (tenant.Exit, tenant.Error.Contains("nowhere", StringComparison.Ordinal)).ShouldBe((2, true));
        (file.Exit, file.Error.Contains("找不到文件", StringComparison.Ordinal)).ShouldBe((2, true));
        (await world.ScalarAsync<long>("SELECT count(*) FROM payments WHERE enrollment_id = $1", payer.EnrollmentId)).ShouldBe(0L);
    }

    private static string LastLine(string output) => output.TrimEnd().Split('\n')[^1].Trim();

    private static async Task<string> Write(string extension, byte[] content)
    {
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + extension);
        await File.WriteAllBytesAsync(path, content);
        return path;
    }

    private async Task<(int Exit, string Output, string Error)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var root = new RootCommand { ImportCommand.Create() };
        var exit = await root.Parse(["import", "payments", .. args, "--connection", world.ConnectionString, "--business-date", "2024-11-20"])
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }
}
