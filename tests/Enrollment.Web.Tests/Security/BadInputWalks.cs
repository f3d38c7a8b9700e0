using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Enrollment.Data.Entities;
using Enrollment.Domain.Policies;
using Enrollment.Testing.Web;
using Enrollment.Web.Components.Forms;
using Enrollment.Web.Components.Grids;
using Enrollment.Web.Features.ApiKeys;
using Enrollment.Web.Features.Campaigns;
using Enrollment.Web.Features.Campaigns.NewCampaign;
using Enrollment.Web.Features.Campaigns.PolicyEdit;
using Enrollment.Web.Features.Campaigns.Quotas;
using Enrollment.Web.Features.Campaigns.Rollover;
using Enrollment.Web.Features.Campaigns.Status;
using Enrollment.Web.Features.Imports;
using Enrollment.Web.Features.Registration;
using Enrollment.Web.Features.ResidentLists;
using Enrollment.Web.Features.Residents;
using Enrollment.Web.Features.Search;
using Enrollment.Web.Features.Transfers;
using Enrollment.Web.Features.TrialQuote;
using Enrollment.Web.Features.Users;
using Enrollment.Web.Tests.Campaigns;

namespace Enrollment.Web.Tests.Security;

/// <summary>
/// Records the walks aim at: 鲍沟镇 (the clerk tz-baogou's township) and its first village, and ids the users may not
/// use — another county's, outside the clerk's subtree (滨湖镇), or of the wrong kind (a township for a village).
/// </summary>
internal sealed record Places(
    long Village, long OtherVillageOfTownship, long Township, long CountyRoot, long Household, long HouseholdOfOtherVillage,
    long BinhuVillage, long BinhuHousehold, long BinhuResident,
    long PubeiTownship, long PubeiVillage, long PubeiHousehold, long PubeiResident, long PubeiAdmin, long SystemAdmin)
{
    public static async Task<Places> LoadAsync(DemoApp app)
    {
        Task<long> Scalar(string sql, params object[] parameters) => app.ScalarAsync<long>(sql, parameters);
        const string Tengzhou = "(SELECT id FROM tenants WHERE code = 'tengzhou')";
        const string Pubei = "(SELECT id FROM tenants WHERE code = 'pubei')";
        var village = await app.VillageOfAsync("鲍沟镇");
        var other = await app.VillageOfAsync("鲍沟镇", last: true);
        var binhu = await app.VillageOfAsync("滨湖镇");
        return new Places(
            village, other,
            await Scalar($"SELECT id FROM jurisdictions WHERE tenant_id = {Tengzhou} AND level = 'township' AND name = '鲍沟镇'"),
            await Scalar($"SELECT id FROM jurisdictions WHERE tenant_id = {Tengzhou} AND level = 'county'"),
            await Scalar("SELECT id FROM households WHERE village_id = $1 ORDER BY id LIMIT 1", village),
            await Scalar("SELECT id FROM households WHERE village_id = $1 ORDER BY id LIMIT 1", other),
            binhu,
            await Scalar("SELECT id FROM households WHERE village_id = $1 ORDER BY id LIMIT 1", binhu),
            await Scalar("SELECT id FROM residents WHERE village_id = $1 ORDER BY id LIMIT 1", binhu),
            await Scalar($"SELECT id FROM jurisdictions WHERE tenant_id = {Pubei} AND level = 'township' ORDER BY id LIMIT 1"),
            await Scalar($"SELECT id FROM jurisdictions WHERE tenant_id = {Pubei} AND level = 'village' ORDER BY id LIMIT 1"),
            await Scalar($"SELECT id FROM households WHERE tenant_id = {Pubei} ORDER BY id LIMIT 1"),
            await Scalar($"SELECT id FROM residents WHERE tenant_id = {Pubei} ORDER BY id LIMIT 1"),
            await Scalar("SELECT id FROM user_accounts WHERE login = 'pb-admin'"),
            await Scalar("SELECT id FROM user_accounts WHERE login = 'admin'"));
    }

    /// <summary>No records: for listing the walks without running them.</summary>
    public static readonly Places None = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>Villages the 鲍沟镇 clerk may not register in: another county's, 滨湖镇's, a township, the county root.</summary>
    public IReadOnlyList<BadValue> ForeignVillages =>
        [new("另一县的村", PubeiVillage, true), new("滨湖镇的村", BinhuVillage, true), new("鲍沟镇（镇，不是村）", Township, true), new("县级根节点", CountyRoot, true)];

    public IReadOnlyList<BadValue> ForeignHouseholds =>
        [new("另一县的家庭户", PubeiHousehold, true), new("滨湖镇的家庭户", BinhuHousehold, true), new("另一村的家庭户", HouseholdOfOtherVillage, true)];

    public IReadOnlyList<BadValue> ForeignResidents => [new("另一县的参保人", PubeiResident, true), new("滨湖镇的参保人", BinhuResident, true)];

    public IReadOnlyList<BadValue> ForeignUsers => [new("另一县的管理员", PubeiAdmin, true), new("系统管理员", SystemAdmin, true)];

    /// <summary>Townships a 滕州 county administrator may not pick: another county's, a village, the county root.</summary>
    public IReadOnlyList<BadValue> ForeignTownships =>
        [new("另一县的镇", PubeiTownship, true), new("鲍沟镇的村（不是镇）", Village, true), new("县级根节点", CountyRoot, true)];

    /// <summary>Places of another county, for a 滕州 account's jurisdiction.</summary>
    public IReadOnlyList<BadValue> ForeignJurisdictions => [new("另一县的镇", PubeiTownship, true), new("另一县的村", PubeiVillage, true)];
}

