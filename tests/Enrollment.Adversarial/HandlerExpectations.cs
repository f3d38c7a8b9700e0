using System.Globalization;
using Enrollment.Data.Entities;
using Enrollment.Domain.Policies;
using Enrollment.Web.Components.Grids;
using Enrollment.Web.Features.Accounts;
using Enrollment.Web.Features.ApiKeys;
using Enrollment.Web.Features.Campaigns;
using Enrollment.Web.Features.Campaigns.NewCampaign;
using Enrollment.Web.Features.Campaigns.PolicyEdit;
using Enrollment.Web.Features.Campaigns.Quotas;
using Enrollment.Web.Features.Campaigns.Rollover;
using Enrollment.Web.Features.Campaigns.Status;
using Enrollment.Web.Features.Home;
using Enrollment.Web.Features.Households;
using Enrollment.Web.Features.Imports;
using Enrollment.Web.Features.Payments;
using Enrollment.Web.Features.Registration;
using Enrollment.Web.Features.ResidentLists;
using Enrollment.Web.Features.Residents;
using Enrollment.Web.Features.Search;
using Enrollment.Web.Features.Transfers;
using Enrollment.Web.Features.TrialQuote;
using Enrollment.Web.Features.Users;

namespace Enrollment.Adversarial;

/// <summary>
/// What every public method of every feature service must do for each actor: the arguments a page (or a tampered
/// circuit) would pass for each record of <see cref="HandlerWorld"/>, and whether the permission table — the role's
/// operations and the operation's scope — and the record's county and place let the actor have it. A method missing
/// here fails the sweep: a new handler must say whom it serves.
/// <para>
/// Allowed calls of writing methods are made so they change as little as possible (a decision without its note, a
/// withdrawal with a stale version, a password the rules refuse), because the sweep's later calls share the database;
/// refused calls carry everything a real change needs (the right row version, a valid form), so a missing check would
/// write and be caught.
/// </para>
/// </summary>
public static partial class HandlerExpectations
{
    private const int PageSize = GridRequest.MaxPageSize;
    private static readonly GridRequest FirstPage = new(0, PageSize);
    private static readonly DateOnly BusinessDate = new(2024, 11, 20);

    public static string Key(Type type, string method) => $"{type.Name}.{method}";

    private static string Key<T>(string method) => Key(typeof(T), method);

