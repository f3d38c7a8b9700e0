using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Enrollment.Data.Payments;
using Enrollment.Testing.Web;
using static Enrollment.Web.Tests.Api.ApiWorld;

namespace Enrollment.Web.Tests.Api;

/// <summary>POST /api/v1/payments and GET /api/v1/payments/{id} on the demo (business date 2024-11-20, 滕州 2025 open).</summary>
public sealed class PaymentApiTests(DemoApp app) : IClassFixture<DemoApp>
{
    [Fact]
    public async Task Without_a_valid_key_every_route_answers_401_problem_json_and_never_the_sign_in_page()
    {
        var revoked = await KeyAsync(app);
        await app.ScalarAsync<int>("UPDATE api_keys SET revoked_at = now() WHERE secret_hash = $1 RETURNING 1", ApiKeySecrets.Hash(revoked));
        foreach (var secret in new[] { null, "enr_unknown", revoked })
        {
            var client = Client(app, secret);
            foreach (var response in new[]
            {
                await client.PostAsJsonAsync("/api/v1/payments", new { campaign = Campaign }),
                await client.GetAsync("/api/v1/payments/1"),
                await client.GetAsync($"/api/v1/campaigns/{Campaign}/progress"),
                await client.GetAsync($"/api/v1/campaigns/{Campaign}/dues/370481199001011234"),
            })
            {
                response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
                response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
                var body = await ReadAsync(response);
                ((string)body["code"]!).ShouldBe("unauthorized");
                ((int)body["status"]!).ShouldBe(401);
                ((string)body["title"]!).ShouldNotBeNullOrEmpty();
                ((string)body["type"]!).ShouldNotBeNullOrEmpty();
                ((string)body["detail"]!).ShouldNotBeNullOrEmpty();
            }
        }
    }

    [Fact]
    public async Task A_key_without_the_scope_gets_403_before_the_body_is_looked_at()
    {
        var progressOnly = Client(app, await KeyAsync(app, "tengzhou", "progress:read"));
        var (status, body, _) = await PostAsync(progressOnly, []);
        status.ShouldBe(HttpStatusCode.Forbidden);
        ((string)body["code"]!).ShouldBe("insufficient_scope");
        var paymentsOnly = Client(app, await KeyAsync(app, "tengzhou", "payments:write"));
        ((string)(await ReadAsync(await paymentsOnly.GetAsync($"/api/v1/campaigns/{Campaign}/progress")))["code"]!).ShouldBe("insufficient_scope");
    }