/// <summary>
/// The walks: every handler method that takes input from a page, with a valid call to start from and how its answer
/// reads. <see cref="BadInputTests"/> runs them; its completeness test checks that no handler method is missing.
/// </summary>
internal static partial class BadInputWalks
{
    private const string Clerk = "tz-baogou";
    private const string CountyAdmin = "tz-admin";

    public static IEnumerable<HandlerWalk> All(DemoApp app, Places p) =>
    [
        .. Registration(app, p), .. Transfers(app, p), .. TrialQuote(p), .. Users(app, p), .. ApiKeys(), .. Tenants(), .. Campaigns(app, p),
        .. Policy(app, p), .. Quotas(app, p), .. Reads(p), .. Households(app, p), .. ResidentChanges(app, p), .. Imports(app),
        .. CashPayments(app), .. PaymentImports(app), .. Payments(app, p),
    ];

    // ---- field rules beyond the corpus's garbage -------------------------------------------------------------------

    private static string? Text(BadValue value) => value.Value as string;

    /// <summary>As TextInput reads text (a lone surrogate, which has no normal form, stays as it is).</summary>
    private static string Normalized(string text) => text.Any(char.IsSurrogate) ? text.Trim() : TextInput.Stored(text);

    /// <summary>A person's name: letters (any script), marks, the middle dot of minority names, spaces, hyphen, apostrophe.</summary>
    private static bool NotAName(BadValue value) =>
        Text(value) is { } s && Normalized(s) is { Length: > 0 } n && !PersonName().IsMatch(n);

    private static bool NotAMobile(BadValue value) =>
        Text(value) is { } s && Normalized(s) is { Length: > 0 } n && !Mobile().IsMatch(n);

    /// <summary>Text that does not read as a policy date (yyyy-MM-dd in 2000–2100); empty is the field's own business.</summary>
    private static bool NotADate(BadValue value) =>
        Text(value) is { } s && Normalized(s) is { Length: > 0 } n
        && !(DateOnly.TryParseExact(n, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) && d.Year is >= 2000 and <= 2100);

    private static bool NotANumber(BadValue value) =>
        Text(value) is { } s && Normalized(s) is { Length: > 0 } n && !decimal.TryParse(n, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _);

    /// <summary>Any non-empty corpus text: none of them is a valid value of a code field (an ID number, a category code).</summary>
    private static bool AnyText(BadValue value) => Text(value) is { } s && s.Trim().Length > 0;

    [GeneratedRegex(@"^[\p{L}\p{M}·•'\- ]+$")]
    private static partial Regex PersonName();

    [GeneratedRegex("^1[3-9][0-9]{9}$")]
    private static partial Regex Mobile();

    private static bool Is(string field, params string[] names) => names.Any(n => field == n || field.EndsWith("." + n, StringComparison.Ordinal));

    private static IReadOnlyList<string> Chinese<T>(IEnumerable<T> items, Func<T, string?> text) => [.. items.Select(text).OfType<string>()];

    // ---- 登记参保人员 ------------------------------------------------------------------------------------------------