    public static readonly IReadOnlyDictionary<string, HandlerEntry> Table = new Dictionary<string, HandlerEntry>(PaymentEntries())
    {
        // Home pages: no operation of their own; each reads the current campaign inside the user's county and subtree.
        [Key<HomeQueries>(nameof(HomeQueries.CountyAsync))] = new((a, w) => Home(a, w, s => Box(s.Get<HomeQueries>().CountyAsync()))),
        [Key<HomeQueries>(nameof(HomeQueries.LocalAsync))] = new((a, w) => Home(a, w, s => Box(s.Get<HomeQueries>().LocalAsync()))),
        [Key<HomeQueries>(nameof(HomeQueries.SubsidiesAsync))] = new((a, w) => Home(a, w, s => Box(s.Get<HomeQueries>().SubsidiesAsync()))),
        [Key<HomeQueries>(nameof(HomeQueries.TenantsAsync))] = new((a, _) =>
        [
            new("the counties", Can(a, Operation.ManageTenants), s => Box(s.Get<HomeQueries>().TenantsAsync()))
            {
                Check = That<IReadOnlyList<TenantRow>>(rows => rows.Any(r => r.Code == "tengzhou") && rows.Any(r => r.Code == "pubei")),
            },
        ]),

        // API keys: the county administrator's, county-wide; an allowed creation is refused by its own form (no scope), so
        // nothing is written, and an allowed revocation names no key.
        [Key<ApiKeyCommands>(nameof(ApiKeyCommands.PageAsync))] = new((a, _) =>
        [
            new("the county's API keys", Can(a, Operation.ManageApiKeys), s => Box(s.Get<ApiKeyCommands>().PageAsync(FirstPage)))
            {
                Check = That<GridPage<Enrollment.Data.Payments.ApiKeyRow>>(_ => true),
            },
        ]),
        [Key<ApiKeyCommands>(nameof(ApiKeyCommands.CreateAsync))] = new((a, _) =>
        [
            Can(a, Operation.ManageApiKeys)
                ? new("a key without a scope", true, s => Box(s.Get<ApiKeyCommands>().CreateAsync(new ApiKeyForm { Name = "对抗测试" })))
                {
                    Check = That<ApiKeyCreated>(c => c.Secret is null && c.Problems.Count > 0),
                }
                : new("a valid key", false, s => Box(s.Get<ApiKeyCommands>().CreateAsync(new ApiKeyForm { Name = "对抗测试", PaymentsWrite = true }))),
        ]),
        [Key<ApiKeyCommands>(nameof(ApiKeyCommands.RevokeAsync))] = new((a, _) =>
        [
            new("no such key", Can(a, Operation.ManageApiKeys), s => Box(s.Get<ApiKeyCommands>().RevokeAsync(-1)))
            {
                Check = That<bool>(revoked => !revoked),
            },
        ]),

        [Key<TransferQueries>(nameof(TransferQueries.PageAsync))] = new(TransferPages),
        [Key<TransferQueries>(nameof(TransferQueries.TownshipsAsync))] = new((a, w) =>
        [
            new("the county's townships", Can(a, Operation.RequestTransfers), s => Box(s.Get<TransferQueries>().TownshipsAsync()))
            {
                Check = That<IReadOnlyList<Enrollment.Web.Features.Transfers.TownshipChoice>>(t =>
                    t.Count > 0 && w.Townships.Where(p => Same(a, p.TenantId)).All(p => t.Any(c => c.Id == p.Id))),
            },
        ]),
        [Key<TransferQueries>(nameof(TransferQueries.CountsAsync))] = new((a, _) =>
        [
            new("pending counts", Can(a, Operation.RequestTransfers), s => Box(s.Get<TransferQueries>().CountsAsync()))
            {
                Check = That<PendingTransferCounts>(_ => true),
            },
        ]),
        [Key<TransferCommands>(nameof(TransferCommands.DecideAsync))] = new(Decisions),
        [Key<TransferCommands>(nameof(TransferCommands.WithdrawAsync))] = new(Withdrawals),
        [Key<TransferCommands>(nameof(TransferCommands.RequestAsync))] = new(TransferRequests),

        [Key<UserQueries>(nameof(UserQueries.ViewAsync))] = new((a, w) =>
        [
            new("the administrator's choices", Can(a, Operation.ManageUsers), s => Box(s.Get<UserQueries>().ViewAsync()))
            {
                Check = That<UserAdminView>(v => v.IsSystemAdmin == (a.Role == UserRole.SystemAdmin)),
                Secrets = OutsidePlaces(a, w),
            },
        ]),
        [Key<UserQueries>(nameof(UserQueries.PageAsync))] = new(UserPages),
        [Key<UserQueries>(nameof(UserQueries.FindAsync))] = new((a, w) => w.Users.Select(u =>
            new HandlerProbe(u.Label, Manages(a, u), s => Box(s.Get<UserQueries>().FindAsync(u.Id)))
            {
                Check = That<UserDetail>(d => d.Id == u.Id && d.Login == u.Login),
            })),
        [Key<UserCommands>(nameof(UserCommands.CreateAsync))] = new(UserCreations),
        [Key<UserCommands>(nameof(UserCommands.UpdateAsync))] = new((a, w) => w.Users.Select(u => Manages(a, u)
            // Allowed: a blank name, which the form rules refuse after the account was found; refused: a real change.
            ? new HandlerProbe(u.Label, true, s => Box(s.Get<UserCommands>().UpdateAsync(u.Id, EditForm(u, ""))))
            {
                Check = That<UserChange>(c => c.Found && c.Errors.Count > 0),
            }
            : new HandlerProbe(u.Label, false, s => Box(s.Get<UserCommands>().UpdateAsync(u.Id, EditForm(u, "对抗测试改名")))))),
        [Key<UserCommands>(nameof(UserCommands.SetActiveAsync))] = new((a, w) => w.Users.Select(u => Manages(a, u)
            // Allowed: enabling an enabled account (nobody is signed out); refused: disabling it.
            ? new HandlerProbe(u.Label, true, s => Box(s.Get<UserCommands>().SetActiveAsync(u.Id, true))) { Check = That<UserChange>(c => c.Ok) }
            : new HandlerProbe(u.Label, false, s => Box(s.Get<UserCommands>().SetActiveAsync(u.Id, false))))),
        [Key<UserCommands>(nameof(UserCommands.ResetPasswordAsync))] = new((a, w) => w.Users.Select(u => Manages(a, u)
            // Allowed: a password the rules refuse (nothing changes); refused: one they accept.
            ? new HandlerProbe(u.Label, true, s => Box(s.Get<UserCommands>().ResetPasswordAsync(u.Id, "1")))
            {
                Check = That<UserChange>(c => c.Found && c.Errors.Count > 0 && c.Password is null),
            }
            : new HandlerProbe(u.Label, false, s => Box(s.Get<UserCommands>().ResetPasswordAsync(u.Id, "Adv-Sweep-Passw0rd-2024"))))),
        [Key<TenantCommands>(nameof(TenantCommands.CreateAsync))] = new((a, w) =>
        [
            new("a new county", Can(a, Operation.ManageTenants), s =>
            {
                var n = w.Next().ToString(CultureInfo.InvariantCulture);
                return Box(s.Get<TenantCommands>().CreateAsync(new NewTenantForm
                {
                    Code = "adv" + n, Name = $"对抗测试医保局{n}", CountyName = $"对抗测试县{n}", AdminLogin = $"adv-t{n}-admin", AdminDisplayName = "对抗测试管理员",
                }));
            })
            {
                Check = That<TenantCreationResult>(r => r.Created is not null),
            },
        ]),

        [Key<QuotaQueries>(nameof(QuotaQueries.TableAsync))] = new((a, w) => QuotaPages(a, w).Select(p =>
            new HandlerProbe(p.Why, p.Allowed, s => Box(s.Get<QuotaQueries>().TableAsync(p.Scope)))
            {
                Check = That<QuotaTable>(t => t.Rows.Count > 0),
            })),
        [Key<QuotaQueries>(nameof(QuotaQueries.HistoryAsync))] = new((a, w) => QuotaPages(a, w).Select(p =>
            new HandlerProbe(p.Why, p.Allowed, s => Box(s.Get<QuotaQueries>().HistoryAsync(p.Scope, FirstPage)))
            {
                Check = That<GridPage<QuotaHistoryEntry>>(_ => true),
            })),
        [Key<QuotaCommands>(nameof(QuotaCommands.SaveAsync))] = new(QuotaSaves),

        [Key<RegistrationCommands>(nameof(RegistrationCommands.ListsAsync))] = new((a, w) =>
        [
            new("the form's lists", Can(a, Operation.RegisterResidents), s => Box(s.Get<RegistrationCommands>().ListsAsync()))
            {
                Check = That<RegistrationLists>(l => l.Villages.Count > 0 && l.Villages.SelectMany(g => g.Villages).Any(v => v.Id == w.HomeVillage[a.Login])),
                Secrets = OutsidePlaces(a, w),
            },
        ]),
        [Key<RegistrationCommands>(nameof(RegistrationCommands.HouseholdsAsync))] = new((a, w) => w.Villages.Select(v =>
            new HandlerProbe(v.Label, Can(a, Operation.RegisterResidents) && InScope(a, v.TenantId, v.Path),
                s => Box(s.Get<RegistrationCommands>().HouseholdsAsync(v.Id)))
            {
                Check = That<IReadOnlyList<HouseholdChoice>>(h => h.Any(x => x.Id == w.Households[v.Id])),
            })),
        [Key<RegistrationCommands>(nameof(RegistrationCommands.CheckIdAsync))] = new(IdChecks),
        [Key<RegistrationCommands>(nameof(RegistrationCommands.RegisterAsync))] = new(Registrations),

        [Key<ResidentImportCommands>(nameof(ResidentImportCommands.CheckAsync))] = new((a, _) =>
        [
            new("a file with a header only", Can(a, Operation.ImportResidents), s => Box(CheckFileAsync(s, withRow: false)))
            {
                Check = That<Guid>(id => id != Guid.Empty),
            },
        ]),
        [Key<ResidentImportCommands>(nameof(ResidentImportCommands.SummaryAsync))] = new((a, _) =>
        [
            new("the user's own check", Can(a, Operation.ImportResidents),
                async s => await s.Get<ResidentImportCommands>().SummaryAsync(await CheckFileAsync(s, withRow: false)))
            {
                Check = That<ImportSummary>(x => x.Refusal is not null),
            },
            new("a check that does not exist", false, s => Box(s.Get<ResidentImportCommands>().SummaryAsync(Guid.NewGuid()))),
        ]),
        [Key<ResidentImportCommands>(nameof(ResidentImportCommands.RowsAsync))] = new((a, _) =>
        [
            new("the user's own check", Can(a, Operation.ImportResidents),
                async s => await s.Get<ResidentImportCommands>().RowsAsync(await CheckFileAsync(s, withRow: true), FirstPage))
            {
                Check = That<GridPage<ImportRowView>>(p => p.Total == 1 && p.Items[0].Code == "unknown_township"),
            },
            new("a check that does not exist", false, s => Box(s.Get<ResidentImportCommands>().RowsAsync(Guid.NewGuid(), FirstPage))),
        ]),
        [Key<ResidentImportCommands>(nameof(ResidentImportCommands.CommitAsync))] = new((a, _) =>
        [
            // Allowed: a check whose one row is rejected, so the commit stores nothing.
            new("the user's own check", Can(a, Operation.ImportResidents),
                async s => await s.Get<ResidentImportCommands>().CommitAsync(await CheckFileAsync(s, withRow: true)))
            {
                Check = That<Enrollment.Data.Imports.ResidentImportOutcome>(o => o.Residents == 0 && o.Error is null),
            },
            new("a check that does not exist", false, s => Box(s.Get<ResidentImportCommands>().CommitAsync(Guid.NewGuid()))),
        ]),
        [Key<ResidentImportCommands>(nameof(ResidentImportCommands.WriteReportAsync))] = new((a, _) =>
        [
            new("the user's own check", Can(a, Operation.ImportResidents),
                async s => await s.Get<ResidentImportCommands>().WriteReportAsync(await CheckFileAsync(s, withRow: true), new MemoryStream()))
            {
                Check = That<bool>(written => written),
            },
            new("a check that does not exist", false, s => Box(s.Get<ResidentImportCommands>().WriteReportAsync(Guid.NewGuid(), new MemoryStream()))),
        ]),

        [Key<PaymentImportCommands>(nameof(PaymentImportCommands.CampaignsAsync))] = new((a, w) =>
        [
            // Only the actor's own county's campaigns: none of another county's codes.
            new("the county's campaigns", Can(a, Operation.ImportPayments), s => Box(s.Get<PaymentImportCommands>().CampaignsAsync()))
            {
                Check = That<IReadOnlyList<PaymentImportCampaign>>(c => !c.Any(x => w.Campaigns.Any(o => o.Code == x.Code && o.TenantId != a.TenantId))),
            },
        ]),
        [Key<PaymentImportCommands>(nameof(PaymentImportCommands.CheckAsync))] = new((a, w) =>
            [new("a file of one row for nobody", Can(a, Operation.ImportPayments), s => Box(CheckPaymentFileAsync(s, w, a))) { Check = That<Guid>(id => id != Guid.Empty) }]),
        [Key<PaymentImportCommands>(nameof(PaymentImportCommands.SummaryAsync))] = new((a, w) =>
        [
            new("the user's own check", Can(a, Operation.ImportPayments),
                async s => await s.Get<PaymentImportCommands>().SummaryAsync(await CheckPaymentFileAsync(s, w, a))) { Check = That<ImportSummary>(x => x.Counts.Rows == 1) },
            new("a check that does not exist", false, s => Box(s.Get<PaymentImportCommands>().SummaryAsync(Guid.NewGuid()))),
        ]),
        [Key<PaymentImportCommands>(nameof(PaymentImportCommands.RowsAsync))] = new((a, w) =>
        [
            new("the user's own check", Can(a, Operation.ImportPayments),
                async s => await s.Get<PaymentImportCommands>().RowsAsync(await CheckPaymentFileAsync(s, w, a), FirstPage, null))
            {
                Check = That<GridPage<ImportRowView>>(p => p.Total == 1 && p.Items[0].Code is "not_registered" or "campaign_not_collecting"),
            },
            new("a check that does not exist", false, s => Box(s.Get<PaymentImportCommands>().RowsAsync(Guid.NewGuid(), FirstPage, null))),
        ]),
        [Key<PaymentImportCommands>(nameof(PaymentImportCommands.CommitAsync))] = new((a, w) =>
        [
            // Allowed: a check whose one row is rejected, so the commit stores nothing.
            new("the user's own check", Can(a, Operation.ImportPayments),
                async s => await s.Get<PaymentImportCommands>().CommitAsync(await CheckPaymentFileAsync(s, w, a)))
            {
                Check = That<Enrollment.Data.Imports.Payments.PaymentImportOutcome>(o => o.Payments == 0 && o.Error is null),
            },
            new("a check that does not exist", false, s => Box(s.Get<PaymentImportCommands>().CommitAsync(Guid.NewGuid()))),
        ]),
        [Key<PaymentImportCommands>(nameof(PaymentImportCommands.WriteReportAsync))] = new((a, w) =>
        [
            new("the user's own check", Can(a, Operation.ImportPayments),
                async s => await s.Get<PaymentImportCommands>().WriteReportAsync(await CheckPaymentFileAsync(s, w, a), new MemoryStream())) { Check = That<bool>(written => written) },
            new("a check that does not exist", false, s => Box(s.Get<PaymentImportCommands>().WriteReportAsync(Guid.NewGuid(), new MemoryStream()))),
        ]),

        [Key<ResidentQueries>(nameof(ResidentQueries.DetailAsync))] = new((a, w) => w.Residents.Select(r =>
            new HandlerProbe(r.Label, Reads(a, r), s => Box(s.Get<ResidentQueries>().DetailAsync(r.Id)))
            {
                Check = That<ResidentDetail>(d => d.Id == r.Id && d.Name == r.Name),
            })),
        [Key<ResidentQueries>(nameof(ResidentQueries.RevealAsync))] = new((a, w) => w.Residents.Select(r =>
            new HandlerProbe(r.Label, Reads(a, r), s => Box(s.Get<ResidentQueries>().RevealAsync(r.Id)))
            {
                Check = That<RevealedCitizenId>(x => x.CitizenId == r.CitizenId),
                // The audited reveal is the one answer that carries the full number and the birth date, to whom may read the resident.
                Echoes = Reads(a, r) ? [r.CitizenId, .. BirthDates(r)] : [],
            })),

        [Key<HouseholdQueries>(nameof(HouseholdQueries.DetailAsync))] = new(HouseholdDetails),
        [Key<HouseholdQueries>(nameof(HouseholdQueries.OptionsAsync))] = new(HouseholdOptions),
        [Key<HouseholdCommands>(nameof(HouseholdCommands.ChangeRelationAsync))] = new(RelationChanges),
        [Key<HouseholdCommands>(nameof(HouseholdCommands.MakeHeadAsync))] = new(HeadChanges),
        [Key<HouseholdCommands>(nameof(HouseholdCommands.MoveAsync))] = new(MemberMoves),
        [Key<HouseholdCommands>(nameof(HouseholdCommands.SplitAsync))] = new(Splits),
        [Key<HouseholdCommands>(nameof(HouseholdCommands.MergeAsync))] = new(Merges),
        [Key<LifeEventCommands>(nameof(LifeEventCommands.RecordAsync))] = new(LifeEvents),
        [Key<ResidentEditCommands>(nameof(ResidentEditCommands.EditAsync))] = new(ResidentEdits),
        [Key<ResidentEditCommands>(nameof(ResidentEditCommands.SaveAsync))] = new(ResidentSaves),
        // 收费登记, 到账确认, 冲正 (PaymentExpectations.cs).
        [Key<PaymentQueries>(nameof(PaymentQueries.ResidentDuesAsync))] = new(ResidentDues),
        [Key<PaymentQueries>(nameof(PaymentQueries.HouseholdDuesAsync))] = new(HouseholdDues),
        [Key<PaymentQueries>(nameof(PaymentQueries.HouseholdPreviewAsync))] = new(HouseholdPreviews),
        [Key<PaymentQueries>(nameof(PaymentQueries.ChannelsAsync))] = new((a, _) => PaymentChannels(a)),
        [Key<PaymentQueries>(nameof(PaymentQueries.VillagesAsync))] = new(ConfirmVillages),
        [Key<PaymentQueries>(nameof(PaymentQueries.UnconfirmedAsync))] = new(Unconfirmed),
        [Key<PaymentCommands>(nameof(PaymentCommands.RecordAsync))] = new(PaymentEntries),
        [Key<PaymentCommands>(nameof(PaymentCommands.RecordHouseholdAsync))] = new(HouseholdPayments),
        [Key<PaymentCommands>(nameof(PaymentCommands.ConfirmAsync))] = new(Confirmations),
        [Key<PaymentCommands>(nameof(PaymentCommands.ConfirmVillageDayAsync))] = new(VillageDays),
        [Key<PaymentCommands>(nameof(PaymentCommands.ReverseAsync))] = new(Reversals),
        // 查找人员: any reader may search; the answer holds the person exactly when they are in the reader's scope.
        [Key<SearchQueries>(nameof(SearchQueries.SearchAsync))] = new((a, w) => w.Residents.Select(r =>
            new HandlerProbe(r.Label, Can(a, Operation.ReadResidents),
                s => Box(s.Get<SearchQueries>().SearchAsync(r.CitizenId, new SearchFilter(), FirstPage)))
            {
                Check = That<SearchResult>(x => x.Page.Items.Any(p => p.Id == r.Id) == Reads(a, r)),
                Echoes = [r.CitizenId, .. BirthDates(r)],
            })),
        [Key<SearchQueries>(nameof(SearchQueries.VillagesAsync))] = new((a, w) =>
        [
            new("the villages of the scope", Can(a, Operation.ReadResidents), s => Box(s.Get<SearchQueries>().VillagesAsync()))
            {
                Check = That<IReadOnlyList<VillagePlace>>(v => v.Any(x => x.Id == w.HomeVillage[a.Login])),
                Secrets = OutsidePlaces(a, w),
            },
        ]),
        [Key<RosterQueries>(nameof(RosterQueries.PlacesAsync))] = new((a, w) =>
        [
            new("the villages of the scope", Can(a, Operation.ReadResidents), s => Box(s.Get<RosterQueries>().PlacesAsync()))
            {
                Check = That<IReadOnlyList<VillagePlace>>(v => v.Any(x => x.Id == w.HomeVillage[a.Login])),
                Secrets = OutsidePlaces(a, w),
            },
        ]),
        [Key<RosterQueries>(nameof(RosterQueries.HeaderAsync))] = new((a, w) => Rosters(w).Select(p =>
            new HandlerProbe(p.Place.Label, Can(a, Operation.ReadResidents) && InScope(a, p.Place.TenantId, p.Place.Path),
                s => Box(s.Get<RosterQueries>().HeaderAsync(p.Level, p.Place.Id)))
            {
                Check = That<RosterHeader>(h => h.Id == p.Place.Id),
                Secrets = OutsidePlaces(a, w),
            })),
        [Key<RosterQueries>(nameof(RosterQueries.PageAsync))] = new((a, w) => Rosters(w).Select(p =>
            new HandlerProbe(p.Place.Label, Can(a, Operation.ReadResidents) && InScope(a, p.Place.TenantId, p.Place.Path),
                s => Box(s.Get<RosterQueries>().PageAsync(p.Level, p.Place.Id, FirstPage)))
            {
                Check = That<GridPage<PersonRow>>(page => page.Total > 0),
            })),

        [Key<TrialQuoteQueries>(nameof(TrialQuoteQueries.SetupAsync))] = new(TrialSetups),
        [Key<TrialQuoteQueries>(nameof(TrialQuoteQueries.QuoteAsync))] = new(TrialQuotes),

        [Key<CampaignQueries>(nameof(CampaignQueries.PageAsync))] = new((a, w) =>
        [
            new("the county's campaigns", Can(a, Operation.ManageCampaigns), s => Box(s.Get<CampaignQueries>().PageAsync(FirstPage)))
            {
                Check = That<GridPage<CampaignRow>>(p => w.Campaigns.Where(c => Same(a, c.TenantId)).All(c => p.Items.Any(i => i.Code == c.Code))),
            },
        ]),
        [Key<CampaignQueries>(nameof(CampaignQueries.CampaignAsync))] = new((a, w) => Campaigns(a, w, c =>
            (s => Box(s.Get<CampaignQueries>().CampaignAsync(c.Code)), That<CampaignView>(v => v.Code == c.Code)))),
        [Key<CampaignQueries>(nameof(CampaignQueries.VersionsHeaderAsync))] = new((a, w) => Campaigns(a, w, c =>
            (s => Box(s.Get<CampaignQueries>().VersionsHeaderAsync(c.Code)), That<VersionsHeader>(v => v.Code == c.Code && v.Versions.Contains(1))))),
        [Key<CampaignQueries>(nameof(CampaignQueries.VersionsAsync))] = new((a, w) => Campaigns(a, w, c =>
            (s => Box(s.Get<CampaignQueries>().VersionsAsync(c.Code, FirstPage)), That<GridPage<VersionRow>>(p => p.Total >= 1)))),
        [Key<CampaignQueries>(nameof(CampaignQueries.VersionAsync))] = new((a, w) =>
        [
            .. Campaigns(a, w, c => (s => Box(s.Get<CampaignQueries>().VersionAsync(c.Code, 1)), That<VersionView>(v => v.Code == c.Code && v.Row.Version == 1))),
            new("a version that does not exist", false, s => Box(s.Get<CampaignQueries>().VersionAsync("tengzhou-2025", 999))),
        ]),
        [Key<CampaignQueries>(nameof(CampaignQueries.CompareAsync))] = new((a, w) => Campaigns(a, w, c =>
            (s => Box(s.Get<CampaignQueries>().CompareAsync(c.Code, 1, 1)), That<PolicyComparison>(x => x.From == 1 && x.Changes.Count == 0)))),

        [Key<PolicyEditor>(nameof(PolicyEditor.OpenAsync))] = new((a, w) => Campaigns(a, w, c =>
            (s => Box(s.Get<PolicyEditor>().OpenAsync(c.Code)), That<PolicyEditorModel>(m => m.Code == c.Code)))),
        [Key<PolicyEditor>(nameof(PolicyEditor.PreviewAsync))] = new((a, w) => Campaigns(a, w, c => (async s =>
            {
                var edit = await PolicyEditAsync(w, c);
                return await s.Get<PolicyEditor>().PreviewAsync(c.Code, edit.Version, edit.Form);
            }, That<PolicySaveAnswer>(x => x.Outcome != PolicySaveOutcome.NotFound)))),
        [Key<PolicyEditor>(nameof(PolicyEditor.SaveAsync))] = new(PolicySaves),

        [Key<NewCampaignCommands>(nameof(NewCampaignCommands.SetupAsync))] = new((a, w) =>
        [
            new("the new campaign form", Can(a, Operation.ManageCampaigns), s => Box(s.Get<NewCampaignCommands>().SetupAsync()))
            {
                Check = That<NewCampaignSetup>(x => w.Townships.Where(t => Same(a, t.TenantId)).All(t => x.Townships.Any(c => c.Id == t.Id))),
            },
        ]),
        [Key<NewCampaignCommands>(nameof(NewCampaignCommands.CreateAsync))] = new((a, w) =>
            new Place?[] { null }.Concat(w.Townships).Select(t =>
                new HandlerProbe(t?.Label ?? "a county-wide campaign",
                    Can(a, Operation.ManageCampaigns) && (t is null || Same(a, t.TenantId)), s =>
                    {
                        var n = w.Next();
                        return Box(s.Get<NewCampaignCommands>().CreateAsync(new NewCampaignForm
                        {
                            Template = "tengzhou-2025", PolicyYear = 2040 + (n % 50), TownshipId = t?.Id,
                            Code = "adv-" + n.ToString(CultureInfo.InvariantCulture),
                        }));
                    })
                {
                    Check = That<NewCampaignAnswer>(x => x.Code is not null),
                })),

        [Key<RolloverQueries>(nameof(RolloverQueries.ViewAsync))] = new((a, w) => Campaigns(a, w, c =>
            (s => Box(s.Get<RolloverQueries>().ViewAsync(c.Code)), That<RolloverView>(v => v.Code == c.Code)))),
        [Key<RolloverCommands>(nameof(RolloverCommands.CreateNextYearAsync))] = new((a, w) => Campaigns(a, w, c =>
            (s => Box(s.Get<RolloverCommands>().CreateNextYearAsync(c.Code)),
             That<RolloverDraftAnswer>(x => x.Created || x.Error?.Contains("已存在", StringComparison.Ordinal) == true)))),
        [Key<RolloverCommands>(nameof(RolloverCommands.StartAsync))] = new((a, w) => Campaigns(a, w, c => (async s =>
            {
                var start = await s.Get<RolloverCommands>().StartAsync(c.Code);
                if (start == RolloverStart.Queued)
                {
                    // The worker writes the roster in the background: wait for it, so it writes nothing under a later call.
                    await UntilIdleAsync(w, s.Get<RolloverJobs>(), c);
                }
                return start;
            }, That<RolloverStart>(x => x != RolloverStart.NotFound)))),

        // A status step from a status the campaign is not in: past the permission and the lookup (an allowed actor is
        // told someone else changed it), and never a write, so the world's campaigns keep their statuses for the rest.
        [Key<CampaignStatusCommands>(nameof(CampaignStatusCommands.MoveAsync))] = new((a, w) => Campaigns(a, w, c => (async s =>
            {
                var actual = await w.App.ScalarAsync<string?>("SELECT status FROM campaigns WHERE code = $1 AND tenant_id = $2", c.Code, c.TenantId);
                var seen = actual == "draft" ? CampaignStatus.Open : CampaignStatus.Draft;
                return await s.Get<CampaignStatusCommands>().MoveAsync(c.Code, seen, CampaignStatusCommands.NextOf(seen)!.Value);
            }, That<CampaignStatusAnswer>(x => !x.Moved && x.Message.Contains("刚被他人改为", StringComparison.Ordinal))))),

        [Key<CitizenIdCheck>(nameof(CitizenIdCheck.CheckAsync))] = new(null,
            "takes the caller's own context and signed-in user; reached only through RegistrationCommands.CheckIdAsync, RegisterAsync and TransferCommands.RequestAsync (swept)"),
        [Key<IdLookupLimiter>(nameof(IdLookupLimiter.TryTake))] = new(null,
            "the in-memory per-user lookup buckets; no database, nothing to reveal but whether the caller's own bucket is empty"),
        [Key<IdLookupLimiter>(nameof(IdLookupLimiter.Dispose))] = new(null, "disposes the in-memory buckets with the app"),
        [Key<ImportSessions>(nameof(ImportSessions.Add))] = new(null,
            "the in-memory store of checked files: only ResidentImportCommands.CheckAsync and PaymentImportCommands.CheckAsync add to it, after the permission check"),
        [Key<ImportSessions>(nameof(ImportSessions.Find))] = new(null,
            "the in-memory store of checked files: finds only the given user's session; ResidentImportCommands and PaymentImportCommands pass the signed-in user, after the permission check"),
        [Key<TransferNotifier>(nameof(TransferNotifier.Notify))] = new(null,
            "raises the circuit's own in-memory event; it carries no data and reads nothing"),
        [Key<AccountManagers>(nameof(AccountManagers.For))] = new(null,
            "builds a UserManager over a context its caller already opened for the user (UserCommands, TenantCommands: swept); reads nothing itself"),
        [Key<RolloverJobs>(nameof(RolloverJobs.TryEnqueue))] = new(null,
            "the app's in-memory roll-over queue, filled only by RolloverCommands.StartAsync (swept) with the caller's own county and scope"),
        [Key<RolloverJobs>(nameof(RolloverJobs.Latest))] = new(null,
            "the in-memory queue's state, shown only through RolloverQueries.ViewAsync (swept), which finds the campaign in the caller's county first"),
        [Key<RolloverJobs>(nameof(RolloverJobs.Update))] = new(null,
            "called by the roll-over worker only, for jobs RolloverCommands.StartAsync queued; no database"),
    };

