using System.CommandLine;
using System.Text;
using Enrollment.Cli.Import;
using Enrollment.Cli.Seed;
using Enrollment.Data.Registry;
using Enrollment.Testing;
using Enrollment.Testing.Imports;
using Npgsql;

namespace Enrollment.Cli.Tests.Import;

/// <summary><c>import residents</c> on the demo: exit codes, the last line, the report, check-only, commit, bulk.</summary>
public sealed class ResidentsImportCommandTests(DatabaseFixture database) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private string _village = "";

    public async Task InitializeAsync()
    {
        await DemoSeeder.SeedAsync(database.ConnectionString, CitizenIdHasher.FromBase64(TestKeys.IdHashKey), default);
        await using var db = new NpgsqlConnection(database.ConnectionString);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT v.name FROM jurisdictions v JOIN jurisdictions t ON t.tenant_id = v.tenant_id AND v.path LIKE t.path || '%'
            JOIN tenants n ON n.id = t.tenant_id
            WHERE n.code = 'tengzhou' AND t.name = '鲍沟镇' AND v.level = 'village' ORDER BY v.display_order LIMIT 1
            """, db);
        _village = (string)(await command.ExecuteScalarAsync())!;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static string Id(string birth, int sequence) =>
        "370481" + birth + sequence.ToString("D3", System.Globalization.CultureInfo.InvariantCulture) is var first17
            ? first17 + Domain.Residents.CitizenId.ComputeCheckCharacter(first17) : "";

    private object?[] Row(string household, string name, string id, string relation) =>
        ["鲍沟镇", _village, household, name, id, relation, null, null, "是"];

    [Fact]
    public async Task A_check_run_reports_every_row_stores_nothing_and_exits_1_when_rows_are_rejected()
    {
        var file = await Write(".xlsx", await ImportFiles.XlsxAsync(
            [ImportFiles.ResidentHeader, Row("CLI-1", "苗一", Id("19800101", 711), "户主"), Row("CLI-1", "苗二", "12345", "子")]));
        var report = Path.GetTempFileName();

        var (exit, output, _) = await Run("--tenant", "tengzhou", "--file", file, "--report", report);

        exit.ShouldBe(1);
        LastLine(output).ShouldBe("rows: 2, accepted: 1, unchanged: 0, rejected: 1");
        var bytes = await File.ReadAllBytesAsync(report);
        bytes.AsSpan(0, 3).ToArray().ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldStartWith("row,verdict,code,message,乡镇（街道）,村（社区）,户号,姓名,公民身份号码");
        lines[1].ShouldStartWith("2,accepted,,");
        lines[2].ShouldStartWith("3,rejected,invalid_id_number,");
        (await Count("SELECT count(*) FROM residents WHERE name = '苗一'")).ShouldBe(0L);
    }

    [Fact]
    public async Task Commit_stores_the_accepted_rows_and_the_same_file_again_is_all_unchanged_exit_0()
    {
        var file = await Write(".csv", ImportFiles.Csv(
            [ImportFiles.ResidentHeader, Row("CLI-2", "柏一", Id("19800101", 721), "户主"), Row("CLI-2", "柏二", Id("19810101", 732), "配偶")],
            ImportFiles.Gb18030));

        var first = await Run("--tenant", "tengzhou", "--file", file, "--commit");
        var again = await Run("--tenant", "tengzhou", "--file", file, "--commit");

        (first.Exit, LastLine(first.Output)).ShouldBe((0, "rows: 2, accepted: 2, unchanged: 0, rejected: 0"), first.Error);
        (await Count("SELECT count(*) FROM residents r JOIN households h ON h.id = r.household_id WHERE h.household_number = 'CLI-2'")).ShouldBe(2L);
        (again.Exit, LastLine(again.Output)).ShouldBe((0, "rows: 2, accepted: 0, unchanged: 2, rejected: 0"));
    }

    [Fact]
    public async Task The_bulk_path_stores_as_the_owner_and_restores_the_keys()
    {
        var file = await Write(".csv", ImportFiles.Csv(
            [ImportFiles.ResidentHeader, Row("CLI-3", "水一", Id("19800101", 741), "户主")], new UTF8Encoding(true), bom: true));

        var (exit, output, error) = await Run("--tenant", "tengzhou", "--file", file, "--commit", "--bulk", "true");

        exit.ShouldBe(0, error);
        output.ShouldContain("(bulk load)");
        (await Count("SELECT count(*) FROM residents WHERE name = '水一'")).ShouldBe(1L);
        (await Count("SELECT count(*) FROM pg_constraint WHERE conrelid = 'residents'::regclass AND contype IN ('p', 'u')")).ShouldBe(2L);
    }

    [Fact]
    public async Task Unusable_arguments_or_files_exit_2_with_a_chinese_reason_and_the_counts_line()
    {
        var missingColumn = await Write(".csv", ImportFiles.Csv([["乡镇", "村居", "户号", "姓名", "关系"], ["鲍沟镇", _village, "1", "张三", "户主"]], Encoding.UTF8));
        var garbage = await Write(".xlsx", [.. "PK\u0003\u0004 not really a workbook"u8]);

        var missing = await Run("--tenant", "tengzhou", "--file", missingColumn, "--commit");
        var unreadable = await Run("--tenant", "tengzhou", "--file", garbage);
        var noTenant = await Run("--tenant", "nowhere", "--file", missingColumn);
        var noFile = await Run("--tenant", "tengzhou", "--file", "/nonexistent/file.xlsx");

        (missing.Exit, missing.Error).ShouldSatisfyAllConditions(() => missing.Exit.ShouldBe(2), () => missing.Error.ShouldContain("公民身份号码"));
        LastLine(missing.Output).ShouldBe("rows: 0, accepted: 0, unchanged: 0, rejected: 0");
        (unreadable.Exit, unreadable.Error.Contains("无法读取", StringComparison.Ordinal)).ShouldBe((2, true));
        (noTenant.Exit, noTenant.Error.Contains("nowhere", StringComparison.Ordinal)).ShouldBe((2, true));
        (noFile.Exit, noFile.Error.Contains("找不到文件", StringComparison.Ordinal)).ShouldBe((2, true));
    }

    private static string LastLine(string output) => output.TrimEnd().Split('\n')[^1].Trim();

    private static async Task<string> Write(string extension, byte[] content)
    {
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + extension);
        await File.WriteAllBytesAsync(path, content);
        return path;
    }

    private async Task<long> Count(string sql)
    {
        await using var db = new NpgsqlConnection(database.ConnectionString);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand(sql, db);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<(int Exit, string Output, string Error)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var root = new RootCommand { ImportCommand.Create() };
        var exit = await root.Parse(["import", "residents", .. args, "--connection", database.ConnectionString, "--id-hash-key", TestKeys.IdHashKey,
                "--business-date", "2024-11-20"])
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }
}
