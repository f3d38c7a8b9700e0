using System.Globalization;
using Enrollment.Domain.Rules;
using Npgsql;
using NpgsqlTypes;

namespace Enrollment.Cli.Generate;

/// <summary>
/// Binary COPY of the generated population, one table per writer, as the schema owner: row-level security refuses
/// COPY to the app role (docs/decisions/0004-tenancy-and-keys.md, "Bulk loads").
/// </summary>
internal static class PopulationTables
{
    public static readonly string[] Names = ["households", "residents", "enrollments", "payments", "certifications", "exclusions"];

    public static long Write(string table, NpgsqlConnection connection, LoadContext context, IEnumerable<PopulationBatch> batches) => table switch
    {
        "households" => Households(connection, context, batches),
        "residents" => Residents(connection, context, batches),
        "enrollments" => Enrollments(connection, context, batches),
        "payments" => Payments(connection, context, batches),
        "certifications" => Certifications(connection, context, batches),
        "exclusions" => Exclusions(connection, context, batches),
        _ => throw new ArgumentOutOfRangeException(nameof(table), table, "not a population table"),
    };

    private static long Households(NpgsqlConnection connection, LoadContext c, IEnumerable<PopulationBatch> batches)
    {
        using var copy = connection.BeginBinaryImport(
            "COPY households (tenant_id, id, village_id, household_number, address, head_resident_id) FROM STDIN (FORMAT BINARY)");
        foreach (var batch in batches)
        {
            foreach (var (number, village, house, head) in batch.HouseholdRows)
            {
                copy.StartRow();
                copy.Write(c.TenantId, NpgsqlDbType.Integer);
                copy.Write(c.HouseholdId(number), NpgsqlDbType.Bigint);
                copy.Write(c.Ids.VillageIds[village], NpgsqlDbType.Bigint);
                copy.Write(string.Create(CultureInfo.InvariantCulture, $"H{c.HouseholdId(number):D10}"), NpgsqlDbType.Text);
                copy.Write(string.Create(CultureInfo.InvariantCulture, $"{c.VillageAddresses[village]}{house}号"), NpgsqlDbType.Text);
                if (c.HeadsInline)
                {
                    copy.Write(c.ResidentId(head), NpgsqlDbType.Bigint);
                }
                else
                {
                    copy.WriteNull();
                }
            }
        }

        return (long)copy.Complete();
    }

    private static long Residents(NpgsqlConnection connection, LoadContext c, IEnumerable<PopulationBatch> batches)
    {
        using var copy = connection.BeginBinaryImport("""
            COPY residents (tenant_id, id, citizen_id, name, sex, birth_date, phone, household_id, relation_to_head, village_id, hukou_type)
            FROM STDIN (FORMAT BINARY)
            """);
        foreach (var batch in batches)
        {
            foreach (var r in batch.Residents)
            {
                copy.StartRow();
                copy.Write(c.TenantId, NpgsqlDbType.Integer);
                copy.Write(c.ResidentId(r.Number), NpgsqlDbType.Bigint);
                copy.Write(r.CitizenId.ToString(), NpgsqlDbType.Text);
                copy.Write(r.Name, NpgsqlDbType.Text);
                copy.Write(r.CitizenId.Sex.Code(), NpgsqlDbType.Text);
                copy.Write(r.CitizenId.BirthDate, NpgsqlDbType.Date);
                WriteText(copy, r.Phone);
                copy.Write(c.HouseholdId(r.HouseholdNumber), NpgsqlDbType.Bigint);
                copy.Write(r.Relation.Code(), NpgsqlDbType.Text);
                copy.Write(c.Ids.VillageIds[r.VillageIndex], NpgsqlDbType.Bigint);
                copy.Write(r.Hukou.Code(), NpgsqlDbType.Text);
            }
        }

        return (long)copy.Complete();
    }