    // ----- who may: the permission table, the record's county and place -----

    /// <summary>
    /// The permission table: the role's operations, and for an operation on the county's configuration as a whole
    /// (<see cref="OperationScope.County"/>) a user who is not bound to part of the county.
    /// </summary>
    public static bool Can(Actor a, Operation operation) => Permissions.Allows(a.Role, a.ScopePath is not null, operation);

    public static bool Same(Actor a, int tenantId) => tenantId != 0 && a.TenantId == tenantId;

    public static bool InScope(Actor a, int tenantId, string? path) =>
        Same(a, tenantId) && (a.ScopePath is null || (path?.StartsWith(a.ScopePath, StringComparison.Ordinal) ?? false));

    private static bool Reads(Actor a, Person r) => Can(a, Operation.ReadResidents) && InScope(a, r.TenantId, r.Path);

    /// <summary>A place above the actor's subtree (their township, for a village collector): its name is theirs to see.</summary>
    private static bool Above(Actor a, Place p) =>
        Same(a, p.TenantId) && a.ScopePath is not null && a.ScopePath.StartsWith(p.Path, StringComparison.Ordinal);

    /// <summary>The system administrator manages county administrators; a county administrator the accounts of their county or subtree.</summary>
    public static bool Manages(Actor a, Account u) => u.Id != HandlerWorld.Missing && a.Role switch
    {
        UserRole.SystemAdmin => u.Role == "bureau_admin",
        UserRole.BureauAdmin => Same(a, u.TenantId) && (a.ScopePath is null || (u.Path?.StartsWith(a.ScopePath, StringComparison.Ordinal) ?? false)),
        _ => false,
    };

