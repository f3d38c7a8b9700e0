using System.Globalization;
using Enrollment.Data.Payments;
using Enrollment.Domain.Rules;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Enrollment.Data.Imports.Payments;

/// <summary>
/// The first pass of a tax bureau's payment file for one campaign. Each row is what one POST /api/v1/payments with
/// the file's campaign would be, checked by the same code (<see cref="PaymentChecks"/>) in the same order: its
/// idempotency key (channel, reference, ID) first — a repeat is <c>unchanged</c>, the same key with other values
/// <c>reference_conflict</c> — then the campaign, the person, the name, the date and the amount due. The rows are
/// taken in the file's order, as if sent one after another: a second payment for one enrollment is refund_due, a
/// row repeating an earlier one of the file is unchanged. Reads in a few set-based queries; nothing is stored.
/// </summary>
public static class PaymentImportCheck
{
    private readonly record struct Key(string Channel, string Reference, string Citizen);

    /// <summary>A payment a key names: for corrections (what to reverse) and for conflicts with a clerk's entry.</summary>
    private sealed record KeyedPayment(long Id, string State, decimal Amount, DateOnly PaidOn, long CampaignId, bool HasRequest);

    private sealed record CampaignRow(long Id, string Status, int PolicyYear, int? PolicyVersion);