    private static IEnumerable<HandlerWalk> Registration(DemoApp app, Places p)
    {
        Func<object?, string, Outcome> judge = (r, _) => r is RegistrationResult result
            ? result.Saved ? Outcome.Stored
                : Outcome.Refused([.. result.Errors.Values, .. result.Check.CanRegister || result.Errors.Count > 0 ? [] : new[] { IdCheckText.Refusal(result.Check) }])
            : throw new InvalidOperationException("no result");
        Func<string, BadValue, bool> rules = (field, v) =>
            Is(field, "Name") ? NotAName(v)
            : Is(field, "Phone") ? NotAMobile(v)
            : Is(field, "CitizenId", "HukouType") && AnyText(v);
        async Task<RegisterForm> Form(WalkState state, bool join)
        {
            var id = await state.KeepAsync("id", () => app.FreshIdAsync(5_000 + state.Next()));
            return new RegisterForm
            {
                CitizenId = id, Name = "王测试", VillageId = p.Village, HouseholdId = join ? p.Household : 0,
                Address = join ? null : "测试地址1号", Relation = join ? RelationToHead.Child : null, Phone = "13912345678", HukouType = "local",
            };
        }
        foreach (var join in new[] { false, true })
        {
            yield return new HandlerWalk
            {
                Service = typeof(RegistrationCommands), Method = nameof(RegistrationCommands.RegisterAsync), Login = Clerk,
                Variant = join ? "joining a household" : "a new household",
                Arguments = async s => [await Form(s, join)],
                Judge = judge,
                // 0 is "a new household" (the form's own meaning), and a new household needs its address.
                Accepts = (field, v) => Is(field, "HouseholdId") && v.Value is 0L,
                MustRefuse = rules,
                Ids = field => Is(field, "VillageId") ? p.ForeignVillages : Is(field, "HouseholdId") ? p.ForeignHouseholds : [],
            };
        }
    }

    // ---- 转移申请 ----------------------------------------------------------------------------------------------------

    /// <summary>A 滨湖镇 resident with no pending request, for the clerk to ask for.</summary>
    private static Task<string> FreeBinhuResidentAsync(DemoApp app) => app.ScalarAsync<string>("""
        SELECT r.citizen_id FROM residents r
        JOIN jurisdictions v ON v.tenant_id = r.tenant_id AND v.id = r.village_id
        JOIN jurisdictions t ON t.tenant_id = v.tenant_id AND v.path LIKE t.path || '%' AND t.level = 'township' AND t.name = '滨湖镇'
        JOIN tenants tn ON tn.id = r.tenant_id AND tn.code = 'tengzhou'
        WHERE r.status = 'active' AND NOT EXISTS (SELECT 1 FROM transfer_requests x WHERE x.tenant_id = r.tenant_id AND x.resident_id = r.id AND x.status = 'pending')
        ORDER BY r.id LIMIT 1
        """);

    /// <summary>A fresh pending request of the clerk's: its id and row version.</summary>
    private static async Task<(long Id, uint Version)> PendingRequestAsync(DemoApp app, Places p)
    {
        var citizenId = await FreeBinhuResidentAsync(app);
        await using (var session = await app.SessionAsync(Clerk))
        {
            var answer = await session.Get<TransferCommands>().RequestAsync(citizenId, p.Village, "测试申请");
            answer.Ok.ShouldBeTrue(answer.Message);
        }
        var id = await app.ScalarAsync<long>(
            "SELECT x.id FROM transfer_requests x JOIN residents r ON r.tenant_id = x.tenant_id AND r.id = x.resident_id WHERE r.citizen_id = $1 AND x.status = 'pending'",
            citizenId);
        return (id, (uint)await app.ScalarAsync<long>("SELECT xmin::text::bigint FROM transfer_requests WHERE id = $1", id));
    }

    private static IEnumerable<HandlerWalk> Transfers(DemoApp app, Places p)
    {
        Func<object?, string, Outcome> outcome = (r, _) => r switch
        {
            TransferOutcome.Approved or TransferOutcome.Rejected or TransferOutcome.Withdrawn or TransferOutcome.Lapsed => Outcome.Stored,
            TransferOutcome.NotFound => Outcome.NotFound,
            TransferOutcome o => Outcome.Refused(TransferText.Outcome(o)),
            _ => throw new InvalidOperationException("no outcome"),
        };
        Task<(long Id, uint Version)> Request(WalkState state) => state.KeepAsync("request", () => PendingRequestAsync(app, p));
        yield return new HandlerWalk
        {
            Service = typeof(TransferCommands), Method = nameof(TransferCommands.RequestAsync), Login = Clerk,
            Arguments = async s => [await s.KeepAsync("citizen", () => FreeBinhuResidentAsync(app)), p.Village, "已迁入本村"],
            Judge = (r, _) => r is TransferRequestAnswer a ? a.Ok ? Outcome.Stored : Outcome.Refused(a.Message) : throw new InvalidOperationException("no answer"),
            MustRefuse = (field, v) => field == "citizenId" && AnyText(v),
            Ids = _ => p.ForeignVillages,
        };
        yield return new HandlerWalk
        {
            Service = typeof(TransferCommands), Method = nameof(TransferCommands.DecideAsync), Login = "tz-binhu",
            Arguments = async s => (await Request(s)) is var (id, version) ? [id, false, "核实未迁入", version] : [],
            Judge = outcome,
        };
        yield return new HandlerWalk
        {
            Service = typeof(TransferCommands), Method = nameof(TransferCommands.WithdrawAsync), Login = Clerk,
            Arguments = async s => (await Request(s)) is var (id, version) ? [id, "申请有误", version] : [],
            Judge = outcome,
        };
    }