    /// <summary>Either side of the request lies in the actor's subtree, and the actor works with transfers.</summary>
    private static bool Sees(Actor a, Transfer t) =>
        Can(a, Operation.RequestTransfers) && Same(a, t.TenantId)
        && (a.ScopePath is null || t.FromPath.StartsWith(a.ScopePath, StringComparison.Ordinal) || t.ToPath.StartsWith(a.ScopePath, StringComparison.Ordinal));

    /// <summary>
    /// What the actor must never get from any handler: every full ID number and birth date (the eight digits a masked
    /// number hides; both leave only through the audited reveal), the names of residents they may not read, requests
    /// they do not see, and everything of another county — its campaigns, places and accounts (but the county
    /// administrators, for the system administrator).
    /// </summary>
    public static IEnumerable<string> Unseen(Actor a, HandlerWorld w)
    {
        foreach (var r in w.Residents.Concat(w.Transfers.Select(t => t.Resident)).Where(r => r.Id != HandlerWorld.Missing))
        {
            yield return r.CitizenId;
            foreach (var birthDate in BirthDates(r))
            {
                yield return birthDate;
            }
            if (r.UniqueName && !Reads(a, r))
            {
                yield return r.Name;
            }
        }
        foreach (var t in w.Transfers.Where(t => !Sees(a, t)))
        {
            yield return t.Reason;
        }
        foreach (var c in w.Campaigns.Where(c => c.TenantId != 0 && !Same(a, c.TenantId)))
        {
            yield return c.Code;
            if (c.Name is { } name && w.Campaigns.Count(o => o.Name == name) == 1)
            {
                yield return name;
            }
        }
        foreach (var p in w.AllPlaces.Where(p => p.TenantId != 0 && !Same(a, p.TenantId) && p.UniqueName))
        {
            yield return p.Name;
        }
        foreach (var u in w.Users.Where(u => u.Id != HandlerWorld.Missing && u.Login != a.Login && !Manages(a, u)))
        {
            yield return u.Login;
            if (!Same(a, u.TenantId))
            {
                yield return u.DisplayName;
            }
        }
    }

