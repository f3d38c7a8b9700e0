using Enrollment.Data.Entities;
using Enrollment.Data.Registry;
using Enrollment.Domain.Residents;
using Microsoft.EntityFrameworkCore;

namespace Enrollment.Data.Imports;

/// <summary>
/// The first pass of a residents import: reads the file, finds the header, and gives every data row a verdict —
/// the row's own checks (<see cref="ResidentRowParser"/>), duplicates within the file, the place, where the number is
/// already registered (this village, elsewhere in the county, another county through the hash registry), and the
/// household. Reads only; nothing is stored.
/// </summary>
public static class ResidentImportCheck
{
    public static async Task<ResidentImportPreview> CheckAsync(
        EnrollmentDbContext db, CitizenIdHasher hasher, Stream file, ResidentImportOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(hasher);
        ArgumentNullException.ThrowIfNull(options);
        // The file is read on a worker while the county's hukou types and places load: the read is the longest step.
        var reading = Task.Run(() => SpreadsheetReader.Read(file), ct);
        var hukouTypes = await HukouNamesAsync(db, ct);
        var places = await ImportPlaces.LoadAsync(db, ct);
        var sheet = await reading;
        var (map, data, notice, refusal) = SheetData.Of(sheet, ResidentColumns.All);
        if (map is null)
        {
            return ResidentImportPreview.Refused(refusal!);
        }

        var verdicts = new Dictionary<int, ImportRowResult>();
        var parsed = new List<(SheetRow Sheet, ParsedResident Row)>();
        // Each row's own checks need nothing but the row: on every core, in the file's order.
        var outcomes = new (ParsedResident? Row, string? Code, string? Message)[data.Count];
        Parallel.For(0, data.Count, new ParallelOptions { CancellationToken = ct },
            i => outcomes[i] = ResidentRowParser.Parse(data[i], map, options.Today, hukouTypes));
        for (var i = 0; i < data.Count; i++)
        {
            var row = data[i];
            var (resident, code, message) = outcomes[i];
            if (resident is null)
            {
                verdicts[row.Number] = new ImportRowResult(row.Number, ImportVerdict.Rejected, code, message, row.Cells);
            }
            else
            {
                parsed.Add((row, resident));
            }
        }

        var candidates = RejectDuplicates(parsed, verdicts);
        var placed = new List<(SheetRow Sheet, ParsedResident Row, ImportVillage Village)>();
        foreach (var (sheetRow, row) in candidates)
        {
            var (village, code, message) = places.Find(row.Township, row.Village);
            if (village is null)
            {
                verdicts[row.Row] = new ImportRowResult(row.Row, ImportVerdict.Rejected, code, message, sheetRow.Cells);
            }
            else
            {
                placed.Add((sheetRow, row, village));
            }
        }

        var fresh = await CheckRegisteredAsync(db, hasher, places, options, placed, verdicts, ct);
        var store = await CheckHouseholdsAsync(db, fresh, verdicts, ct);
        var region = await db.Tenants.Where(t => t.Id == db.Tenant.TenantId).Select(t => t.RegionCode).SingleOrDefaultAsync(ct);
        var cells = data.ToDictionary(r => r.Number, r => r.Cells);
        foreach (var s in store)
        {
            verdicts[s.Row.Row] = new ImportRowResult(s.Row.Row, ImportVerdict.Accepted, null, Warnings(s.Row, region), cells[s.Row.Row]);
        }
        var results = data.Select(r => verdicts[r.Number]).ToList();
        return new ResidentImportPreview(results, store, map.Headers, notice, null);
    }

    private static string? Warnings(ParsedResident row, string? countyRegionCode)
    {
        var parts = new List<string>();
        if (RegionNotice.OutsideCounty(row.Id, countyRegionCode) is { } region)
        {
            parts.Add(region);
        }
        if (!row.HistoryGiven)
        {
            parts.Add("未填写上年度是否参保，按上年度已参保（连续参保）处理。");
        }
        return parts.Count == 0 ? null : string.Join("", parts);
    }