    // ---- 试算 --------------------------------------------------------------------------------------------------------

    private static IEnumerable<HandlerWalk> TrialQuote(Places p)
    {
        yield return new HandlerWalk
        {
            Service = typeof(TrialQuoteQueries), Method = nameof(TrialQuoteQueries.QuoteAsync), Login = Clerk,
            Arguments = s => Task.FromResult<object?[]>([new TrialQuoteForm
            {
                Campaign = "tengzhou-2025", IdNumber = Forms.CitizenId(new DateOnly(1990, 1, 1)),
                Categories = [new CategoryInput { Code = "dibao", Selected = true, FirstCertified = new DateOnly(2023, 1, 1) }],
                History = Domain.Rules.EnrollmentHistory.Continuing, GapYears = 0, PaidOn = new DateOnly(2024, 11, 20), Township = "鲍沟镇",
            }]),
            Judge = (r, _) => r switch
            {
                null => Outcome.NotFound,
                TrialQuoteAnswer { Result: not null } => Outcome.Accepted,
                TrialQuoteAnswer a => Outcome.Refused(a.Errors.Values),
                _ => throw new InvalidOperationException("no answer"),
            },
            // A campaign code the user may not see quotes in the campaign they work on now, as if unknown (the page's own rule).
            Accepts = (field, _) => Is(field, "Campaign"),
            MustRefuse = (field, v) =>
                (Is(field, "IdNumber", "Code") && AnyText(v))
                || (Is(field, "GapYears") && v.Value is int years && years is < 0 or > 50)
                || (Is(field, "Township") && AnyText(v)),
            Ids = _ => p.ForeignResidents,
        };
    }

    // ---- 账号 --------------------------------------------------------------------------------------------------------

    private static async Task<long> CollectorAsync(DemoApp app, Places p, WalkState state)
    {
        if (!state.Cache.TryGetValue("user", out var user))
        {
            await using var session = await app.SessionAsync(CountyAdmin);
            var created = await session.Get<UserCommands>().CreateAsync(new NewUserForm
            {
                Login = $"bad-walk-{Guid.NewGuid():N}"[..20], DisplayName = "测试征缴员", Role = UserRole.VillageStaff, JurisdictionId = p.Village,
            });
            user = created.Created.ShouldNotBeNull(string.Join("；", created.Errors.Select(e => e.Message))).Id;
            state.Cache["user"] = user;
        }
        return (long)user!;
    }

