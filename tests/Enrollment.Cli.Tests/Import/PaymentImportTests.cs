using System.Text;
using Enrollment.Data.Imports;
using Enrollment.Data.Imports.Payments;
using Enrollment.Data.Payments;
using Enrollment.Testing.Imports;
using static Enrollment.Cli.Tests.Import.PaymentDemoFixture;

namespace Enrollment.Cli.Tests.Import;

/// <summary>
/// The payment file's check and commit on the demo: each row gets the verdict the payments API would give it (same
/// checks, same idempotency key), the commit is one transaction, a correction row reverses, a re-import is unchanged.
/// Each test uses its own residents (by offset), so the tests share one database.
/// </summary>
public sealed class PaymentImportTests(PaymentDemoFixture world) : IClassFixture<PaymentDemoFixture>
{
    private static Task<byte[]> Xlsx(params object?[][] rows) => ImportFiles.XlsxAsync([Header, .. rows]);

    [Fact]
    public async Task Each_row_gets_the_code_the_api_would_answer_and_the_check_writes_nothing()
    {
        var p = new List<Person>();
        for (var i = 0; i < 5; i++)
        {
            p.Add(await world.UnpaidAsync(i));
        }
        var subsidised = await world.FullySubsidisedAsync();
        var stranger = new Person(0, "11010519800101001" + Domain.Residents.CitizenId.ComputeCheckCharacter("11010519800101001"), "路人");
        var file = await Xlsx(
            Row(p[0], "A-1"),
            Row(p[1], "A-2", name: "别人"),
            Row(p[2], "A-3", amount: "300"),
            Row(p[3], "A-4", paidOn: "2024-12-01"),
            Row(stranger, "A-5"),
            ["路人", "12345", "400", "2024-11-20", "微信", "A-6", "城乡居民基本医疗保险", "2025"],
            Row(p[4], "A-7", channel: "现金"),
            Row(p[4], "A-8", insurance: "职工基本医疗保险"),
            Row(p[4], "A-9", year: "2024"),
            Row(p[4], "A-10", amount: "四百"),
            [null, p[4].IdNumber, "400", "2024-11-20", "微信", "A-11", null, null],
            Row(p[4], "NONE", amount: "-400"),
            Row(subsidised, "A-13"),
            Row(p[0], "A-1"),
            Row(p[0], "A-1", amount: "500"));
        var payments = await world.ScalarAsync<long>("SELECT count(*) FROM payments");

        var preview = await world.CheckAsync(file);

        string?[] Codes() => [.. preview.Results.Select(r => r.Code)];
        Codes().ShouldBe([
            null, "name_mismatch", "amount_mismatch", "outside_collection", "not_registered", "invalid_id_number", "unknown_channel",
            "other_insurance", "wrong_year", "invalid_value", "missing_value", "no_such_payment", "government_paid", null, "reference_conflict"]);
        preview.Results.Select(r => r.Verdict).Count(v => v == ImportVerdict.Unchanged).ShouldBe(1);
        preview.Results[13].Verdict.ShouldBe(ImportVerdict.Unchanged);
        preview.Results[9].Message.ShouldNotBeNull().ShouldContain("缴费金额");
        preview.Results[2].Message.ShouldNotBeNull().ShouldContain("400.00");
        preview.Counts.ShouldBe(new ImportCounts(15, 1, 1, 13));
        (await world.ScalarAsync<long>("SELECT count(*) FROM payments")).ShouldBe(payments);
    }

