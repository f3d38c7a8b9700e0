using System.CommandLine;
using System.CommandLine.Invocation;
using Enrollment.Domain.Policies;
using Enrollment.Domain.Rules;

namespace Enrollment.Cli.Quote;

/// <summary>
/// <c>quote --policy &lt;campaign id | path&gt; --input &lt;csv&gt; --output &lt;csv&gt;</c>: the stable batch contract of
/// docs/rules.md §12. Exit codes: 0 every row quoted, 1 some row has an error, 2 arguments or policy unusable.
/// </summary>
internal static class QuoteCommand
{
    public const int AllQuoted = 0;
    public const int SomeRowsFailed = 1;
    public const int Unusable = 2;

    public static Command Create()
    {
        var policy = new Option<string>("--policy") { Description = "Campaign id of a shipped policy (e.g. tengzhou-2025) or path to a policy JSON file" };
        var input = new Option<string>("--input") { Description = "UTF-8 CSV: case,id_number,categories,history,gap_years,paid_on" };
        var output = new Option<string>("--output") { Description = "CSV to write: case,payable,subsidy,basis,county_share,township_share,funding,mode,coverage_start,late,error" };
        var command = new Command("quote", "Quote a CSV of cases against a policy (docs/rules.md §12).") { policy, input, output };

        // Unusable arguments must exit 2, not System.CommandLine's 1, so the action takes over parse errors.
        command.TreatUnmatchedTokensAsErrors = false;
        command.Action = new QuoteAction(policy, input, output);
        return command;
    }

    /// <summary>Runs the command with already-parsed arguments; writes diagnostics to <paramref name="log"/>.</summary>
    public static int Run(string? policyArg, string? inputPath, string? outputPath, TextWriter log)
    {
        if (string.IsNullOrWhiteSpace(policyArg) || string.IsNullOrWhiteSpace(inputPath) || string.IsNullOrWhiteSpace(outputPath))
        {
            log.WriteLine("quote: --policy, --input and --output are all required");
            return Unusable;
        }

        var compiled = LoadPolicy(policyArg, log);
        if (compiled is null)
        {
            return Unusable;
        }

        if (!File.Exists(inputPath))
        {
            log.WriteLine($"quote: input file '{inputPath}' not found");
            return Unusable;
        }

        try
        {
            using var inStream = new FileStream(inputPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            using var outStream = new FileStream(outputPath, FileMode.Create, FileAccess.Write, FileShare.None, 1);
            var result = QuoteBatch.Run(compiled, inStream, outStream);
            if (result.HeaderProblem is { } header)
            {
                log.WriteLine($"quote: {inputPath}: {header}");
                return Unusable;
            }

            log.WriteLine($"quote: {result.Rows} rows quoted against {compiled.CampaignId}, {result.ErrorRows} with errors -> {outputPath}");
            return result.ErrorRows == 0 ? AllQuoted : SomeRowsFailed;
        }
        catch (IOException ex)
        {
            log.WriteLine($"quote: {ex.Message}");
            return Unusable;
        }
        catch (UnauthorizedAccessException ex)
        {
            log.WriteLine($"quote: {ex.Message}");
            return Unusable;
        }
    }

    /// <summary>A shipped campaign id first, else a file path; prints every problem; null when unusable.</summary>
    internal static CompiledPolicy? LoadPolicy(string policyArg, TextWriter log)
    {
        string json;
        if (PolicyCatalog.Contains(policyArg))
        {
            json = PolicyCatalog.GetJson(policyArg)!;
        }
        else if (File.Exists(policyArg))
        {
            json = File.ReadAllText(policyArg);
        }
        else
        {
            log.WriteLine($"quote: '{policyArg}' is neither a shipped campaign ({string.Join(", ", PolicyCatalog.CampaignIds)}) nor a policy file");
            return null;
        }

        var loaded = PolicyLoader.Load(json);
        foreach (var problem in loaded.Problems)
        {
            log.WriteLine($"quote: policy {policyArg}: {problem}");
        }

        return loaded.Policy;
    }

    private sealed class QuoteAction(Option<string> policy, Option<string> input, Option<string> output) : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            var problems = parseResult.Errors.Select(e => e.Message).Concat(parseResult.UnmatchedTokens.Select(t => $"unrecognized argument '{t}'")).ToList();
            if (problems.Count > 0)
            {
                foreach (var problem in problems)
                {
                    Console.Error.WriteLine($"quote: {problem}");
                }

                return Unusable;
            }

            return Run(parseResult.GetValue(policy), parseResult.GetValue(input), parseResult.GetValue(output), Console.Error);
        }
    }
}