    private static IEnumerable<HandlerWalk> Users(DemoApp app, Places p)
    {
        Func<object?, string, Outcome> change = (r, _) => r is UserChange c
            ? !c.Found ? Outcome.NotFound : c.Errors.Count > 0 ? Outcome.Refused(c.Errors.Select(e => e.Message)) : Outcome.Stored
            : throw new InvalidOperationException("no answer");
        Func<string, BadValue, bool> login = (field, v) => Is(field, "Login") && Text(v) is { } s && !LoginPattern().IsMatch(s.Trim());
        yield return new HandlerWalk
        {
            Service = typeof(UserCommands), Method = nameof(UserCommands.CreateAsync), Login = CountyAdmin,
            Arguments = s => Task.FromResult<object?[]>([new NewUserForm
            {
                Login = $"bad-u{(s.Dirty ? s.Next() : s.Counter)}", DisplayName = "测试征缴员", Role = UserRole.VillageStaff, JurisdictionId = p.Village,
            }]),
            Judge = (r, _) => r is UserCreation c
                ? c.Created is not null ? Outcome.Stored : Outcome.Refused(c.Errors.Select(e => e.Message))
                : throw new InvalidOperationException("no answer"),
            MustRefuse = login,
            Ids = _ => p.ForeignJurisdictions,
        };
        yield return new HandlerWalk
        {
            Service = typeof(UserCommands), Method = nameof(UserCommands.UpdateAsync), Login = CountyAdmin,
            Arguments = async s => [await CollectorAsync(app, p, s), new EditUserForm { DisplayName = "测试征缴员", Role = UserRole.VillageStaff, JurisdictionId = p.Village }],
            Judge = change,
            Ids = field => field == "userId" ? p.ForeignUsers : p.ForeignJurisdictions,
        };
        yield return new HandlerWalk
        {
            Service = typeof(UserCommands), Method = nameof(UserCommands.SetActiveAsync), Login = CountyAdmin,
            Arguments = async s => [await CollectorAsync(app, p, s), true],
            Judge = change,
            Ids = field => field == "userId" ? p.ForeignUsers : p.ForeignJurisdictions,
        };
        yield return new HandlerWalk
        {
            Service = typeof(UserCommands), Method = nameof(UserCommands.ResetPasswordAsync), Login = CountyAdmin,
            Arguments = async s => [await CollectorAsync(app, p, s), null],
            Judge = change,
            Ids = field => field == "userId" ? p.ForeignUsers : p.ForeignJurisdictions,
        };
    }

    // ---- API 密钥 -----------------------------------------------------------------------------------------------------