    /// <summary>
    /// The resident's birth date as an answer would carry it: the eight digits of the number (<c>yyyyMMdd</c>) and as a
    /// date (<c>yyyy-MM-dd</c>, how a DateOnly is written). A probe that typed the full number may get its digits back.
    /// </summary>
    private static string[] BirthDates(Person r)
    {
        var digits = r.CitizenId[6..14];
        return [digits, $"{digits[..4]}-{digits[4..6]}-{digits[6..]}"];
    }

    /// <summary>Townships and villages of the actor's county outside their subtree and not above it: lists of places must not name them.</summary>
    private static string[] OutsidePlaces(Actor a, HandlerWorld w) =>
        [.. w.AllPlaces.Where(p => p.UniqueName && Same(a, p.TenantId) && !InScope(a, p.TenantId, p.Path) && !Above(a, p)).Select(p => p.Name)];

    // ----- the entries that need more than a line -----

    /// <summary>Every village and township of the world as a list's place, and a place that does not exist.</summary>
    private static IEnumerable<(RosterLevel Level, Place Place)> Rosters(HandlerWorld w) =>
        [.. w.Villages.Select(v => (RosterLevel.Village, v)), .. w.Townships.Select(t => (RosterLevel.Township, t))];

    private static IEnumerable<HandlerProbe> Home(Actor a, HandlerWorld w, Func<ActorSession, Task<object?>> call) =>
    [
        // Every county role has a home; nobody outside a county gets one (null: there is no current campaign for them).
        new("the current campaign's figures", a.TenantId is not null, call)
        {
            Check = answer => Task.FromResult(answer is null ? "no figures" : null),
            Secrets = OutsidePlaces(a, w),
        },
    ];

