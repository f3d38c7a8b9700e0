using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Enrollment.Cli.Generate;
using Enrollment.Cli.Import;
using Enrollment.Cli.Seed;
using Enrollment.Data.Imports;
using Enrollment.Domain.Policies;
using Enrollment.Testing;
using Npgsql;
using Xunit.Abstractions;

namespace Enrollment.Cli.Tests.Import;

/// <summary>Runs only when <see cref="CountyImportMeasurement.Variable"/> is set: a measurement of minutes, not a test.</summary>
public sealed class CountyImportFactAttribute : FactAttribute
{
    public CountyImportFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(CountyImportMeasurement.Variable)))
        {
            Skip = $"set {CountyImportMeasurement.Variable} (1, or a number of residents) to measure";
        }
    }
}

/// <summary>
/// A measurement (docs/performance.md, "Population import"): the whole generated 滕州 (1.4 million residents by
/// default) written as the household register's GB18030 CSV, then <c>import residents --commit</c> into the same
/// county with its townships, villages and campaigns but no residents yet — the first-load path. The file is
/// deleted afterwards (about 130 MB).
/// </summary>
public sealed class CountyImportMeasurement(DatabaseFixture database, ITestOutputHelper output) : IClassFixture<DatabaseFixture>
{
    public const string Variable = "ENROLLMENT_COUNTY_IMPORT_MEASURE";

    private const string Campaign = "tengzhou-2025";

    [CountyImportFact]
    public async Task The_county_as_a_gb18030_csv_loads_into_a_county_with_no_residents()
    {
        var residents = int.TryParse(Environment.GetEnvironmentVariable(Variable), CultureInfo.InvariantCulture, out var n) && n > 1 ? n : 1_400_000;
        var layout = CountyLayout.For("tengzhou");
        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await TenantSkeleton.EnsureAsync(connection, layout, residents, default);
        }
        var settings = new PopulationSettings("tengzhou", residents, 0.9, 1, Campaign);
        var generator = new PopulationGenerator(layout, PolicyCatalog.Compile(Campaign), settings, PriorYearPolicy.Compile(Campaign));
        var file = Path.Combine(Path.GetTempPath(), $"county-{Guid.NewGuid():N}.csv");
        try
        {
            var written = Stopwatch.StartNew();
            WriteCsv(file, generator, layout);
            output.WriteLine($"{residents:N0} rows written in {written.Elapsed.TotalSeconds:F1} s, {new FileInfo(file).Length / 1048576.0:F0} MB");

            var clock = Stopwatch.StartNew();
            var (exit, text, error) = await RunAsync("--tenant", "tengzhou", "--file", file, "--commit");
            output.WriteLine($"import residents: {clock.Elapsed.TotalSeconds:F1} s end to end, exit {exit}");
            output.WriteLine(text);

            exit.ShouldBe(0, error);
            (await ScalarAsync("SELECT count(*) FROM residents")).ShouldBe((long)residents);
            (await ScalarAsync("SELECT count(*) FROM households WHERE head_resident_id IS NULL")).ShouldBe(0L);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>The register's columns (<see cref="ResidentColumns"/>), as a township office exports them from Excel.</summary>
    private static void WriteCsv(string path, PopulationGenerator generator, CountyLayout layout)
    {
        using var writer = new StreamWriter(path, false, SpreadsheetReader.Gb18030, 1 << 16);
        writer.WriteLine(string.Join(",", ResidentColumns.All.Select(c => c.Name)));
        var line = new StringBuilder();
        foreach (var household in generator.Households())
        {
            var village = layout.Villages[household.VillageIndex];
            var township = layout.Townships[village.TownshipIndex].Name;
            foreach (var r in household.Residents)
            {
                line.Clear().Append(township).Append(',').Append(village.Name).Append(',')
                    .Append(CultureInfo.InvariantCulture, $"H{household.Number:D10}").Append(',').Append(r.Name).Append(',')
                    .Append(r.CitizenId.ToString()).Append(',').Append(Relation(r.Relation)).Append(',').Append(r.Phone).Append(',')
                    .Append(village.Name).Append(CultureInfo.InvariantCulture, $"{household.HouseNumber}号").Append(',')
                    .Append(r.History == Domain.Rules.EnrollmentHistory.FirstTime ? "否" : "是").Append(',').Append(Hukou(r.Hukou));
                writer.WriteLine(line);
            }
        }
    }

    private static string Relation(FamilyRelation relation) => relation switch
    {
        FamilyRelation.Self => "户主",
        FamilyRelation.Spouse => "配偶",
        FamilyRelation.Child => "子女",
        FamilyRelation.Parent => "父母",
        FamilyRelation.Grandchild => "孙子女",
        FamilyRelation.ChildInLaw => "儿媳",
    };

    private static string Hukou(HukouKind hukou) => hukou switch
    {
        HukouKind.Local => "本地户籍",
        HukouKind.ResidencePermit => "居住证",
        HukouKind.AccompanyingChild => "随迁子女",
    };

    private async Task<long> ScalarAsync(string sql)
    {
        await using var db = new NpgsqlConnection(database.ConnectionString);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand(sql, db);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var text = new StringWriter();
        var error = new StringWriter();
        var root = new RootCommand { ImportCommand.Create() };
        var exit = await root.Parse(["import", "residents", .. args, "--connection", database.ConnectionString, "--id-hash-key", TestKeys.IdHashKey,
                "--business-date", "2024-11-20"])
            .InvokeAsync(new InvocationConfiguration { Output = text, Error = error });
        return (exit, text.ToString(), error.ToString());
    }
}