    private static IEnumerable<HandlerWalk> ApiKeys()
    {
        yield return new HandlerWalk
        {
            Service = typeof(ApiKeyCommands), Method = nameof(ApiKeyCommands.CreateAsync), Login = CountyAdmin,
            Arguments = _ => Task.FromResult<object?[]>([new ApiKeyForm { Name = "测试密钥", PaymentsWrite = true }]),
            Judge = (r, _) => r is ApiKeyCreated c
                ? c.Secret is not null ? Outcome.Stored : Outcome.Refused(c.Problems)
                : throw new InvalidOperationException("no answer"),
        };
        yield return new HandlerWalk
        {
            Service = typeof(ApiKeyCommands), Method = nameof(ApiKeyCommands.RevokeAsync), Login = CountyAdmin,
            // No key of the county has a negative id: every value walked names nothing to revoke.
            Arguments = _ => Task.FromResult<object?[]>([-1L]),
            Judge = (r, _) => r is bool revoked ? revoked ? Outcome.Stored : Outcome.NotFound : throw new InvalidOperationException("no answer"),
        };
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{3,64}$")]
    private static partial Regex LoginPattern();

    private static IEnumerable<HandlerWalk> Tenants()
    {
        yield return new HandlerWalk
        {
            Service = typeof(TenantCommands), Method = nameof(TenantCommands.CreateAsync), Login = "admin",
            Arguments = s =>
            {
                var n = s.Dirty ? s.Next() : s.Counter;
                return Task.FromResult<object?[]>([new NewTenantForm
                {
                    Code = $"badt{n}", Name = "测试县医疗保障局", CountyName = "测试县", RegionCode = "370481",
                    AdminLogin = $"badt{n}-admin", AdminDisplayName = "测试县管理员",
                }]);
            },
            Judge = (r, _) => r is TenantCreationResult c
                ? c.Created is not null ? Outcome.Stored : Outcome.Refused(c.Errors.Select(e => e.Message))
                : throw new InvalidOperationException("no answer"),
            MustRefuse = (field, v) =>
                (Is(field, "RegionCode") && Text(v) is { } s && Normalized(s) is { Length: > 0 } n && !RegionCodePattern().IsMatch(n))
                || (Is(field, "AdminLogin") && Text(v) is { } l && !LoginPattern().IsMatch(l.Trim()))
                || (Is(field, "Code") && Text(v) is { } c && !TenantCodePattern().IsMatch(c.Trim())),
        };
    }

    [GeneratedRegex("^(1[1-5]|2[1-3]|3[1-7]|4[1-6]|5[0-4]|6[1-5]|71|8[12])[0-9]{4}$")]
    private static partial Regex RegionCodePattern();

    [GeneratedRegex("^[a-z][a-z0-9_-]{0,39}$")]
    private static partial Regex TenantCodePattern();

    // ---- 征缴活动 ----------------------------------------------------------------------------------------------------

    private static IEnumerable<HandlerWalk> Campaigns(DemoApp app, Places p)
    {
        // Roll-overs first: the new campaigns created below (codes such as abc or 9999-12-31) would give them a year before to roll from.
        foreach (var method in new[] { nameof(RolloverCommands.CreateNextYearAsync), nameof(RolloverCommands.StartAsync) })
        {
            yield return new HandlerWalk
            {
                Service = typeof(RolloverCommands), Method = method, Login = CountyAdmin,
                Arguments = _ => Task.FromResult<object?[]>(["tengzhou-2025"]),
                // Queuing a roster roll-over starts a background job that writes while the walk counts rows: the
                // valid call is left out there (tengzhou-2025 has no campaign of the year before in the demo anyway).
                ValidCall = method == nameof(RolloverCommands.CreateNextYearAsync),
                Judge = (r, _) => r switch
                {
                    RolloverDraftAnswer { Created: true } => Outcome.Stored,
                    RolloverDraftAnswer a => Outcome.Refused(a.Error),
                    RolloverStart.Queued or RolloverStart.AlreadyRunning => Outcome.Accepted,
                    RolloverStart => Outcome.NotFound,
                    _ => throw new InvalidOperationException("no answer"),
                },
            };
        }
        // A status step from a status tengzhou-2025 is not in: whatever one field becomes, nothing may move.
        yield return new HandlerWalk
        {
            Service = typeof(CampaignStatusCommands), Method = nameof(CampaignStatusCommands.MoveAsync), Login = CountyAdmin,
            Arguments = _ => Task.FromResult<object?[]>(["tengzhou-2025", CampaignStatus.Closed, CampaignStatus.Accepted]),
            ValidCall = false,
            Judge = (r, _) => r switch
            {
                CampaignStatusAnswer { Moved: true } => Outcome.Stored,
                CampaignStatusAnswer { Message: "找不到该征缴活动。" } => Outcome.NotFound,
                CampaignStatusAnswer a => Outcome.Refused(a.Message),
                _ => throw new InvalidOperationException("no answer"),
            },
        };
        yield return new HandlerWalk
        {
            Service = typeof(NewCampaignCommands), Method = nameof(NewCampaignCommands.CreateAsync), Login = CountyAdmin,
            Arguments = s => Task.FromResult<object?[]>([new NewCampaignForm
            {
                Template = "tengzhou-2025", PolicyYear = 2027, Code = $"bad-c{(s.Dirty ? s.Next() : s.Counter)}",
            }]),
            Judge = (r, _) => r is NewCampaignAnswer a
                ? a.Code is not null ? Outcome.Stored : Outcome.Refused(a.Errors.Values)
                : throw new InvalidOperationException("no answer"),
            MustRefuse = (field, v) => (Is(field, "Template") && AnyText(v)) || (Is(field, "PolicyYear") && v.Value is int year && year is < 2000 or > 2100),
            Ids = _ => p.ForeignTownships,
        };
    }

    // ---- 政策编辑 ----------------------------------------------------------------------------------------------------

    private static readonly string[] NumberFields =
        ["IndividualContribution", "FiscalSubsidy", "Share", "CountyPart", "NewbornMonths", "NewbornDays", "CoverageDays", "CoverageMonths"];

    private static readonly string[] DateFields =
        ["WindowStart", "WindowEnd", "AgeReferenceDate", "First", "Last", "CutoffDate", "PaidFrom", "PaidThrough"];

    private static readonly string[] CodeFields = ["Basis", "Funding", "Amount", "CoverageStart", "CutoffKind", "Mode", "Township"];

    /// <summary>
    /// A draft of its own (renewed every 20 saves: each save adds a version the next load reads) and the form of its
    /// first version: every call starts from the template's policy, whatever an earlier call saved.
    /// </summary>
    private static async Task<(string Code, int Version, PolicyEditForm Form)> EditorAsync(DemoApp app, WalkState state)
    {
        var (code, first, version) = await state.KeepAsync("draft", async () =>
        {
            var saves = state.Next();
            if (state.Cache.TryGetValue("first", out var kept) && saves % 20 != 0)
            {
                var (keptCode, keptModel) = ((string, PolicyEditorModel))kept!;
                return (keptCode, keptModel, await app.VersionOfAsync(keptCode));
            }
            var code = await app.NewDraftAsync($"bad-policy-{Guid.NewGuid():N}"[..22], year: 2028);
            var model = (await app.OpenEditorAsync(code)).Model;
            state.Cache["first"] = (code, model);
            return (code, model, model.BaseVersion);
        });
        var form = first.NewForm();
        // The township rows of the first rule, one with a choice of its own, a certification cut-off and a coverage
        // start that takes days: so that those fields are read too.
        form.Subsidies[0].TownshipModes = SubsidyEdit.TownshipRows(first.Townships, new Dictionary<string, string> { [first.Townships[0]] = "reimburse" });
        form.Subsidies[0].CutoffKind = "before";
        form.Subsidies[0].CutoffDate = "2024-12-31";
        form.Timing[0].CoverageStart = "days_after_payment";
        form.Timing[0].CoverageDays = "90";
        // The template names no phases: one over the whole window, so that a phase's fields are walked too.
        form.Phases = [new PhaseEdit { Name = "征缴与录入", First = form.WindowStart, Last = form.WindowEnd }];
        return (code, version, form);
    }

    private static IEnumerable<HandlerWalk> Policy(DemoApp app, Places p)
    {
        Func<object?, string, Outcome> judge = (r, field) => r is PolicySaveAnswer a ? a.Outcome switch
        {
            PolicySaveOutcome.Saved => Outcome.Stored,
            PolicySaveOutcome.PreviewRequired => Outcome.Read,
            PolicySaveOutcome.Invalid => Outcome.Refused(a.Check!.Problems.Where(x => x.Severity == ProblemSeverity.Error).Select(x => x.ChineseMessage)),
            PolicySaveOutcome.ReasonRequired => Outcome.Refused("请填写修改原因。"),
            // A version other than the current one is the conflict the page explains; nothing else may be one.
            PolicySaveOutcome.Conflict when field == "baseVersion" => Outcome.Refused("已有人保存了新的版本。"),
            PolicySaveOutcome.Conflict => throw new InvalidOperationException("a conflict nobody caused"),
            PolicySaveOutcome.ReadOnly or PolicySaveOutcome.NotFound => Outcome.NotFound,
        } : throw new InvalidOperationException("no answer");
        Func<string, BadValue, bool> rules = (field, v) =>
            (Is(field, NumberFields) && NotANumber(v))
            || (Is(field, DateFields) && NotADate(v))
            || (Is(field, CodeFields) && AnyText(v))
            || (field == "baseVersion" && v.Value is int);
        // What a draft ignores: the preview's fingerprint (open campaigns only), and the months of a coverage start that
        // counts days (the base's first timing rule): only the number the chosen start uses is read and kept.
        Func<string, BadValue, bool> ignored = (field, _) => field is "previewed" or "form.Timing[0].CoverageMonths";
        yield return new HandlerWalk
        {
            Service = typeof(PolicyEditor), Method = nameof(PolicyEditor.SaveAsync), Login = CountyAdmin,
            Arguments = async s => (await EditorAsync(app, s)) is var (code, version, form) ? [code, version, form, "测试修改", null] : [],
            Judge = judge, Accepts = ignored, MustRefuse = rules,
        };
        yield return new HandlerWalk
        {
            Service = typeof(PolicyEditor), Method = nameof(PolicyEditor.PreviewAsync), Login = CountyAdmin,
            Arguments = async s => (await EditorAsync(app, s)) is var (code, version, form) ? [code, version, form] : [],
            Judge = judge,
        };
        yield return new HandlerWalk
        {
            Service = typeof(PolicyEditor), Method = nameof(PolicyEditor.OpenAsync), Login = CountyAdmin,
            Arguments = _ => Task.FromResult<object?[]>(["tengzhou-2025"]),
        };
    }

    // ---- 任务数 ------------------------------------------------------------------------------------------------------

    private static IEnumerable<HandlerWalk> Quotas(DemoApp app, Places p)
    {
        var scope = new QuotaScope("tengzhou-2025");
        yield return new HandlerWalk
        {
            Service = typeof(QuotaCommands), Method = nameof(QuotaCommands.SaveAsync), Login = CountyAdmin,
            Arguments = async s =>
            {
                var row = await s.KeepAsync("row", async () =>
                {
                    await using var session = await app.SessionAsync(CountyAdmin);
                    return (await session.Get<QuotaQueries>().TableAsync(scope))!.Rows[0];
                });
                return [new QuotaScope(scope.Code), new List<QuotaEdit> { new(row.JurisdictionId, ((row.Target ?? 0) + 1).ToString(CultureInfo.InvariantCulture), row.Version) }, "调整任务数"];
            },
            Judge = (r, _) => r is QuotaSaveResult q
                ? q.NotFound ? Outcome.NotFound : q.Rejected ? Outcome.Refused([.. q.Messages, .. q.RowErrors.Values]) : Outcome.Stored
                : throw new InvalidOperationException("no answer"),
            MustRefuse = (field, v) => (Is(field, "Target") && Text(v) is { } t && !int.TryParse(Normalized(t), NumberStyles.None, CultureInfo.InvariantCulture, out _))
                || (Is(field, "Code") && AnyText(v)),
            Ids = _ => p.ForeignTownships,
        };
    }

    // ---- reads: whatever they are given, they answer without throwing and write nothing ------------------------------

    private static IEnumerable<HandlerWalk> Reads(Places p)
    {
        var page = new GridRequest(0, 20);
        HandlerWalk Read<T>(string method, string login, params object?[] arguments) => new()
        {
            Service = typeof(T), Method = method, Login = login, Arguments = _ => Task.FromResult(arguments.Select(Fresh).ToArray()),
            Ids = field => Is(field, "villageId") ? p.ForeignVillages
                : Is(field, "id", "residentId") && typeof(T) != typeof(UserQueries) ? p.ForeignResidents
                : Is(field, "id") ? p.ForeignUsers
                : p.ForeignTownships,
        };
        yield return Read<RegistrationCommands>(nameof(RegistrationCommands.HouseholdsAsync), Clerk, p.Village);
        yield return Read<RegistrationCommands>(nameof(RegistrationCommands.CheckIdAsync), Clerk, "370481199001010010");
        yield return Read<ResidentQueries>(nameof(ResidentQueries.DetailAsync), Clerk, p.BinhuResident);
        yield return Read<ResidentQueries>(nameof(ResidentQueries.RevealAsync), Clerk, p.BinhuResident);
        yield return Read<TransferQueries>(nameof(TransferQueries.PageAsync), Clerk, TransferListKind.Mine, new TransferFilter(p.Township), page);
        yield return Read<TrialQuoteQueries>(nameof(TrialQuoteQueries.SetupAsync), Clerk, "tengzhou-2025", p.BinhuResident);
        yield return Read<SearchQueries>(nameof(SearchQueries.SearchAsync), Clerk, "王", new SearchFilter(p.Village, CampaignStanding.Paid, ResidentStatus.Active), page);
        yield return Read<RosterQueries>(nameof(RosterQueries.HeaderAsync), Clerk, RosterLevel.Village, p.BinhuVillage);
        yield return Read<RosterQueries>(nameof(RosterQueries.PageAsync), Clerk, RosterLevel.Township, p.Township, page);
        yield return Read<CampaignQueries>(nameof(CampaignQueries.PageAsync), CountyAdmin, page);
        yield return Read<CampaignQueries>(nameof(CampaignQueries.CampaignAsync), CountyAdmin, "tengzhou-2025");
        yield return Read<CampaignQueries>(nameof(CampaignQueries.VersionsHeaderAsync), CountyAdmin, "tengzhou-2025");
        yield return Read<CampaignQueries>(nameof(CampaignQueries.VersionsAsync), CountyAdmin, "tengzhou-2025", page);
        yield return Read<CampaignQueries>(nameof(CampaignQueries.VersionAsync), CountyAdmin, "tengzhou-2025", 1);
        yield return Read<CampaignQueries>(nameof(CampaignQueries.CompareAsync), CountyAdmin, "tengzhou-2025", 1, 1);
        yield return Read<QuotaQueries>(nameof(QuotaQueries.TableAsync), CountyAdmin, new QuotaScope("tengzhou-2025", p.Township));
        yield return Read<QuotaQueries>(nameof(QuotaQueries.HistoryAsync), CountyAdmin, new QuotaScope("tengzhou-2025", p.Township), page);
        yield return Read<RolloverQueries>(nameof(RolloverQueries.ViewAsync), CountyAdmin, "tengzhou-2025");
        yield return Read<UserQueries>(nameof(UserQueries.PageAsync), CountyAdmin, new UserFilter("测试", UserRole.VillageStaff, UserStatus.Normal, p.Township), page);
        yield return Read<UserQueries>(nameof(UserQueries.FindAsync), CountyAdmin, p.PubeiAdmin);
        yield return Read<ApiKeyCommands>(nameof(ApiKeyCommands.PageAsync), CountyAdmin, page);
    }

    /// <summary>Records are copied for each call (the walk changes one of their fields).</summary>
    private static object? Fresh(object? value) => value switch
    {
        GridRequest g => g with { },
        TransferFilter f => f with { },
        SearchFilter f => f with { },
        QuotaScope q => q with { },
        UserFilter u => u with { },
        _ => value,
    };
}