    private static IEnumerable<HandlerProbe> TransferPages(Actor a, HandlerWorld w)
    {
        var may = Can(a, Operation.RequestTransfers);
        // All four lists together hold exactly the requests of the world the actor sees.
        yield return new HandlerProbe("all four lists", may, async s =>
        {
            var queries = s.Get<TransferQueries>();
            var rows = new List<TransferRow>();
            foreach (var kind in Enum.GetValues<TransferListKind>())
            {
                rows.AddRange((await queries.PageAsync(kind, new TransferFilter(), FirstPage)).Items);
            }
            return rows;
        })
        {
            Check = That<List<TransferRow>>(rows =>
                w.Transfers.Where(t => Sees(a, t)).All(t => rows.Any(r => r.Id == t.Id))
                && !w.Transfers.Where(t => !Sees(a, t)).Any(t => rows.Any(r => r.Id == t.Id))),
        };
        foreach (var kind in Enum.GetValues<TransferListKind>())
        {
            foreach (var township in w.Townships)
            {
                yield return new HandlerProbe($"{kind} of {township.Label}", may,
                    s => Box(s.Get<TransferQueries>().PageAsync(kind, new TransferFilter(township.Id), FirstPage)))
                {
                    Check = That<GridPage<TransferRow>>(p => p.Items.All(r => !w.Transfers.Any(t => t.Id == r.Id && !Sees(a, t)))),
                };
            }
        }
    }

    private static IEnumerable<Transfer> TransfersAndMissing(HandlerWorld w) =>
        [.. w.Transfers, new Transfer("a request id that does not exist", HandlerWorld.Missing, 0, "", "", null, "", w.Residents[^1])];

    private static IEnumerable<HandlerProbe> Decisions(Actor a, HandlerWorld w) => TransfersAndMissing(w).Select(t =>
        Can(a, Operation.DecideTransfers) && InScope(a, t.TenantId, t.FromPath)
            // The holding side or the county: a rejection without its note is refused for the note, after the request was found.
            ? new HandlerProbe(t.Label, true, async s =>
                await s.Get<TransferCommands>().DecideAsync(t.Id, approve: false, note: null, await w.TransferVersionAsync(t.Id)))
            {
                Check = That<TransferOutcome>(o => o == TransferOutcome.NoteRequired),
            }
            : new HandlerProbe(t.Label, false, async s =>
                await s.Get<TransferCommands>().DecideAsync(t.Id, approve: true, note: "对抗测试批准", await w.TransferVersionAsync(t.Id))));

    private static IEnumerable<HandlerProbe> Withdrawals(Actor a, HandlerWorld w) => TransfersAndMissing(w).Select(t =>
        Can(a, Operation.RequestTransfers) && Same(a, t.TenantId)
        && (t.RequestedBy == a.UserId || (a.Role == UserRole.TownshipStaff && InScope(a, t.TenantId, t.ToPath)))
            // The requesting side: with a version older than the request's, it answers "closed meanwhile" and keeps it.
            ? new HandlerProbe(t.Label, true, s => Box(s.Get<TransferCommands>().WithdrawAsync(t.Id, null, seenVersion: 0)))
            {
                Check = That<TransferOutcome>(o => o == TransferOutcome.AlreadyClosed),
            }
            : new HandlerProbe(t.Label, false, async s =>
                await s.Get<TransferCommands>().WithdrawAsync(t.Id, "对抗测试撤回", await w.TransferVersionAsync(t.Id))));

    private static IEnumerable<HandlerProbe> TransferRequests(Actor a, HandlerWorld w)
    {
        var home = w.HomeVillage[a.Login];
        foreach (var r in w.Residents)
        {
            // A resident of the county outside the subtree, into a village inside it.
            yield return new HandlerProbe(r.Label,
                Can(a, Operation.RequestTransfers) && Same(a, r.TenantId) && !InScope(a, r.TenantId, r.Path),
                s => Box(s.Get<TransferCommands>().RequestAsync(r.CitizenId, home, "对抗测试申请转入")))
            {
                // Asked now, or already asked by someone (the sweep shares its database): either way the request stands.
                Check = That<TransferRequestAnswer>(x => x.Ok || x.Message.Contains("已有一件待审批", StringComparison.Ordinal)),
                Echoes = [r.CitizenId, .. BirthDates(r)],
            };
        }
        // Into a village outside the subtree: never, whoever is asked for.
        var wanted = w.Residents.FirstOrDefault(r => Same(a, r.TenantId) && !InScope(a, r.TenantId, r.Path)) ?? w.Residents[2];
        foreach (var v in w.Villages.Where(v => !InScope(a, v.TenantId, v.Path)))
        {
            yield return new HandlerProbe($"{wanted.Label} into {v.Label}", false,
                s => Box(s.Get<TransferCommands>().RequestAsync(wanted.CitizenId, v.Id, "对抗测试申请转入")))
            {
                Echoes = [wanted.CitizenId, .. BirthDates(wanted)],
            };
        }
    }

    private static IEnumerable<HandlerProbe> UserPages(Actor a, HandlerWorld w)
    {
        var may = Can(a, Operation.ManageUsers);
        var managed = w.Users.Where(u => Manages(a, u)).ToList();
        yield return new HandlerProbe("every account", may, s => Box(s.Get<UserQueries>().PageAsync(new UserFilter(), FirstPage)))
        {
            Check = That<GridPage<UserRow>>(p => managed.All(u => p.Items.Any(r => r.Id == u.Id))),
        };
        foreach (var t in w.Townships)
        {
            yield return new HandlerProbe("accounts of " + t.Label, may, s => Box(s.Get<UserQueries>().PageAsync(new UserFilter(JurisdictionId: t.Id), FirstPage)))
            {
                Check = That<GridPage<UserRow>>(_ => true),
            };
        }
        foreach (var tenant in w.Townships.Select(t => t.TenantId).Distinct())
        {
            yield return new HandlerProbe($"accounts of county {tenant}", may, s => Box(s.Get<UserQueries>().PageAsync(new UserFilter(TenantId: tenant), FirstPage)))
            {
                Check = That<GridPage<UserRow>>(_ => true),
            };
        }
        foreach (var u in w.Users.Where(u => u.Login.Length > 0))
        {
            yield return new HandlerProbe("searching for " + u.Login, may, s => Box(s.Get<UserQueries>().PageAsync(new UserFilter(Text: u.Login), FirstPage)))
            {
                Check = That<GridPage<UserRow>>(p => !Manages(a, u) || p.Items.Any(r => r.Id == u.Id)),
                Echoes = [u.Login],
            };
        }
    }

