using Enrollment.Domain.Policies;

namespace Enrollment.Web.Features.Campaigns.PolicyEdit;

/// <summary>One phase of the collection window (e.g. 征缴与录入 / 扫尾统计 / 公示验收), as text fields.</summary>
public sealed class PhaseEdit
{
    public string? Name { get; set; }

    public string? First { get; set; }

    public string? Last { get; set; }

    public static PhaseEdit From(PhaseDocument p) => new()
    {
        Name = p.Name, First = FormText.Of(p.FirstDayInclusive), Last = FormText.Of(p.LastDayInclusive),
    };

    internal PhaseDocument ToDocument(FormReader read, string path) => new()
    {
        Name = read.Text(Name, $"{path}.name", "阶段名称", PolicyEditForm.NameLength) ?? "",
        FirstDayInclusive = read.Date(First, $"{path}.firstDayInclusive", "阶段开始日", required: true),
        LastDayInclusive = read.Date(Last, $"{path}.lastDayInclusive", "阶段结束日", required: true),
    };
}