    public static async Task<PaymentImportPreview> CheckAsync(
        EnrollmentDbContext db, Stream file, string campaign, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(campaign);
        var tenant = db.Tenant.TenantId ?? throw new InvalidOperationException("An import needs a tenant: create the context with TenantContext.For(…).");
        // The file is read on a worker while the campaign and the channels load: the read is the longest step.
        var reading = Task.Run(() => SpreadsheetReader.Read(file), ct);
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            var found = await CampaignAsync(connection, campaign, ct);
            var channels = await ChannelsAsync(connection, ct);
            var sheet = await reading;
            if (found is null)
            {
                return PaymentImportPreview.Refused($"没有代码为“{campaign}”的征缴活动。整个文件未导入。", campaign);
            }
            var (map, data, notice, refusal) = SheetData.Of(sheet, PaymentColumns.All);
            if (map is null)
            {
                return PaymentImportPreview.Refused(refusal!, campaign);
            }
            var parsed = new (ParsedPayment? Row, string? Code, string? Message)[data.Count];
            Parallel.For(0, data.Count, new ParallelOptions { CancellationToken = ct },
                i => parsed[i] = PaymentRowReader.Read(data[i], map, found.PolicyYear, today, channels));

            var rows = parsed.Select(p => p.Row).OfType<ParsedPayment>().ToList();
            var residents = await ResidentsAsync(connection, campaign, rows, ct);
            var requests = await RequestsAsync(connection, rows, ct);
            var payments = await PaymentsAsync(connection, rows, ct);
            var counting = await CountingAsync(connection, residents.Values.Select(r => r.EnrollmentId).OfType<long>().ToArray(), ct);
            var policy = found.PolicyVersion is { } version ? await new PolicyCache().GetAsync(connection, tenant, found.Id, version, ct) : null;

            var pass = new Pass(found, campaign, today, policy, residents, requests, payments, counting);
            var results = new List<ImportRowResult>(data.Count);
            for (var i = 0; i < data.Count; i++)
            {
                var (row, code, message) = parsed[i];
                results.Add(row is null
                    ? new ImportRowResult(data[i].Number, ImportVerdict.Rejected, code, message, data[i].Cells)
                    : pass.Verdict(row, data[i].Cells));
            }
            return new PaymentImportPreview(results, pass.ToStore, map.Headers, notice, null, found.Id, campaign);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The rows in the file's order, with what earlier rows of the file did (keys used, enrollments paid).</summary>
    private sealed class Pass(
        CampaignRow campaign, string code, DateOnly today, CompiledPolicy? policy, Dictionary<string, PaymentResident> residents,
        Dictionary<Key, StoredRequest> requests, Dictionary<Key, KeyedPayment> payments, Dictionary<long, (string State, decimal Amount)> counting)
    {
        private readonly Dictionary<Key, ParsedPayment> _recorded = [];
        private readonly Dictionary<Key, ParsedPayment> _reversed = [];

        public List<PaymentToStore> ToStore { get; } = [];

        public ImportRowResult Verdict(ParsedPayment row, string?[] cells)
        {
            var (verdict, resultCode, message) = row.IsCorrection ? Correction(row) : Payment(row);
            return new ImportRowResult(row.Row, verdict, resultCode, message, cells);
        }

        private (ImportVerdict, string?, string?) Payment(ParsedPayment row)
        {
            var key = KeyOf(row);
            if (_recorded.TryGetValue(key, out var earlier))
            {
                return Same(earlier, row)
                    ? (ImportVerdict.Unchanged, null, $"与第 {earlier.Row} 行是同一笔缴费（渠道、票据号、身份证号相同），不重复记录。")
                    : Rejected(ApiProblem.Conflict());
            }
            if (requests.TryGetValue(key, out var stored))
            {
                var repeat = PaymentChecks.Repeat(stored, code, row.Amount, row.PaidOn, row.Name);
                return repeat.Problem is { } conflict
                    ? Rejected(conflict)
                    : (ImportVerdict.Unchanged, null, "这笔缴费已经登记过（渠道、票据号、身份证号及内容均相同），不再记录。");
            }
            if (payments.ContainsKey(key))
            {
                // Recorded another way under the same key: the API's insert would meet the same unique rule.
                return Rejected(ApiProblem.Conflict());
            }
            residents.TryGetValue(key.Citizen, out var resident);
            var checkedRow = PaymentChecks.Check(code, campaign.Status, row.Channel, row.Id, null, resident, row.Name, row.Amount, row.PaidOn, policy, today);
            if (checkedRow.Problem is { } problem)
            {
                return Rejected(problem);
            }
            var (quote, payer) = checkedRow.Value;
            var enrollment = payer.EnrollmentId!.Value;
            _recorded[key] = row;
            ToStore.Add(new PaymentToStore(row, enrollment, quote.Payable, quote.CoverageStart, quote.Late));
            if (counting.TryGetValue(enrollment, out var current))
            {
                if (current.State == "unconfirmed" && current.Amount == row.Amount)
                {
                    counting[enrollment] = ("confirmed", current.Amount);
                    return (ImportVerdict.Accepted, "matched", PaymentImportText.Matched);
                }
                return (ImportVerdict.Accepted, "refund_due", PaymentImportText.RefundDue);
            }
            counting[enrollment] = ("confirmed", row.Amount);
            return (ImportVerdict.Accepted, null, null);
        }

        private (ImportVerdict, string?, string?) Correction(ParsedPayment row)
        {
            var key = KeyOf(row);
            var none = $"没有渠道、票据号（{row.Reference}）与身份证号都相同的缴费可以冲正。";
            if (_reversed.TryGetValue(key, out var earlier))
            {
                return (ImportVerdict.Unchanged, null, $"第 {earlier.Row} 行已冲正这笔缴费，不重复冲正。");
            }
            decimal amount;
            DateOnly paidOn;
            if (payments.TryGetValue(key, out var payment))
            {
                if (payment.CampaignId != campaign.Id)
                {
                    return (ImportVerdict.Rejected, PaymentImportCodes.NoSuchPayment, $"{none}（该票据号的缴费不属于本征缴活动）");
                }
                switch (payment.State)
                {
                    case "reversed":
                        return (ImportVerdict.Unchanged, null, "这笔缴费已经冲正，不再重复冲正。");
                    case "refunded":
                        return (ImportVerdict.Rejected, PaymentImportCodes.NoSuchPayment, "这笔缴费已经退费，不能再冲正。");
                }
                (amount, paidOn) = (payment.Amount, payment.PaidOn);
            }
            else if (_recorded.TryGetValue(key, out var recorded))
            {
                (amount, paidOn) = (recorded.Amount, recorded.PaidOn);
            }
            else
            {
                return (ImportVerdict.Rejected, PaymentImportCodes.NoSuchPayment, none);
            }
            if (amount != row.Amount)
            {
                return (ImportVerdict.Rejected, "amount_mismatch",
                    $"冲正金额 {ApiChecks.Money(row.Amount)} 元与原缴费金额 {ApiChecks.Money(amount)} 元不一致。");
            }
            _reversed[key] = row;
            ToStore.Add(new PaymentToStore(row, null, 0m, default, false));
            return (ImportVerdict.Accepted, PaymentImportCodes.Reversal,
                string.Create(CultureInfo.InvariantCulture, $"冲正 {paidOn:yyyy-MM-dd} 缴纳的 {ApiChecks.Money(amount)} 元（税务更正）。"));
        }

        private static bool Same(ParsedPayment earlier, ParsedPayment row) =>
            earlier.Amount == row.Amount && earlier.PaidOn == row.PaidOn && ApiText.NormalName(earlier.Name) == ApiText.NormalName(row.Name);

        private static (ImportVerdict, string?, string?) Rejected(ApiProblem problem) => (ImportVerdict.Rejected, problem.Code, problem.Detail);
    }

    private static Key KeyOf(ParsedPayment row) => new(row.Channel, row.Reference, row.Id.ToString());

    private static async Task<CampaignRow?> CampaignAsync(NpgsqlConnection connection, string campaign, CancellationToken ct)
    {
        await using var command = Command(connection, PaymentImportSql.Campaign, campaign);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct)
            ? new CampaignRow(reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2), reader.IsDBNull(3) ? null : reader.GetInt32(3))
            : null;
    }

    private static async Task<Dictionary<string, string>> ChannelsAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var channels = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var command = Command(connection, PaymentImportSql.Channels);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            channels[reader.GetString(0)] = reader.GetString(1);
        }
        return channels;
    }

    private static async Task<Dictionary<string, PaymentResident>> ResidentsAsync(
        NpgsqlConnection connection, string campaign, List<ParsedPayment> rows, CancellationToken ct)
    {
        var ids = rows.Select(r => r.Id.ToString()).Distinct().ToArray();
        var found = new Dictionary<string, PaymentResident>(ids.Length, StringComparer.Ordinal);
        await using var command = Command(connection, PaymentImportSql.Residents, ids, campaign);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var resident = PaymentChecks.ReadResident(reader);
            found[resident.CitizenId] = resident;
        }
        return found;
    }

    private static async Task<Dictionary<Key, StoredRequest>> RequestsAsync(NpgsqlConnection connection, List<ParsedPayment> rows, CancellationToken ct)
    {
        var found = new Dictionary<Key, StoredRequest>();
        await using var command = KeysCommand(connection, PaymentImportSql.Requests, rows);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            found[new Key(reader.GetString(9), reader.GetString(10), reader.GetString(11))] = PaymentChecks.ReadStored(reader);
        }
        return found;
    }

    private static async Task<Dictionary<Key, KeyedPayment>> PaymentsAsync(NpgsqlConnection connection, List<ParsedPayment> rows, CancellationToken ct)
    {
        var found = new Dictionary<Key, KeyedPayment>();
        await using var command = KeysCommand(connection, PaymentImportSql.Payments, rows);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            found[new Key(reader.GetString(0), reader.GetString(1), reader.GetString(2))] = new KeyedPayment(
                reader.GetInt64(3), reader.GetString(4), reader.GetDecimal(5), reader.GetFieldValue<DateOnly>(6), reader.GetInt64(7), reader.GetBoolean(8));
        }
        return found;
    }

    private static async Task<Dictionary<long, (string, decimal)>> CountingAsync(NpgsqlConnection connection, long[] enrollments, CancellationToken ct)
    {
        var found = new Dictionary<long, (string, decimal)>(enrollments.Length);
        await using var command = Command(connection, PaymentImportSql.Counting, enrollments);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            found[reader.GetInt64(0)] = (reader.GetString(1), reader.GetDecimal(2));
        }
        return found;
    }

    private static NpgsqlCommand KeysCommand(NpgsqlConnection connection, string sql, List<ParsedPayment> rows) =>
        Command(connection, sql, rows.Select(r => r.Channel).ToArray(), rows.Select(r => r.Reference).ToArray(), rows.Select(r => r.Id.ToString()).ToArray());

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, params object[] values)
    {
        // A county's file is 100,000 rows: its set-based reads may outlast the default timeout; the token still cancels.
        var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }
        return command;
    }
}