    private static IEnumerable<HandlerProbe> UserCreations(Actor a, HandlerWorld w)
    {
        var countyAdmin = a.Role == UserRole.BureauAdmin;
        foreach (var t in w.Townships)
        {
            // A township clerk of a township: a county administrator's own, or not at all.
            yield return Creation(w, "a clerk of " + t.Label, countyAdmin && InScope(a, t.TenantId, t.Path),
                n => new NewUserForm { Login = $"adv-u{n}", DisplayName = $"对抗测试经办人{n}", Role = UserRole.TownshipStaff, JurisdictionId = t.Id, TenantId = t.TenantId },
                countyAdmin ? a.TenantId : null);
        }
        foreach (var tenant in w.Townships.Select(t => t.TenantId).Distinct())
        {
            // A county administrator: the system administrator's for any county; a county administrator's for their
            // own county only, whatever county the call names.
            var id = tenant == 0 ? (int)HandlerWorld.Missing : tenant;
            yield return Creation(w, $"a county administrator of county {tenant}",
                (a.Role == UserRole.SystemAdmin && tenant != 0) || (countyAdmin && a.ScopePath is null),
                n => new NewUserForm { Login = $"adv-u{n}", DisplayName = $"对抗测试管理员{n}", Role = UserRole.BureauAdmin, TenantId = id },
                a.Role == UserRole.SystemAdmin ? tenant : a.TenantId);
        }
        yield return Creation(w, "a system administrator", false,
            n => new NewUserForm { Login = $"adv-u{n}", DisplayName = $"对抗测试系统管理员{n}", Role = UserRole.SystemAdmin, TenantId = a.TenantId }, null);
    }

    private static HandlerProbe Creation(HandlerWorld w, string why, bool allowed, Func<string, NewUserForm> form, int? tenant)
    {
        string? login = null;
        return new HandlerProbe(why, allowed, s =>
        {
            var f = form(w.Next().ToString(CultureInfo.InvariantCulture));
            login = f.Login;
            return Box(s.Get<UserCommands>().CreateAsync(f));
        })
        {
            Check = async answer =>
            {
                if (answer is not UserCreation { Created: not null })
                {
                    return "not created";
                }
                var created = await w.App.ScalarAsync<int?>("SELECT tenant_id FROM user_accounts WHERE login = $1", login!);
                return created == tenant ? null : $"created in county {created}, expected {tenant}";
            },
        };
    }

    private static EditUserForm EditForm(Account u, string name) => new()
    {
        DisplayName = name,
        Role = u.Role.Length == 0 ? UserRole.TownshipStaff : Enum.Parse<UserRole>(string.Concat(u.Role.Split('_').Select(p => char.ToUpperInvariant(p[0]) + p[1..]))),
        JurisdictionId = u.JurisdictionId,
    };

    private sealed record QuotaPage(string Why, QuotaScope Scope, bool Allowed, Place? Township, CampaignRecord Campaign);

    /// <summary>Every campaign's own page, and the township pages of two county campaigns for each township.</summary>
    private static IEnumerable<QuotaPage> QuotaPages(Actor a, HandlerWorld w)
    {
        var may = Can(a, Operation.ManageCampaigns);
        foreach (var c in w.Campaigns)
        {
            yield return new QuotaPage(c.Label, new QuotaScope(c.Code), may && Same(a, c.TenantId), null, c);
        }
        foreach (var c in w.Campaigns.Where(c => c.Code is "tengzhou-2025" or "pubei-2020"))
        {
            foreach (var t in w.Townships)
            {
                yield return new QuotaPage($"{c.Label}, {t.Label}", new QuotaScope(c.Code, t.Id), may && Same(a, c.TenantId) && Same(a, t.TenantId), t, c);
            }
        }
    }

    private static IEnumerable<HandlerProbe> QuotaSaves(Actor a, HandlerWorld w)
    {
        var may = Can(a, Operation.ManageCampaigns);
        foreach (var page in QuotaPages(a, w))
        {
            // A campaign's own page lists townships: try each township on it. A township page lists its villages: its first.
            var places = page.Township is { } township
                ? w.Villages.Where(v => v.TenantId == township.TenantId && v.TenantId != 0 && v.Path.StartsWith(township.Path, StringComparison.Ordinal)).Take(1)
                : w.Townships.Where(t => t.TenantId != 0);
            foreach (var place in places)
            {
                var allowed = may && Same(a, page.Campaign.TenantId) && Same(a, place.TenantId) && (page.Township is null || Same(a, page.Township.TenantId));
                yield return new HandlerProbe($"{page.Why}: {place.Label}", allowed, async s =>
                {
                    // The figure and row version as they are now: what a page rendered a moment ago would send.
                    var campaignId = await w.App.ScalarAsync<long>("SELECT coalesce((SELECT id FROM campaigns WHERE code = $1 AND tenant_id = $2), 0)",
                        page.Campaign.Code, page.Campaign.TenantId);
                    var target = await w.App.ScalarAsync<int?>("SELECT target FROM quotas WHERE campaign_id = $1 AND jurisdiction_id = $2", campaignId, place.Id);
                    var version = await w.App.ScalarAsync<long?>("SELECT xmin::text::bigint FROM quotas WHERE campaign_id = $1 AND jurisdiction_id = $2", campaignId, place.Id);
                    var edit = new QuotaEdit(place.Id, ((target ?? 99) + 1).ToString(CultureInfo.InvariantCulture), version is { } v ? (uint)v : null);
                    return await s.Get<QuotaCommands>().SaveAsync(page.Scope, [edit], "对抗测试调整任务数");
                })
                {
                    Check = That<QuotaSaveResult>(r => r.Saved == 1),
                };
            }
        }
    }

    private static IEnumerable<HandlerProbe> IdChecks(Actor a, HandlerWorld w) => w.Residents.Select(r =>
        new HandlerProbe(r.Label, Can(a, Operation.RegisterResidents), s => Box(s.Get<RegistrationCommands>().CheckIdAsync(r.CitizenId)))
        {
            // What the number runs into: here, elsewhere in the county (the township's name only), another county
            // (nothing else), or nowhere.
            Check = That<IdCheck>(c =>
                r.Id == HandlerWorld.Missing ? c.Kind == IdCheckKind.Available
                : InScope(a, r.TenantId, r.Path) ? c.Kind == IdCheckKind.InScope && c.ResidentId == r.Id
                : Same(a, r.TenantId) ? c.Kind is IdCheckKind.OtherTownship or IdCheckKind.OtherVillageOfOwnTownship && c.ResidentId is null
                : c is { Kind: IdCheckKind.OtherTenant, ResidentId: null, TownshipName: null, Message: null }),
            Echoes = [r.CitizenId, .. BirthDates(r)],
        });

    private static IEnumerable<HandlerProbe> Registrations(Actor a, HandlerWorld w)
    {
        var may = Can(a, Operation.RegisterResidents);
        foreach (var v in w.Villages)
        {
            yield return new HandlerProbe("a new household in " + v.Label, may && InScope(a, v.TenantId, v.Path), async s =>
                await s.Get<RegistrationCommands>().RegisterAsync(new RegisterForm
                {
                    CitizenId = await w.FreshIdAsync(), Name = "对抗测试登记", VillageId = v.Id, HouseholdId = 0, Address = "对抗测试地址", HukouType = "local",
                }))
            {
                Check = That<RegistrationResult>(x => x.Saved),
            };
        }
        var home = w.HomeVillage[a.Login];
        foreach (var v in w.Villages.Where(v => v.Id != HandlerWorld.Missing))
        {
            // Joining a household: only one of the village the resident is registered in, inside the subtree.
            yield return new HandlerProbe("joining a household of " + v.Label, may && InScope(a, v.TenantId, v.Path) && v.Id == home, async s =>
                await s.Get<RegistrationCommands>().RegisterAsync(new RegisterForm
                {
                    CitizenId = await w.FreshIdAsync(), Name = "对抗测试登记", VillageId = home, HouseholdId = w.Households[v.Id],
                    Relation = RelationToHead.Child, HukouType = "local",
                }))
            {
                Check = That<RegistrationResult>(x => x.Saved),
            };
        }
    }

