namespace Enrollment.Web.Features.Residents;

/// <summary>Chinese words of the resident edit and its conflicts.</summary>
internal static class ResidentEditText
{
    public const string Stale = "该人员信息刚被他人修改，请刷新后重试。";

    public const string Conflict = "保存前，该人员信息已被他人修改。您填写的内容仍保留在表单中；请核对下列差异，确认后再次保存即以您的填写为准。";

    public static string Label(string field) => field switch
    {
        nameof(ResidentEditForm.Name) => "姓名",
        nameof(ResidentEditForm.Phone) => "联系电话",
        nameof(ResidentEditForm.HukouType) => "户籍类型",
        nameof(ResidentEditForm.Address) => "家庭住址",
        _ => field,
    };
}
