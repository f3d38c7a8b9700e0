using System.Text;
using Enrollment.Cli.Quote;

namespace Enrollment.Cli.Tests.Quote;

public sealed class QuoteCommandTests : IDisposable
{
    private const string InputHeader = "case,id_number,categories,history,gap_years,paid_on";
    private const string OutputHeader = "case,payable,subsidy,basis,county_share,township_share,funding,mode,coverage_start,late,error";
    private static readonly string[] OutputColumns = OutputHeader.Split(',');
    private readonly string _dir = Directory.CreateTempSubdirectory("quote-tests-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string File_(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }

    private (int Exit, string[] Lines, string Log) Run(string policy, string inputCsv)
    {
        var input = File_("in.csv", inputCsv);
        var output = Path.Combine(_dir, "out.csv");
        var log = new StringWriter();
        var exit = QuoteCommand.Run(policy, input, output, log);
        var lines = File.Exists(output) ? File.ReadAllLines(output) : [];
        return (exit, lines, log.ToString());
    }

    public static TheoryData<string> Policies => new(QuoteExamples.Rows().Select(r => r["policy"]).Distinct());

    [Theory]
    [MemberData(nameof(Policies))]
    public void Quote_examples_produce_exactly_the_expected_columns(string policy)
    {
        var rows = QuoteExamples.Rows().Where(r => r["policy"] == policy).ToList();
        var input = InputHeader + "\n" + string.Join("\n", rows.Select(r =>
            string.Join(',', InputHeader.Split(',').Select(c => r[c])))) + "\n";

        var (exit, lines, log) = Run(policy, input);

        lines[0].ShouldBe(OutputHeader);
        lines.Length.ShouldBe(rows.Count + 1, log);
        exit.ShouldBe(rows.Any(r => r["error"] == "ERROR") ? 1 : 0, log);
        for (var i = 0; i < rows.Count; i++)
        {
            var expected = rows[i];
            var actual = OutputColumns.Zip(ParseCsvLine(lines[i + 1])).ToDictionary(p => p.First, p => p.Second);
            actual["case"].ShouldBe(expected["case"]);
            if (expected["error"] == "ERROR")
            {
                actual["error"].ShouldNotBeNullOrWhiteSpace(expected["case"]);
                OutputColumns.Where(c => c is not ("case" or "error")).ShouldAllBe(c => actual[c] == "", expected["case"]);
            }
            else
            {
                foreach (var column in OutputColumns.Skip(1))
                {
                    actual[column].ShouldBe(expected[column], $"{expected["case"]}.{column}");
                }
            }
        }
    }

    [Fact]
    public void The_examples_file_itself_can_be_quoted_since_columns_are_found_by_name()
    {
        var examples = File.ReadAllText(QuoteExamples.Path_());
        var (exit, lines, _) = Run("tengzhou-2025", examples);
        exit.ShouldBe(1); // other campaigns' rows fail against this policy
        lines.Length.ShouldBe(QuoteExamples.Rows().Count + 1);
        lines[1].ShouldBe("ex01,400.00,0.00,,0.00,0.00,,,2025-01-01,false,");
    }

    [Fact]
    public void Bad_rows_keep_their_case_and_the_others_are_still_quoted()
    {
        var input = InputHeader + "\n" +
            "a,370481198204092016,,continuing,0,2024-11-05\n" +
            "b,37048119820409201６,,continuing,0,2024-11-05\n" +
            "\"c,1\",370481198204092016,age_70_plus,,,2024-11-05\n" +
            "d,370481198204092016,tekun@2024-02-30,,,2024-11-05\n" +
            "e,370481198204092016,,interrupted,0,2024-11-05\n" +
            "f,370481198204092016,,sometimes,,2024-11-05\n" +
            "g,370481198204092016,,,x,2024-11-05\n" +
            "h,370481198204092016,,,,2024/11/05\n" +
            "i,370481198204092016,homeless,,,2024-11-05\n" +
            "j,370481198204092016\n" +
            "k,370481198204092016,tekun;dibao@2020-01-01,,,2024-11-05\r\n";
        var (exit, lines, _) = Run("tengzhou-2025", input);

        exit.ShouldBe(1);
        lines[1].ShouldBe("a,400.00,0.00,,0.00,0.00,,,2025-01-01,false,");
        lines[2].ShouldStartWith("b,,,,,,,,,,citizen ID number has a full-width digit '６'");
        lines[3].ShouldStartWith("\"c,1\",,,,,,,,,,'age_70_plus' is derived from the birth date");
        lines[4].ShouldContain("first-certified date '2024-02-30' is not a valid");
        lines[5].ShouldBe("e,,,,,,,,,,\"history interrupted needs gap_years >= 1, found 0\"");
        lines[6].ShouldContain("unknown history 'sometimes' (expected continuing, first_time or interrupted)");
        lines[7].ShouldEndWith("gap_years 'x' is not a non-negative integer");
        lines[8].ShouldEndWith("payment date '2024/11/05' is not a valid YYYY-MM-DD date");
        lines[9].ShouldEndWith("unknown category code 'homeless'");
        lines[10].ShouldBe("j,,,,,,,,,,\"row has 2 fields, expected 6\"");
        lines[11].ShouldBe("k,0.00,400.00,tekun,400.00,0.00,medical_assistance,direct,2025-01-01,false,");
    }

    [Fact]
    public void Empty_history_and_gap_mean_continuing_and_zero_and_a_bom_is_skipped()
    {
        var (exit, lines, _) = Run("baogou-2022", "\uFEFF" + InputHeader + "\r\nx,370481195803032177,,,,2021-11-05\r\n");
        exit.ShouldBe(0);
        lines[1].ShouldBe("x,160.00,160.00,age_60_69,160.00,0.00,fiscal,direct,2022-01-01,false,");
    }

    [Fact]
    public void A_policy_file_path_works_and_a_broken_one_exits_2_naming_the_path()
    {
        var good = File_("p.json", Domain.Policies.PolicyCatalog.GetJson("pubei-2020")!);
        Run(good, InputHeader + "\nx,450722197909092210,poverty_alleviated_2016_2017,continuing,0,2019-11-05\n").Lines[1]
            .ShouldBe("x,250.00,150.00,poverty_alleviated_2016_2017,150.00,0.00,fiscal,reimburse,2020-01-01,false,");

        var bad = File_("bad.json", Domain.Policies.PolicyCatalog.GetJson("pubei-2020")!.Replace("\"share\": 0.3", "\"share\": 3", StringComparison.Ordinal));
        var (exit, _, log) = Run(bad, InputHeader + "\n");
        exit.ShouldBe(2);
        log.ShouldContain("subsidies[4].share must be between 0 and 1");
    }

    [Theory]
    [InlineData("no-such-campaign", InputHeader)]
    [InlineData("tengzhou-2025", "case,id_number,categories,history,paid_on")]
    [InlineData("tengzhou-2025", "")]
    public void Unusable_policy_or_input_exits_2(string policy, string header)
    {
        Run(policy, header + "\n").Exit.ShouldBe(2);
    }

    [Fact]
    public void Missing_arguments_exit_2_through_the_command_line_parser()
    {
        var root = new System.CommandLine.RootCommand { QuoteCommand.Create() };
        root.Parse(["quote", "--policy", "tengzhou-2025"]).Invoke().ShouldBe(2);
        root.Parse(["quote", "--policy", "tengzhou-2025", "--input", Path.Combine(_dir, "none.csv"), "--output", Path.Combine(_dir, "o.csv")]).Invoke().ShouldBe(2);
        root.Parse(["quote", "--policy", "tengzhou-2025", "--input", "a", "--output", "b", "--extra"]).Invoke().ShouldBe(2);
        root.Parse(["quote", "--policy"]).Invoke().ShouldBe(2);

        var input = File_("ok.csv", InputHeader + "\nx,370481198204092016,,,,2024-11-05\n");
        root.Parse(["quote", "--policy", "tengzhou-2025", "--input", input, "--output", Path.Combine(_dir, "o.csv")]).Invoke().ShouldBe(0);
    }

    [Fact]
    public void Quoted_fields_with_doubled_quotes_and_line_breaks_are_read_and_written_back()
    {
        var (exit, _, _) = Run("tengzhou-2025", InputHeader + "\n\"he said \"\"hi\"\"\nthere\",370481198204092016,\"tekun\",,,2024-11-05\n");
        exit.ShouldBe(0);
        File.ReadAllText(Path.Combine(_dir, "out.csv")).ShouldEndWith(
            "\"he said \"\"hi\"\"\nthere\",0.00,400.00,tekun,400.00,0.00,medical_assistance,direct,2025-01-01,false,\n");
    }

    private static string[] ParseCsvLine(string line)
    {
        var fields = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
            {
                current.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        fields.Add(current.ToString());
        return [.. fields];
    }
}