    /// <summary>The campaign the trial quotes in: the one named when the actor sees it (drafts: county administrators), else their current one.</summary>
    private static bool SeesForTrial(Actor a, CampaignRecord c) =>
        Same(a, c.TenantId) && (c.Code != HandlerWorld.DraftCode || a.Role == UserRole.BureauAdmin);

    private static string[] Hidden(Actor a, CampaignRecord c) => SeesForTrial(a, c) || c.TenantId == 0 ? [] : [c.Code];

    private static IEnumerable<HandlerProbe> TrialSetups(Actor a, HandlerWorld w)
    {
        var may = Can(a, Operation.QuoteTrial);
        foreach (var c in w.Campaigns)
        {
            yield return new HandlerProbe(c.Label, may, s => Box(s.Get<TrialQuoteQueries>().SetupAsync(c.Code, null)))
            {
                Check = That<TrialSetup>(x => SeesForTrial(a, c) ? x.Campaign?.Code == c.Code : x.Campaign?.Code != c.Code),
                Secrets = Hidden(a, c),
            };
        }
        foreach (var r in w.Residents)
        {
            yield return new HandlerProbe(r.Label, may && Reads(a, r), s => Box(s.Get<TrialQuoteQueries>().SetupAsync(null, r.Id)))
            {
                Check = That<TrialSetup>(x => x.Resident?.Id == r.Id),
            };
        }
    }

    private static IEnumerable<HandlerProbe> TrialQuotes(Actor a, HandlerWorld w)
    {
        var may = Can(a, Operation.QuoteTrial);
        foreach (var c in w.Campaigns)
        {
            yield return new HandlerProbe("a typed number in " + c.Label, may, async s =>
                await s.Get<TrialQuoteQueries>().QuoteAsync(new TrialQuoteForm { Campaign = c.Code, IdNumber = await w.FreshIdAsync(), PaidOn = BusinessDate }))
            {
                Check = That<TrialQuoteAnswer>(x => SeesForTrial(a, c) ? x.Campaign.Code == c.Code : x.Campaign.Code != c.Code),
                Secrets = Hidden(a, c),
            };
        }
        foreach (var r in w.Residents)
        {
            yield return new HandlerProbe(r.Label, may && Reads(a, r), s => Box(s.Get<TrialQuoteQueries>().QuoteAsync(
                new TrialQuoteForm { Campaign = "tengzhou-2025", ResidentId = r.Id, PaidOn = BusinessDate })))
            {
                Check = That<TrialQuoteAnswer>(x => x.Result is not null || x.Errors.Count > 0),
            };
        }
    }

    /// <summary>One probe per campaign: allowed for a county administrator of its county.</summary>
    private static IEnumerable<HandlerProbe> Campaigns(
        Actor a, HandlerWorld w, Func<CampaignRecord, (Func<ActorSession, Task<object?>> Call, Func<object?, Task<string?>> Check)> probe) =>
        w.Campaigns.Select(c =>
        {
            var (call, check) = probe(c);
            return new HandlerProbe(c.Label, Can(a, Operation.ManageCampaigns) && Same(a, c.TenantId), call) { Check = check };
        });

    private sealed record PolicyEdit(int Version, string Json, bool TownshipCampaign, IReadOnlyList<string> Townships, PolicyEditForm Form);

    /// <summary>
    /// The campaign's current policy as its editor's form would send it back unchanged, with the version it starts from
    /// (read as the owner: a caller may know them). A code that does not exist gets 滕州's.
    /// </summary>
    private static async Task<PolicyEdit> PolicyEditAsync(HandlerWorld w, CampaignRecord c)
    {
        var code = c.TenantId == 0 ? "tengzhou-2025" : c.Code;
        var tenant = c.TenantId == 0 ? w.Campaigns[0].TenantId : c.TenantId;
        const string Current = "FROM campaign_policy_versions v JOIN campaigns c ON c.tenant_id = v.tenant_id AND c.id = v.campaign_id WHERE c.code = $1 AND c.tenant_id = $2";
        var version = await w.App.ScalarAsync<int>($"SELECT max(v.version) {Current}", code, tenant);
        var json = await w.App.ScalarAsync<string>($"SELECT v.document::text {Current} AND v.version = $3", code, tenant, version);
        var township = await w.App.ScalarAsync<bool>("SELECT jurisdiction_id IS NOT NULL FROM campaigns WHERE code = $1 AND tenant_id = $2", code, tenant);
        var names = new List<string>();
        if (!township)
        {
            for (var i = 0; ; i++)
            {
                var name = await w.App.ScalarAsync<string?>(
                    "SELECT name FROM jurisdictions WHERE tenant_id = $1 AND level = 'township' ORDER BY display_order, id OFFSET $2 LIMIT 1", tenant, i);
                if (name is null)
                {
                    break;
                }
                names.Add(name);
            }
        }
        PolicyJson.TryDeserialize(json, out var document, out _);
        return new PolicyEdit(version, json, township, names, PolicyEditForm.From(document!, names));
    }

    private static IEnumerable<HandlerProbe> PolicySaves(Actor a, HandlerWorld w) => w.Campaigns.Select(c =>
        Can(a, Operation.ManageCampaigns) && Same(a, c.TenantId)
            // Allowed: without a preview (an open campaign asks for one, a draft saves, a closed one is final).
            ? new HandlerProbe(c.Label, true, async s =>
            {
                var edit = await PolicyEditAsync(w, c);
                return await s.Get<PolicyEditor>().SaveAsync(c.Code, edit.Version, edit.Form, null, null);
            })
            {
                Check = That<PolicySaveAnswer>(x => x.Outcome != PolicySaveOutcome.NotFound),
            }
            // Refused: with everything a save needs — the current version, a reason, the preview's fingerprint.
            : new HandlerProbe(c.Label, false, async s =>
            {
                var edit = await PolicyEditAsync(w, c);
                var fingerprint = PolicyEditHandler.Propose(edit.Json, edit.Version, edit.TownshipCampaign, edit.Townships, edit.Form).Fingerprint;
                return await s.Get<PolicyEditor>().SaveAsync(c.Code, edit.Version, edit.Form, "对抗测试修改政策", fingerprint);
            }));

    private static async Task UntilIdleAsync(HandlerWorld w, RolloverJobs jobs, CampaignRecord c)
    {
        var id = await w.App.ScalarAsync<long>("SELECT id FROM campaigns WHERE code = $1 AND tenant_id = $2", c.Code, c.TenantId);
        var until = DateTime.UtcNow.AddMinutes(2);
        while (jobs.Latest(c.TenantId, id) is { Busy: true })
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"The roll-over into {c.Code} did not finish in two minutes.");
            }
            await Task.Delay(100);
        }
    }

    // ----- small helpers -----

    private static async Task<object?> Box<T>(Task<T> task) => await task;

    /// <summary>An allowed answer's check: of type <typeparamref name="T"/> and satisfying <paramref name="ok"/>.</summary>
    private static Func<object?, Task<string?>> That<T>(Func<T, bool> ok) => answer => Task.FromResult<string?>(
        answer is T typed ? ok(typed) ? null : "not the answer this actor should get" : $"expected a {typeof(T).Name}");
}
