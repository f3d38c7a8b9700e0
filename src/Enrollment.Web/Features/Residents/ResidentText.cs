using Enrollment.Data.Entities;
using Enrollment.Domain.Residents;

namespace Enrollment.Web.Features.Residents;

/// <summary>Chinese labels for resident fields.</summary>
internal static class ResidentText
{
    public static string Of(Sex sex) => sex switch
    {
        Sex.Male => "男",
        Sex.Female => "女",
    };

    public static string Of(ResidentStatus status) => status switch
    {
        ResidentStatus.Active => "正常",
        ResidentStatus.Deceased => "死亡",
        ResidentStatus.MovedOut => "迁出",
        ResidentStatus.Cancelled => "户籍注销",
    };

    public static string Of(EnrollmentStatus status) => status switch
    {
        EnrollmentStatus.Registered => "已登记",
        EnrollmentStatus.Unconfirmed => "待确认缴费",
        EnrollmentStatus.Paid => "已缴费",
        EnrollmentStatus.GovernmentPaid => "政府代缴",
        EnrollmentStatus.Cancelled => "已取消",
    };

    /// <summary>与户主关系, for the resident page and the registration form alike.</summary>
    public static string Of(RelationToHead relation) => relation switch
    {
        RelationToHead.Self => "本人（户主）",
        RelationToHead.Spouse => "配偶",
        RelationToHead.Child => "子女",
        RelationToHead.Parent => "父母",
        RelationToHead.Grandchild => "孙子女",
        RelationToHead.Grandparent => "祖父母",
        RelationToHead.Sibling => "兄弟姐妹",
        RelationToHead.ChildInLaw => "儿媳 / 女婿",
        RelationToHead.Other => "其他",
    };
}