    private static long Enrollments(NpgsqlConnection connection, LoadContext c, IEnumerable<PopulationBatch> batches)
    {
        using var copy = connection.BeginBinaryImport("""
            COPY enrollments (tenant_id, id, campaign_id, resident_id, status, paid_on, paid_amount, history, gap_years, registered_at, quoted_at,
                quote_policy_version, quote_payable, quote_subsidy, quote_basis, quote_county_share, quote_township_share,
                quote_funding, quote_mode, quote_coverage_start, quote_late)
            FROM STDIN (FORMAT BINARY)
            """);
        foreach (var batch in batches)
        {
            foreach (var r in batch.Residents)
            {
                if (r.EnrolledThisYear)
                {
                    Enrollment(copy, c, c.EnrollmentId(r.Number), c.CurrentCampaignId, r, r.History, r.GapYears,
                        c.RegisteredOn, r.PaidOn, r.Quote, r.PaidOn is null ? null : (r.Channel, r.PaymentAmount));
                }

                if (c.PriorCampaignId is { } prior && r.PriorPaidOn is not null)
                {
                    // Paid only when its payment row is written too: the enrollment's state follows its payments.
                    Enrollment(copy, c, c.PriorEnrollmentId(r.Number), prior, r, EnrollmentHistory.Continuing, 0,
                        c.PriorRegisteredOn, r.PriorPaidOn, r.PriorQuote, c.PriorPayments ? (r.PriorChannel, r.PriorPaymentAmount) : null);
                }
            }
        }

        return (long)copy.Complete();
    }

    private static void Enrollment(
        NpgsqlBinaryImporter copy, LoadContext c, long id, long campaign, in SyntheticResident r, EnrollmentHistory history,
        int gap, DateOnly registered, DateOnly? paidOn, in QuoteSnapshot quote, (PaymentChannel Channel, decimal Amount)? payment)
    {
        copy.StartRow();
        copy.Write(c.TenantId, NpgsqlDbType.Integer);
        copy.Write(id, NpgsqlDbType.Bigint);
        copy.Write(campaign, NpgsqlDbType.Bigint);
        copy.Write(c.ResidentId(r.Number), NpgsqlDbType.Bigint);
        // The payment state the payment functions would write for one confirmed payment (enrollment_refresh_payment_state).
        copy.Write(payment is null ? "registered" : payment.Value.Channel == PaymentChannel.GovernmentDirect ? "government_paid" : "paid", NpgsqlDbType.Text);
        if (payment is { } made)
        {
            copy.Write(paidOn!.Value, NpgsqlDbType.Date);
            copy.Write(made.Amount, NpgsqlDbType.Numeric);
        }
        else
        {
            copy.WriteNull();
            copy.WriteNull();
        }
        copy.Write(history.ToCode(), NpgsqlDbType.Text);
        copy.Write(gap, NpgsqlDbType.Integer);
        copy.Write(LoadContext.Morning(registered), NpgsqlDbType.TimestampTz);
        if (paidOn is not { } day)
        {
            for (var i = 0; i < 11; i++)
            {
                copy.WriteNull();
            }

            return;
        }

        var hasSubsidy = quote.Basis != BasisCode.None;
        copy.Write(LoadContext.Morning(day, r.Number), NpgsqlDbType.TimestampTz);
        copy.Write(1, NpgsqlDbType.Integer);
        copy.Write(quote.Payable, NpgsqlDbType.Numeric);
        copy.Write(quote.Subsidy, NpgsqlDbType.Numeric);
        WriteText(copy, hasSubsidy ? quote.Basis.ToCode() : null);
        copy.Write(quote.CountyShare, NpgsqlDbType.Numeric);
        copy.Write(quote.TownshipShare, NpgsqlDbType.Numeric);
        WriteText(copy, hasSubsidy ? quote.Funding.Code() : null);
        WriteText(copy, hasSubsidy ? quote.Mode.Code() : null);
        copy.Write(quote.CoverageStart, NpgsqlDbType.Date);
        copy.Write(quote.Late, NpgsqlDbType.Boolean);
    }

    private static long Payments(NpgsqlConnection connection, LoadContext c, IEnumerable<PopulationBatch> batches)
    {
        using var copy = connection.BeginBinaryImport("""
            COPY payments (tenant_id, id, enrollment_id, resident_id, amount, channel_code, paid_on, reference, recorded_at, confirmed_at, state)
            FROM STDIN (FORMAT BINARY)
            """);
        foreach (var batch in batches)
        {
            foreach (var r in batch.Residents)
            {
                if (r.PaidOn is { } day)
                {
                    Payment(copy, c, c.PaymentId(r.Number), c.EnrollmentId(r.Number), r.PaymentAmount, r.Channel, day, r.Number);
                }

                if (c.PriorPayments && c.PriorCampaignId is not null && r.PriorPaidOn is { } priorDay)
                {
                    Payment(copy, c, c.PriorPaymentId(r.Number), c.PriorEnrollmentId(r.Number), r.PriorPaymentAmount, r.PriorChannel, priorDay, r.Number);
                }
            }
        }

        return (long)copy.Complete();
    }