    [Fact]
    public async Task Commit_stores_confirmed_payments_in_one_transaction_and_the_same_file_again_is_all_unchanged()
    {
        var a = await world.UnpaidAsync(10);
        var b = await world.UnpaidAsync(11);
        var file = await Xlsx(Row(a, "B-1"), Row(b, "B-2", channel: "电子税务局"));
        var audits = await world.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE entity = 'payments' AND after ->> 'operation' = 'import'");

        var preview = await world.CheckAsync(file);
        var outcome = await world.CommitAsync(preview);

        preview.Counts.ShouldBe(new ImportCounts(2, 2, 0, 0));
        (outcome.Error, outcome.Recorded).ShouldBe((null, 2));
        (await world.ScalarAsync<string>("SELECT status FROM enrollments WHERE id = $1", a.EnrollmentId)).ShouldBe("paid");
        (await world.ScalarAsync<string>("SELECT state || '/' || channel_code FROM payments WHERE enrollment_id = $1", b.EnrollmentId)).ShouldBe("confirmed/e_tax");
        (await world.ScalarAsync<long>("SELECT count(*) FROM payment_requests WHERE reference IN ('B-1', 'B-2') AND outcome = 'recorded'")).ShouldBe(2L);
        (await world.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE entity = 'payments' AND after ->> 'operation' = 'import'")).ShouldBe(audits + 1);

        var again = await world.CheckAsync(file);
        again.Counts.ShouldBe(new ImportCounts(2, 0, 2, 0));
        (await world.CommitAsync(again)).Payments.ShouldBe(0);
        (await world.ScalarAsync<long>("SELECT count(*) FROM payments WHERE enrollment_id IN ($1, $2)", a.EnrollmentId, b.EnrollmentId)).ShouldBe(2L);
    }

    [Fact]
    public async Task A_hand_entry_of_the_same_amount_is_matched_and_a_second_payment_is_refund_due()
    {
        var cash = await world.UnpaidAsync(20);
        var twice = await world.UnpaidAsync(21);
        await using (var db = await world.ContextAsync())
        {
            await PaymentService.RecordAsync(db, cash.EnrollmentId, new NewPayment("village_collection", null, Today, 400m, Confirmed: false), DateTimeOffset.UtcNow);
        }
        var file = await Xlsx(Row(cash, "C-1", channel: "村代收"), Row(twice, "C-2"), Row(twice, "C-3", channel: "支付宝"));

        var preview = await world.CheckAsync(file);
        var outcome = await world.CommitAsync(preview);

        preview.Results.Select(r => r.Code).ShouldBe(["matched", null, "refund_due"]);
        (outcome.Matched, outcome.Recorded, outcome.RefundDue).ShouldBe((1, 1, 1));
        outcome.Results.Select(r => r.Code).ShouldBe(["matched", null, "refund_due"]);
        (await world.ScalarAsync<string>("SELECT state || '/' || confirmed_reference FROM payments WHERE enrollment_id = $1", cash.EnrollmentId))
            .ShouldBe("confirmed/C-1");
        (await world.ScalarAsync<long>("SELECT count(*) FROM payments WHERE enrollment_id = $1", cash.EnrollmentId)).ShouldBe(1L);
        (await world.ScalarAsync<string>("SELECT string_agg(state, ',' ORDER BY id) FROM payments WHERE enrollment_id = $1", twice.EnrollmentId))
            .ShouldBe("confirmed,refund_due");
        (await world.CheckAsync(file)).Counts.ShouldBe(new ImportCounts(3, 0, 3, 0));
    }

    [Fact]
    public async Task A_negative_row_reverses_the_payment_with_its_channel_reference_and_id_once()
    {
        var payer = await world.UnpaidAsync(30);
        await world.CommitAsync(await world.CheckAsync(await Xlsx(Row(payer, "D-1"))));
        var correction = await Xlsx(Row(payer, "D-1", amount: "-400.00"));

        var preview = await world.CheckAsync(correction);
        var outcome = await world.CommitAsync(preview);

        preview.Results.Single().ShouldSatisfyAllConditions(
            r => r.Verdict.ShouldBe(ImportVerdict.Accepted), r => r.Code.ShouldBe("reversal"));
        outcome.Reversed.ShouldBe(1);
        (await world.ScalarAsync<string>("SELECT state || '/' || reversal_reason FROM payments WHERE enrollment_id = $1", payer.EnrollmentId))
            .ShouldStartWith("reversed/税务更正");
        (await world.ScalarAsync<string>("SELECT status FROM enrollments WHERE id = $1", payer.EnrollmentId)).ShouldBe("registered");
        (await world.CheckAsync(correction)).Results.Single().Verdict.ShouldBe(ImportVerdict.Unchanged);
        (await world.CheckAsync(await Xlsx(Row(payer, "D-1")))).Results.Single().Verdict.ShouldBe(ImportVerdict.Unchanged);
        (await world.CheckAsync(await Xlsx(Row(payer, "D-9", amount: "-400")))).Results.Single().Code.ShouldBe("no_such_payment");
    }

    [Fact]
    public async Task A_row_and_its_correction_in_one_file_are_stored_in_order()
    {
        var payer = await world.UnpaidAsync(35);
        var preview = await world.CheckAsync(await Xlsx(Row(payer, "E-1"), Row(payer, "E-1", amount: "-300"), Row(payer, "E-1", amount: "-400")));

        preview.Results.Select(r => r.Code).ShouldBe([null, "amount_mismatch", "reversal"]);
        (await world.CommitAsync(preview)).ShouldSatisfyAllConditions(o => o.Recorded.ShouldBe(1), o => o.Reversed.ShouldBe(1));
        (await world.ScalarAsync<string>("SELECT state FROM payments WHERE enrollment_id = $1", payer.EnrollmentId)).ShouldBe("reversed");
    }

    [Fact]
    public async Task A_key_taken_between_check_and_commit_fails_the_whole_file()
    {
        var first = await world.UnpaidAsync(40);
        var second = await world.UnpaidAsync(41);
        var preview = await world.CheckAsync(await Xlsx(Row(first, "F-1"), Row(second, "F-2")));
        preview.Counts.Accepted.ShouldBe(2);
        // A clerk records money for the second person under the same channel and reference meanwhile (another amount, so
        // the file's row cannot confirm it).
        await using (var db = await world.ContextAsync())
        {
            await PaymentService.RecordAsync(db, second.EnrollmentId, new NewPayment("wechat", "F-2", Today, 300m, Confirmed: false), DateTimeOffset.UtcNow);
        }

        var outcome = await world.CommitAsync(preview);

        outcome.Error.ShouldNotBeNull().ShouldContain("没有导入任何缴费");
        (await world.ScalarAsync<long>("SELECT count(*) FROM payments WHERE enrollment_id = $1", first.EnrollmentId)).ShouldBe(0L);
        (await world.ScalarAsync<long>("SELECT count(*) FROM payment_requests WHERE reference = 'F-1'")).ShouldBe(0L);
        (await world.CheckAsync(await Xlsx(Row(second, "F-2")))).Results.Single().Code.ShouldBe("reference_conflict");
    }

    [Fact]
    public async Task Xls_gb18030_csv_and_header_synonyms_in_any_order_read_the_same()
    {
        var a = await world.UnpaidAsync(50);
        var b = await world.UnpaidAsync(51);
        var c = await world.UnpaidAsync(52);
        string[] synonyms = ["流水号", "备注", "渠道", "身份证号码", "姓名", "金额", "缴费时间", "所属期"];
        object?[] Shuffled(Person p, string reference) => [reference, "x", "银行柜台", p.IdNumber, p.Name, "400", "2024-11-20 09:30:00", "20250101至20251231"];

        var xls = await world.CheckAsync(XlsFile.Write([Header, Row(a, "G-1")]));
        var gb = await world.CheckAsync(ImportFiles.Csv([Header, Row(b, "G-2", channel: "办税服务厅")], ImportFiles.Gb18030));
        var renamed = await world.CheckAsync(ImportFiles.Csv([synonyms, Shuffled(c, "G-3")], new UTF8Encoding(true), bom: true));

        foreach (var preview in new[] { xls, gb, renamed })
        {
            preview.Refusal.ShouldBeNull();
            preview.Results.Single().ShouldSatisfyAllConditions(r => r.Verdict.ShouldBe(ImportVerdict.Accepted), r => r.Code.ShouldBeNull());
        }
        renamed.ToStore.Single().Row.ShouldSatisfyAllConditions(r => r.Channel.ShouldBe("bank_counter"), r => r.PaidOn.ShouldBe(Today));
    }

    [Fact]
    public async Task A_file_without_a_required_column_or_for_an_unknown_campaign_is_refused_whole()
    {
        var p = await world.UnpaidAsync(60);
        var noReference = await world.CheckAsync(ImportFiles.Csv([Header[..5], Row(p, "H-1")[..5]], Encoding.UTF8));
        var unknown = await world.CheckAsync(await Xlsx(Row(p, "H-1")), "nowhere-2025");

        noReference.Refusal.ShouldNotBeNull().ShouldContain("票据号");
        noReference.Results.ShouldBeEmpty();
        unknown.Refusal.ShouldNotBeNull().ShouldContain("nowhere-2025");
    }

    [Fact]
    public async Task A_campaign_that_is_not_collecting_rejects_new_payments()
    {
        var p = await world.UnpaidAsync(70);
        var preview = await world.CheckAsync(await Xlsx(Row(p, "K-1", year: "2020")), "tengzhou-2020");
        preview.Results.Single().Code.ShouldBe("campaign_not_collecting");
    }
}