    /// <summary>
    /// Rows with the same number: identical ones keep the first (the rest rejected); if any differ, all are rejected,
    /// since the file does not say which is right.
    /// </summary>
    private static List<(SheetRow, ParsedResident)> RejectDuplicates(
        List<(SheetRow Sheet, ParsedResident Row)> parsed, Dictionary<int, ImportRowResult> verdicts)
    {
        var kept = new List<(SheetRow, ParsedResident)>();
        foreach (var group in parsed.GroupBy(p => p.Row.Id.ToString()))
        {
            var rows = group.ToList();
            if (rows.Count == 1)
            {
                kept.Add(rows[0]);
                continue;
            }
            var numbers = string.Join("、", rows.Select(r => r.Row.Row));
            var identical = rows.All(r => SameCells(r.Sheet.Cells, rows[0].Sheet.Cells));
            foreach (var (sheet, row) in identical ? rows.Skip(1) : rows)
            {
                verdicts[row.Row] = new ImportRowResult(row.Row, ImportVerdict.Rejected, ImportCodes.DuplicateInFile, identical
                    ? $"与第 {rows[0].Row.Row} 行完全相同，只导入第 {rows[0].Row.Row} 行。"
                    : $"公民身份号码在文件中出现多次（第 {numbers} 行）且内容不一致，这些行都未导入，请核对后只保留一行。", sheet.Cells);
            }
            if (identical)
            {
                kept.Add(rows[0]);
            }
        }
        return [.. kept.OrderBy(k => k.Item2.Row)];
    }

    private static bool SameCells(string?[] a, string?[] b) =>
        Enumerable.Range(0, Math.Max(a.Length, b.Length))
            .All(i => ImportText.Clean(i < a.Length ? a[i] : null) == ImportText.Clean(i < b.Length ? b[i] : null));

    private sealed record Registered(string CitizenId, string Name, long VillageId, string VillagePath, string? HouseholdNumber);

    /// <summary>
    /// Where each number is already registered. In this village with the same name and household: unchanged; with
    /// another: differs_from_registry; in another village of the county: registered_elsewhere (the township only);
    /// in another county: insured_in_other_county (nothing else). Returns the rows registered nowhere.
    /// </summary>
    private static async Task<List<(SheetRow Sheet, ParsedResident Row, ImportVillage Village, byte[] Hash)>> CheckRegisteredAsync(
        EnrollmentDbContext db, CitizenIdHasher hasher, ImportPlaces places, ResidentImportOptions options,
        List<(SheetRow Sheet, ParsedResident Row, ImportVillage Village)> placed, Dictionary<int, ImportRowResult> verdicts, CancellationToken ct)
    {
        var numbers = placed.Select(p => p.Row.Id.ToString()).ToList();
        var registered = numbers.Count == 0 ? [] : await db.Residents.IgnoreQueryFilters([QueryFilters.Jurisdiction]).AsNoTracking()
            .Where(r => numbers.Contains(r.CitizenId))
            .Select(r => new Registered(r.CitizenId, r.Name, r.VillageId, r.Village!.Path, r.Household!.HouseholdNumber))
            .ToDictionaryAsync(r => r.CitizenId, ct);

        // HMAC per number: on every core, in order.
        var unregistered = placed.Where(p => !registered.ContainsKey(p.Row.Id.ToString())).AsParallel().AsOrdered()
            .WithCancellation(ct).Select(p => (p.Sheet, p.Row, p.Village, Hash: hasher.Hash(p.Row.Id.ToString()))).ToList();
        var hashes = unregistered.Select(u => u.Hash).ToList();
        var current = db.Tenant.TenantId;
        var elsewhere = hashes.Count == 0 ? [] : (await db.IdHashes.AsNoTracking()
            .Where(h => hashes.Contains(h.IdHash) && h.TenantId != current && h.ReleasedAt == null)
            .Select(h => h.IdHash).ToListAsync(ct)).Select(Convert.ToBase64String).ToHashSet();

        foreach (var (sheet, row, village) in placed)
        {
            if (!registered.TryGetValue(row.Id.ToString(), out var found))
            {
                continue;
            }
            verdicts[row.Row] = found.VillageId == village.Id
                ? Compare(sheet, row, found)
                : new ImportRowResult(row.Row, ImportVerdict.Rejected, ImportCodes.RegisteredElsewhere,
                    RegisteredElsewhereText.Message(options.NameTownships ? places.TownshipOf(found.VillagePath)?.Name : null,
                        ownTownship: !options.NameTownships && places.InScope(found.VillagePath)) + "如该人员已迁入本村，请办理转移。", sheet.Cells);
        }
        var fresh = new List<(SheetRow, ParsedResident, ImportVillage, byte[])>();
        foreach (var u in unregistered)
        {
            if (elsewhere.Contains(Convert.ToBase64String(u.Hash)))
            {
                verdicts[u.Row.Row] = new ImportRowResult(u.Row.Row, ImportVerdict.Rejected, ImportCodes.InsuredInOtherCounty,
                    DuplicateRegistrationException.Refusal, u.Sheet.Cells);
            }
            else
            {
                fresh.Add(u);
            }
        }
        return fresh;
    }