    private static void Payment(NpgsqlBinaryImporter copy, LoadContext c, long id, long enrollment, decimal amount, PaymentChannel channel, DateOnly day, long number)
    {
        var recorded = LoadContext.Morning(day, number);
        copy.StartRow();
        copy.Write(c.TenantId, NpgsqlDbType.Integer);
        copy.Write(id, NpgsqlDbType.Bigint);
        copy.Write(enrollment, NpgsqlDbType.Bigint);
        copy.Write(c.ResidentId(number), NpgsqlDbType.Bigint);
        copy.Write(amount, NpgsqlDbType.Numeric);
        copy.Write(channel.Code(), NpgsqlDbType.Text);
        copy.Write(day, NpgsqlDbType.Date);
        copy.Write(string.Create(CultureInfo.InvariantCulture, $"{channel.ReferencePrefix()}{day:yyyyMMdd}{id:D10}"), NpgsqlDbType.Text);
        copy.Write(recorded, NpgsqlDbType.TimestampTz);
        copy.Write(recorded.AddDays(1), NpgsqlDbType.TimestampTz);
        copy.Write("confirmed", NpgsqlDbType.Text);
    }

    private static long Certifications(NpgsqlConnection connection, LoadContext c, IEnumerable<PopulationBatch> batches)
    {
        using var copy = connection.BeginBinaryImport("""
            COPY certifications (tenant_id, id, campaign_id, resident_id, category_code, department, first_certified_on,
                source_list_version, recorded_at)
            FROM STDIN (FORMAT BINARY)
            """);
        var id = c.Bases["certifications"];
        var recorded = LoadContext.Morning(c.RegisteredOn);
        foreach (var batch in batches)
        {
            foreach (var r in batch.Residents)
            {
                if (r.Categories.IsEmpty)
                {
                    continue;
                }

                foreach (var code in BasisCodes.All)
                {
                    if (!r.Categories.Contains(code))
                    {
                        continue;
                    }

                    r.Categories.TryGetFirstCertified(code, out var first);
                    copy.StartRow();
                    copy.Write(c.TenantId, NpgsqlDbType.Integer);
                    copy.Write(++id, NpgsqlDbType.Bigint);
                    copy.Write(c.CurrentCampaignId, NpgsqlDbType.Bigint);
                    copy.Write(c.ResidentId(r.Number), NpgsqlDbType.Bigint);
                    copy.Write(code.ToCode(), NpgsqlDbType.Text);
                    copy.Write(code.DefaultDepartment(), NpgsqlDbType.Text);
                    copy.Write(first, NpgsqlDbType.Date);
                    copy.Write("示例名单", NpgsqlDbType.Text);
                    copy.Write(recorded, NpgsqlDbType.TimestampTz);
                }
            }
        }

        return (long)copy.Complete();
    }

    private static long Exclusions(NpgsqlConnection connection, LoadContext c, IEnumerable<PopulationBatch> batches)
    {
        using var copy = connection.BeginBinaryImport(
            "COPY exclusions (tenant_id, id, campaign_id, resident_id, reason_code, note, recorded_at) FROM STDIN (FORMAT BINARY)");
        var recorded = LoadContext.Morning(c.RegisteredOn);
        foreach (var batch in batches)
        {
            foreach (var r in batch.Residents)
            {
                if (r.Exclusion == ExclusionKind.None)
                {
                    continue;
                }

                copy.StartRow();
                copy.Write(c.TenantId, NpgsqlDbType.Integer);
                copy.Write(c.Bases["exclusions"] + r.Number, NpgsqlDbType.Bigint);
                copy.Write(c.CurrentCampaignId, NpgsqlDbType.Bigint);
                copy.Write(c.ResidentId(r.Number), NpgsqlDbType.Bigint);
                copy.Write(r.Exclusion.Code(), NpgsqlDbType.Text);
                copy.Write(r.Exclusion.Note(), NpgsqlDbType.Text);
                copy.Write(recorded, NpgsqlDbType.TimestampTz);
            }
        }

        return (long)copy.Complete();
    }

    private static void WriteText(NpgsqlBinaryImporter copy, string? value)
    {
        if (value is null)
        {
            copy.WriteNull();
        }
        else
        {
            copy.Write(value, NpgsqlDbType.Text);
        }
    }
}
