using MudBlazor;

namespace Enrollment.Web.Components.Grids;

/// <summary>
/// What a server-side grid asks for, independent of MudBlazor: a page, its size and at most one sort. Handlers take
/// this (their tests build it by hand); <see cref="From{T}"/> reads it off a <see cref="GridState{T}"/>.
/// </summary>
public sealed record GridRequest(int Page, int PageSize, string? SortBy = null, bool Descending = false)
{
    /// <summary>The largest page a grid may ask for: a tampered request cannot make the server read a county.</summary>
    public const int MaxPageSize = 200;

    /// <summary>Rows before the page (a page number past any table's end asks for nothing, not for an overflow).</summary>
    public int Skip => (int)Math.Min((long)Math.Max(0, Page) * Size, int.MaxValue);

    public int Size => Math.Clamp(PageSize, 1, MaxPageSize);

    public static GridRequest From<T>(GridState<T> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var sort = state.SortDefinitions.OrderBy(s => s.Index).FirstOrDefault();
        return new GridRequest(state.Page, state.PageSize, sort?.SortBy, sort?.Descending ?? false);
    }
}

/// <summary>A page of rows and how many there are in all: what a grid shows and what its pager counts.</summary>
public sealed record GridPage<T>(IReadOnlyList<T> Items, int Total)
{
    public GridData<T> ToGridData() => new() { Items = Items, TotalItems = Total };
}
