namespace Enrollment.Data.Imports;

/// <summary>A column of the residents file: its Chinese name, the other names it goes by, and whether it must be there.</summary>
public sealed record ImportColumn(string Name, bool Required, params string[] Synonyms)
{
    public bool Matches(string header) =>
        header == ImportText.Header(Name) || Synonyms.Any(s => header == ImportText.Header(s));
}

/// <summary>The columns of a population file from the household register (户籍人口), in the report's order.</summary>
public static class ResidentColumns
{
    public static readonly ImportColumn Township = new("乡镇（街道）", true, "乡镇", "镇街", "所属乡镇", "乡镇(街道)", "镇（街道）");
    public static readonly ImportColumn Village = new("村（社区）", true, "村居", "村委会", "社区", "所属村居", "村(社区)", "村（居）");
    public static readonly ImportColumn HouseholdNumber = new("户号", true, "户编号");
    public static readonly ImportColumn Name = new("姓名", true);
    public static readonly ImportColumn CitizenId = new("公民身份号码", true, "身份证号码", "身份证号", "证件号码");
    public static readonly ImportColumn Relation = new("与户主关系", true, "关系");
    public static readonly ImportColumn Phone = new("联系电话", false, "电话", "手机号码", "手机号");
    public static readonly ImportColumn Address = new("住址", false, "地址");
    public static readonly ImportColumn InsuredLastYear = new("上年度是否参保", false, "上年参保");
    public static readonly ImportColumn HukouType = new("户籍性质", false);

    public static readonly IReadOnlyList<ImportColumn> All =
        [Township, Village, HouseholdNumber, Name, CitizenId, Relation, Phone, Address, InsuredLastYear, HukouType];
}

/// <summary>Where each known column sits in the file (−1 when absent), found in the header row.</summary>
public sealed class ColumnMap
{
    private readonly Dictionary<ImportColumn, int> _index;

    private ColumnMap(Dictionary<ImportColumn, int> index, int headerRow, IReadOnlyList<string> headers)
    {
        _index = index;
        HeaderRow = headerRow;
        Headers = headers;
    }

    /// <summary>The file's row number of the header (1 when it is the first row).</summary>
    public int HeaderRow { get; }

    /// <summary>The header row's cells as written (for the report's own columns).</summary>
    public IReadOnlyList<string> Headers { get; }

    public bool Has(ImportColumn column) => _index.ContainsKey(column);

    /// <summary>The cell of <paramref name="column"/> in <paramref name="cells"/>, cleaned; null when absent or blank.</summary>
    public string? Cell(string?[] cells, ImportColumn column) =>
        _index.TryGetValue(column, out var i) && i < cells.Length ? ImportText.Clean(cells[i]) : null;

    /// <summary>The raw cell, for checks that need what copying left in it.</summary>
    public string? Raw(string?[] cells, ImportColumn column) =>
        _index.TryGetValue(column, out var i) && i < cells.Length ? cells[i] : null;

    /// <summary>How many rows from the top a header may be preceded by a title, a date line, blank rows.</summary>
    public const int HeaderSearchRows = 10;

    /// <summary>
    /// Finds the header: of the first <see cref="HeaderSearchRows"/> rows, the one naming the most required columns.
    /// Null with a Chinese refusal when no row names any, or the best one lacks required columns (named).
    /// </summary>
    public static ColumnMap? Find(IReadOnlyList<SheetRow> rows, IReadOnlyList<ImportColumn> columns, out string? refusal)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(columns);
        (SheetRow Row, Dictionary<ImportColumn, int> Index)? best = null;
        foreach (var row in rows.Take(HeaderSearchRows))
        {
            var index = new Dictionary<ImportColumn, int>();
            for (var i = 0; i < row.Cells.Length; i++)
            {
                var header = ImportText.Header(row.Cells[i]);
                if (header.Length > 0 && columns.FirstOrDefault(c => c.Matches(header)) is { } column)
                {
                    index.TryAdd(column, i);
                }
            }
            if (best is null || Required(index) > Required(best.Value.Index))
            {
                best = (row, index);
            }
        }
        if (best is not { } found || Required(found.Index) == 0)
        {
            refusal = $"在文件前 {HeaderSearchRows} 行中没有找到表头行（应含有“{string.Join("”“", columns.Where(c => c.Required).Select(c => c.Name))}”等列名）。";
            return null;
        }
        var missing = columns.Where(c => c.Required && !found.Index.ContainsKey(c)).Select(c => c.Name).ToList();
        if (missing.Count > 0)
        {
            refusal = $"文件缺少必需的列：{string.Join("、", missing)}（表头在第 {found.Row.Number} 行）。整个文件未导入。";
            return null;
        }
        refusal = null;
        return new ColumnMap(found.Index, found.Row.Number, [.. found.Row.Cells.Select(c => c?.Trim() ?? "")]);
    }

    private static int Required(Dictionary<ImportColumn, int> index) => index.Keys.Count(c => c.Required);
}
