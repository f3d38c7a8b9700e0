namespace Enrollment.Web.Features.Search;

/// <summary>What the search page says about the kind of search it ran.</summary>
internal static class SearchText
{
    public static string Of(SearchKind kind) => kind switch
    {
        SearchKind.CitizenId => "按身份证号码查找",
        SearchKind.NamePrefix => "按姓名查找（姓名以所输入的字开头）",
        SearchKind.PhoneOrHousehold => "按电话号码或户号查找",
        SearchKind.Household => "按户号查找",
    };

    public static string Capped => $"超过 {SearchQueries.Cap:N0} 人，只列出前 {SearchQueries.Cap:N0} 人，请输入更多字或按村、状态筛选。";
}