    private static ImportRowResult Compare(SheetRow sheet, ParsedResident row, Registered found)
    {
        var differences = new List<string>();
        if (ImportText.Clean(found.Name) != row.Name)
        {
            differences.Add($"姓名：系统中为“{found.Name}”，文件中为“{row.Name}”");
        }
        if (found.HouseholdNumber != row.HouseholdNumber)
        {
            differences.Add($"户号：系统中为“{found.HouseholdNumber ?? "（无）"}”，文件中为“{row.HouseholdNumber}”");
        }
        return differences.Count == 0
            ? new ImportRowResult(row.Row, ImportVerdict.Unchanged, null, "已在本村登记，信息一致，无需导入。", sheet.Cells)
            : new ImportRowResult(row.Row, ImportVerdict.Rejected, ImportCodes.DiffersFromRegistry,
                $"该人员已在本村登记，但与文件不一致：{string.Join("；", differences)}。如需修改，请在家庭户页面办理。", sheet.Cells);
    }

    private sealed record ExistingHousehold(long Id, string Number, long VillageId, bool HasHead);

    /// <summary>
    /// The households of the new rows: a number used by another village, two heads (in the file, or a head row for a
    /// household that has one), a new household without a head row, or one whose head row was rejected: all its
    /// new rows are rejected (household_conflict), so no one is stored into a household that is not right.
    /// </summary>
    private static async Task<List<ResidentToStore>> CheckHouseholdsAsync(
        EnrollmentDbContext db, List<(SheetRow Sheet, ParsedResident Row, ImportVillage Village, byte[] Hash)> fresh,
        Dictionary<int, ImportRowResult> verdicts, CancellationToken ct)
    {
        var numbers = fresh.Select(f => f.Row.HouseholdNumber).Distinct().ToList();
        var existing = numbers.Count == 0 ? [] : await db.Households.IgnoreQueryFilters([QueryFilters.Jurisdiction]).AsNoTracking()
            .Where(h => h.HouseholdNumber != null && numbers.Contains(h.HouseholdNumber))
            .Select(h => new ExistingHousehold(h.Id, h.HouseholdNumber!, h.VillageId, h.HeadResidentId != null))
            .ToDictionaryAsync(h => h.Number, ct);

        var store = new List<ResidentToStore>();
        foreach (var household in fresh.GroupBy(f => f.Row.HouseholdNumber))
        {
            var rows = household.ToList();
            var number = household.Key;
            existing.TryGetValue(number, out var known);
            var heads = rows.Count(r => r.Row.IsHead);
            string? conflict =
                rows.Select(r => r.Village.Id).Distinct().Count() > 1 ? $"户号“{number}”在文件中属于不同的村（社区）。"
                : known is not null && known.VillageId != rows[0].Village.Id ? $"户号“{number}”已被本县其他村（社区）的家庭户使用。"
                : heads > 1 ? $"户号“{number}”在文件中有 {heads} 个户主。"
                : known is { HasHead: true } && heads == 1 ? $"户号“{number}”的家庭户已有户主，文件中又填了一个户主。"
                : known is null && heads == 0 ? $"户号“{number}”是新的家庭户，但文件中没有可导入的户主行（与户主关系为“户主”）。"
                : null;
            if (conflict is null)
            {
                store.AddRange(rows.Select(r => new ResidentToStore(r.Row, r.Village.Id, known?.Id, r.Hash)));
                continue;
            }
            foreach (var (sheet, row, _, _) in rows)
            {
                verdicts[row.Row] = new ImportRowResult(row.Row, ImportVerdict.Rejected, ImportCodes.HouseholdConflict, conflict + "该户的新增人员都未导入。", sheet.Cells);
            }
        }
        return [.. store.OrderBy(s => s.Row.Row)];
    }

    /// <summary>户籍性质 by the hukou type's name, its code, and the short names people write.</summary>
    private static async Task<Dictionary<string, string>> HukouNamesAsync(EnrollmentDbContext db, CancellationToken ct)
    {
        var names = new Dictionary<string, string>
        {
            ["本地"] = "local", ["本地户籍"] = "local", ["本地户口"] = "local", ["本县户籍"] = "local",
            ["学生"] = "student", ["在校学生"] = "student", ["居住证"] = "residence_permit", ["持居住证"] = "residence_permit",
            ["随迁子女"] = "accompanying_child",
        };
        foreach (var type in await db.HukouTypes.AsNoTracking().ToListAsync(ct))
        {
            names.TryAdd(ImportText.Clean(type.Name) ?? type.Code, type.Code);
            names.TryAdd(type.Code, type.Code);
        }
        return names;
    }
}
