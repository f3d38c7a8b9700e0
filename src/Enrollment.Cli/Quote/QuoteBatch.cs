using System.Text;
using Enrollment.Domain.Rules;

namespace Enrollment.Cli.Quote;

/// <summary>Outcome of a batch: row counts, or why the input could not be read at all.</summary>
internal readonly record struct QuoteBatchResult(int Rows, int ErrorRows, string? HeaderProblem);

/// <summary>Streams input rows through a compiled policy into output rows (docs/rules.md §12).</summary>
internal static class QuoteBatch
{
    private static readonly string[] Columns = ["case", "id_number", "categories", "history", "gap_years", "paid_on"];

    public static QuoteBatchResult Run(CompiledPolicy policy, Stream input, Stream output)
    {
        using var reader = new CsvRecordReader(input);
        if (!reader.TryRead())
        {
            return new QuoteBatchResult(0, 0, "input is empty: expected the header " + string.Join(',', Columns));
        }

        // Columns are found by name, so extra columns (e.g. expected values beside the input) are ignored.
        Span<int> at = stackalloc int[Columns.Length];
        for (var c = 0; c < Columns.Length; c++)
        {
            at[c] = -1;
            for (var f = 0; f < Math.Min(reader.FieldCount, CsvRecordReader.MaxFields); f++)
            {
                if (reader.Field(f).Trim(" "u8).SequenceEqual(Encoding.UTF8.GetBytes(Columns[c])))
                {
                    at[c] = f;
                    break;
                }
            }

            if (at[c] < 0)
            {
                return new QuoteBatchResult(0, 0, $"header lacks column '{Columns[c]}': expected {string.Join(',', Columns)}");
            }
        }

        var needed = 0;
        foreach (var index in at)
        {
            needed = Math.Max(needed, index + 1);
        }

        using var writer = new QuoteCsvWriter(output);
        int rows = 0, errors = 0;
        while (reader.TryRead())
        {
            if (reader.FieldCount == 1 && reader.Field(0).IsEmpty)
            {
                continue; // blank line
            }

            rows++;
            var caseId = at[0] < reader.FieldCount ? reader.Field(at[0]) : default;
            if (reader.FieldCount < needed)
            {
                errors++;
                writer.WriteError(caseId, $"row has {reader.FieldCount} fields, expected {needed}");
                continue;
            }

            if (!QuoteRowParser.TryParse(reader.Field(at[1]), reader.Field(at[2]), reader.Field(at[3]), reader.Field(at[4]), reader.Field(at[5]), out var request, out var error))
            {
                errors++;
                writer.WriteError(caseId, error.ToEnglish());
                continue;
            }

            policy.Quote(request, out var quote);
            if (quote.IsSuccess)
            {
                writer.WriteQuote(caseId, quote);
            }
            else
            {
                errors++;
                writer.WriteError(caseId, quote.Error.ToEnglish());
            }
        }

        writer.Flush();
        return new QuoteBatchResult(rows, errors, null);
    }
}