    [Theory]
    [InlineData("not json", "body")]
    [InlineData("[1, 2]", "body")]
    [InlineData("""{"campaign": "tengzhou-2025"}""", "id_number")]
    [InlineData("""{"campaign": 1, "id_number": "x", "name": "x", "amount": "400", "paid_on": "2024-11-20", "channel": "wechat", "reference": "r"}""", "campaign")]
    [InlineData("""{"campaign": "c", "id_number": "x", "name": "x", "amount": "0", "paid_on": "2024-11-20", "channel": "wechat", "reference": "r"}""", "amount")]
    [InlineData("""{"campaign": "c", "id_number": "x", "name": "x", "amount": 400.001, "paid_on": "2024-11-20", "channel": "wechat", "reference": "r"}""", "amount")]
    [InlineData("""{"campaign": "c", "id_number": "x", "name": "x", "amount": "400", "paid_on": "20.11.2024", "channel": "wechat", "reference": "r"}""", "paid_on")]
    public async Task A_malformed_body_answers_400_with_errors_keyed_by_field(string json, string field)
    {
        var client = Client(app, await KeyAsync(app));
        var response = await client.PostAsync("/api/v1/payments", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var body = await ReadAsync(response);
        ((string)body["code"]!).ShouldBe("invalid_request");
        body["errors"]!.AsObject().ContainsKey(field).ShouldBeTrue(body.ToJsonString());
    }

    [Fact]
    public async Task The_checks_answer_in_their_order_and_store_nothing()
    {
        var client = Client(app, await KeyAsync(app));
        var person = await UnpaidAsync(app, 0);
        var before = await app.ScalarAsync<long>("SELECT count(*) FROM payments");
        async Task Expect(JsonObject body, string code)
        {
            var (status, answer, _) = await PostAsync(client, body);
            ((string?)answer["code"]).ShouldBe(code, answer.ToJsonString());
            ((int)status).ShouldBe(422);
        }

        await Expect(With(Body(person, "chk-1"), "campaign", "nowhere-2025"), "unknown_campaign");
        // Another county's campaign is as unknown as one that does not exist.
        await Expect(With(Body(person, "chk-1"), "campaign", "pubei-2020"), "unknown_campaign");
        await Expect(With(Body(person, "chk-1"), "campaign", "tengzhou-2020"), "campaign_not_collecting");
        await Expect(With(Body(person, "chk-1"), "channel", "government_direct"), "unknown_channel");
        await Expect(With(Body(person, "chk-1"), "id_number", "370481199001011230"), "invalid_id_number");
        await Expect(With(Body(person, "chk-1"), "id_number", "11010119900307663" + Domain.Residents.CitizenId.ComputeCheckCharacter("11010119900307663")), "not_registered");
        await Expect(With(Body(person, "chk-1"), "name", person.Name + "某"), "name_mismatch");
        await Expect(Body(person, "chk-1", paidOn: "2024-11-21"), "outside_collection");
        await Expect(Body(person, "chk-1", paidOn: "2024-09-30"), "outside_collection");
        var (_, mismatch, _) = await PostAsync(client, Body(person, "chk-1", amount: 1m));
        ((string)mismatch["code"]!).ShouldBe("amount_mismatch");
        ((string)mismatch["amount_due"]!).ShouldBe("400.00");
        (await app.ScalarAsync<long>("SELECT count(*) FROM payments")).ShouldBe(before);
        // Every call is audited with the key's name, the operation and the outcome.
        (await app.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'api_call' AND after ->> 'outcome' = 'amount_mismatch'"))
            .ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task A_payment_is_recorded_once_a_repeat_answers_the_first_answer_and_a_different_one_conflicts()
    {
        var client = Client(app, await KeyAsync(app));
        var person = await UnpaidAsync(app, 1);
        var (status, first, response) = await PostAsync(client, Body(person, "WX-REC-1"));
        status.ShouldBe(HttpStatusCode.Created, first.ToJsonString());
        ((string)first["status"]!).ShouldBe("recorded");
        ((string)first["payable"]!).ShouldBe("400.00");
        ((string)first["coverage_start"]!).ShouldBe("2025-01-01");
        ((bool)first["late"]!).ShouldBeFalse();
        var id = (long)first["payment_id"]!;
        response.Headers.Location!.ToString().ShouldBe($"/api/v1/payments/{id}");
        (await app.ScalarAsync<string>("SELECT status FROM enrollments WHERE id = $1", person.EnrollmentId)).ShouldBe("paid");

        var (again, repeat, _) = await PostAsync(client, Body(person, "WX-REC-1"));
        again.ShouldBe(HttpStatusCode.OK);
        repeat.ToJsonString().ShouldBe(first.ToJsonString());
        var (conflict, answer, _) = await PostAsync(client, Body(person, "WX-REC-1", paidOn: "2024-11-19"));
        conflict.ShouldBe(HttpStatusCode.Conflict);
        ((string)answer["code"]!).ShouldBe("reference_conflict");

        var view = await ReadAsync(await client.GetAsync($"/api/v1/payments/{id}"));
        ((string)view["state"]!).ShouldBe("confirmed");
        ((string)view["id_number"]!).ShouldBe(person.IdNumber[..6] + "********" + person.IdNumber[14..]);
        ((string)view["reference"]!).ShouldBe("WX-REC-1");
        ((string)view["amount"]!).ShouldBe("400.00");

        // Even after a reversal the repeat answers the first answer.
        await using (var db = await ContextAsync(app))
        {
            (await PaymentService.ChangeAsync(db, id, PaymentChange.Reverse, "测试冲正", DateTimeOffset.UtcNow)).State.ShouldBe(Data.Entities.PaymentState.Reversed);
        }
        (await ReadAsync((await PostAsync(client, Body(person, "WX-REC-1"))).Response)).ToJsonString().ShouldBe(first.ToJsonString());
        ((string)(await ReadAsync(await client.GetAsync($"/api/v1/payments/{id}")))["state"]!).ShouldBe("reversed");
    }

    [Fact]
    public async Task Ten_identical_requests_at_once_record_one_payment()
    {
        var client = Client(app, await KeyAsync(app));
        var person = await UnpaidAsync(app, 2);
        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => PostAsync(client, Body(person, "WX-TEN-1"))));
        answers.Count(a => a.Status == HttpStatusCode.Created).ShouldBe(1);
        answers.Count(a => a.Status == HttpStatusCode.OK).ShouldBe(9);
        answers.Select(a => (long)a.Body["payment_id"]!).Distinct().Count().ShouldBe(1);
        (await app.ScalarAsync<long>("SELECT count(*) FROM payments WHERE enrollment_id = $1", person.EnrollmentId)).ShouldBe(1);
    }

    [Fact]
    public async Task A_tax_record_matches_an_unconfirmed_hand_entry_and_further_money_is_refund_due_until_the_counting_one_is_reversed()
    {
        var client = Client(app, await KeyAsync(app));
        var person = await UnpaidAsync(app, 3);
        long entry;
        await using (var db = await ContextAsync(app))
        {
            entry = (await PaymentService.RecordAsync(db, person.EnrollmentId,
                new NewPayment("village_collection", "村收-001", new DateOnly(2024, 11, 18), 400m, Confirmed: false), DateTimeOffset.UtcNow))!.Value.PaymentId;
        }
        (await app.ScalarAsync<string>("SELECT status FROM enrollments WHERE id = $1", person.EnrollmentId)).ShouldBe("unconfirmed");
        var dues = await ReadAsync(await client.GetAsync($"/api/v1/campaigns/{Campaign}/dues/{person.IdNumber}"));
        ((string)dues["status"]!).ShouldBe("paid");

        var (_, matched, _) = await PostAsync(client, Body(person, "ETAX-M-1", channel: "e_tax"));
        ((string)matched["status"]!).ShouldBe("matched");
        ((long)matched["payment_id"]!).ShouldBe(entry);
        (await app.ScalarAsync<long>("SELECT count(*) FROM payments WHERE enrollment_id = $1", person.EnrollmentId)).ShouldBe(1);
        (await app.ScalarAsync<string>("SELECT status FROM enrollments WHERE id = $1", person.EnrollmentId)).ShouldBe("paid");

        var (_, second, _) = await PostAsync(client, Body(person, "WX-DUP-1"));
        ((string)second["status"]!).ShouldBe("refund_due");
        var (_, third, _) = await PostAsync(client, Body(person, "WX-DUP-2"));
        ((string)third["status"]!).ShouldBe("refund_due");
        (await app.ScalarAsync<long>("SELECT count(*) FROM payments WHERE enrollment_id = $1 AND state = 'confirmed'", person.EnrollmentId)).ShouldBe(1);

        await using (var db = await ContextAsync(app))
        {
            await PaymentService.ChangeAsync(db, entry, PaymentChange.Reverse, "村收款退回", DateTimeOffset.UtcNow);
        }
        // The oldest refund_due payment counts now; the younger one still waits for its refund.
        (await app.ScalarAsync<string>("SELECT state FROM payments WHERE id = $1", (long)second["payment_id"]!)).ShouldBe("confirmed");
        (await app.ScalarAsync<string>("SELECT state FROM payments WHERE id = $1", (long)third["payment_id"]!)).ShouldBe("refund_due");
        (await app.ScalarAsync<string>("SELECT status FROM enrollments WHERE id = $1", person.EnrollmentId)).ShouldBe("paid");
        ((string)(await ReadAsync(await client.GetAsync($"/api/v1/payments/{(long)third["payment_id"]!}")))["state"]!).ShouldBe("refund_due");
    }

    [Fact]
    public async Task Dues_show_a_masked_name_and_what_is_due_and_another_countys_payment_is_not_found()
    {
        var client = Client(app, await KeyAsync(app));
        var person = await UnpaidAsync(app, 4);
        var dues = await ReadAsync(await client.GetAsync($"/api/v1/campaigns/{Campaign}/dues/{person.IdNumber.ToLowerInvariant()}?paid_on=2024-11-01"));
        ((string)dues["status"]!).ShouldBe("unpaid");
        ((string)dues["payable"]!).ShouldBe("400.00");
        ((string)dues["name"]!).ShouldBe(person.Name[..1] + new string('*', person.Name.Length - 1));
        ((string)dues["id_number"]!).ShouldBe(person.IdNumber);
        ((string)dues["coverage_start"]!).ShouldBe("2025-01-01");

        var (_, made, _) = await PostAsync(client, Body(person, "WX-WALL-1"));
        var id = (long)made["payment_id"]!;
        var other = Client(app, await KeyAsync(app, "pubei"));
        var response = await other.GetAsync($"/api/v1/payments/{id}");
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        ((string)(await ReadAsync(response))["code"]!).ShouldBe("not_found");
        (await other.GetAsync("/api/v1/payments/abc")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        ((string)(await ReadAsync(await other.GetAsync($"/api/v1/campaigns/{Campaign}/progress")))["code"]!).ShouldBe("unknown_campaign");
    }

    private static JsonObject With(JsonObject body, string field, string value)
    {
        body[field] = value;
        return body;
    }
}
