using Bunit;
using MudBlazor.Services;
using Enrollment.Web.Components.Layout;
using Enrollment.Web.Features.Accounts;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Enrollment.Web.Tests.Shell;

/// <summary>An action that fails in the circuit shows a Chinese explanation and 重试, instead of killing the page.</summary>
public sealed class PageErrorBoundaryTests : IAsyncDisposable
{
    private readonly BunitContext context = new();

    public PageErrorBoundaryTests()
    {
        context.Services.AddLogging();
        context.Services.AddMudServices();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
    }

    public static TheoryData<string, string> Failures => new()
    {
        { "database", "数据库暂时无法连接" },
        { "refused", "您的账号没有执行此操作的权限" },
        { "bug", "请把错误编号" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void A_failing_action_is_explained_and_can_be_retried(string failure, string message)
    {
        Failing.Next = failure;
        var page = context.Render<PageErrorBoundary>(p => p.AddChildContent<Failing>());

        page.Find("[data-testid=page-error]").TextContent.ShouldContain(message);
        page.Markup.ShouldNotContain("Exception");

        Failing.Next = null;
        page.InvokeAsync(() => page.Find("button").Click());
        page.WaitForAssertion(() => page.Find("[data-testid=worked]"));
    }

    public ValueTask DisposeAsync() => context.DisposeAsync();

    /// <summary>A page whose loading fails the way <see cref="Next"/> says (null: it works).</summary>
    private sealed class Failing : ComponentBase
    {
        public static string? Next { get; set; }

        protected override void OnInitialized()
        {
            switch (Next)
            {
                case "database":
                    throw new NpgsqlException("Failed to connect", new System.Net.Sockets.SocketException(111));
                case "refused":
                    throw new OperationRefusedException(Operation.ManageCampaigns);
                case "bug":
                    throw new InvalidOperationException("a bug");
            }
        }

        protected override void BuildRenderTree(Microsoft.AspNetCore.Components.Rendering.RenderTreeBuilder builder)
        {
            builder.OpenElement(0, "p");
            builder.AddAttribute(1, "data-testid", "worked");
            builder.CloseElement();
        }
    }
}
