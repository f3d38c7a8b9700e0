using Enrollment.Data.Entities;
using Enrollment.Domain.Residents;

namespace Enrollment.Data.Imports;

/// <summary>A row that passed the checks of the row itself: its values in the form they would be stored.</summary>
public sealed record ParsedResident(
    int Row, string Township, string Village, string HouseholdNumber, string Name, CitizenId Id, RelationToHead Relation,
    string? Phone, string? Address, EnrollmentHistory History, bool HistoryGiven, string HukouType)
{
    public bool IsHead => Relation == RelationToHead.Self;
}

/// <summary>
/// The checks a row needs no database for: required values, the ID number (the domain's parser; a number Excel
/// stored as a number has lost digits and is told so), the relation, the last year's enrollment, the hukou type, the
/// phone. Returns a parsed row or a rejection (code and Chinese message).
/// </summary>
public static class ResidentRowParser
{
    public const int MaxName = 50;
    public const int MaxAddress = 200;
    public const int MaxHouseholdNumber = 40;

    public static (ParsedResident? Row, string? Code, string? Message) Parse(
        SheetRow row, ColumnMap map, DateOnly today, IReadOnlyDictionary<string, string> hukouTypes)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(hukouTypes);
        var c = row.Cells;
        var missing = new[] { ResidentColumns.Township, ResidentColumns.Village, ResidentColumns.HouseholdNumber, ResidentColumns.Name,
                ResidentColumns.CitizenId, ResidentColumns.Relation }
            .Where(col => map.Cell(c, col) is null).Select(col => col.Name).ToList();
        if (missing.Count > 0)
        {
            var idMissing = missing.Contains(ResidentColumns.CitizenId.Name);
            return Reject(idMissing && missing.Count == 1 ? ImportCodes.InvalidIdNumber : ImportCodes.MissingValue,
                $"未填写：{string.Join("、", missing)}。");
        }

        if (!ImportIdNumber.TryRead(map.Raw(c, ResidentColumns.CitizenId)!, today, out var id, out var idProblem))
        {
            return Reject(ImportCodes.InvalidIdNumber, idProblem!);
        }

        var name = map.Cell(c, ResidentColumns.Name)!;
        if (name.Length > MaxName || !PersonName.IsWellFormed(name))
        {
            return Reject(ImportCodes.InvalidValue, name.Length > MaxName
                ? $"姓名不能超过 {MaxName} 个字符。"
                : "姓名只能由文字组成（少数民族姓名可用间隔号“·”），不能含数字、符号或不可见字符。");
        }
        var householdNumber = map.Cell(c, ResidentColumns.HouseholdNumber)!;
        if (householdNumber.Length > MaxHouseholdNumber || householdNumber.Any(char.IsControl))
        {
            return Reject(ImportCodes.InvalidValue, $"户号“{householdNumber}”不是有效的户号。");
        }
        if (RelationText.Parse(map.Cell(c, ResidentColumns.Relation)!) is not { } relation)
        {
            return Reject(ImportCodes.InvalidValue,
                $"与户主关系“{map.Cell(c, ResidentColumns.Relation)}”无法识别（可填：户主、配偶、子、女、父亲、母亲、孙子、孙女、祖父、祖母、兄弟姐妹、儿媳、女婿、其他等）。");
        }

        var insured = map.Cell(c, ResidentColumns.InsuredLastYear);
        EnrollmentHistory history;
        switch (insured)
        {
            case null: history = EnrollmentHistory.Continuing; break;
            case "是" or "已参保" or "参保" or "Y" or "y" or "1": history = EnrollmentHistory.Continuing; break;
            case "否" or "未参保" or "N" or "n" or "0": history = EnrollmentHistory.FirstTime; break;
            default: return Reject(ImportCodes.InvalidValue, $"上年度是否参保“{insured}”无法识别，请填“是”或“否”。");
        }

        var hukouText = map.Cell(c, ResidentColumns.HukouType);
        var hukou = "local";
        if (hukouText is not null && !hukouTypes.TryGetValue(hukouText, out hukou!))
        {
            return Reject(ImportCodes.InvalidValue, $"户籍性质“{hukouText}”无法识别（可填：本地户籍、学生、居住证、随迁子女）。");
        }

        if (!PhoneNumber.TryNormalize(map.Cell(c, ResidentColumns.Phone), out var phoneNormal, out var phoneReason))
        {
            return Reject(ImportCodes.InvalidValue, $"联系电话有误：{phoneReason}");
        }
        var address = map.Cell(c, ResidentColumns.Address);
        if (address is { Length: > MaxAddress })
        {
            return Reject(ImportCodes.InvalidValue, $"住址不能超过 {MaxAddress} 个字符。");
        }

        return (new ParsedResident(row.Number, map.Cell(c, ResidentColumns.Township)!, map.Cell(c, ResidentColumns.Village)!,
            householdNumber, name, id, relation, phoneNormal, address, history, insured is not null, hukou), null, null);

        static (ParsedResident?, string?, string?) Reject(string code, string message) => (null, code, message);
    }
}
