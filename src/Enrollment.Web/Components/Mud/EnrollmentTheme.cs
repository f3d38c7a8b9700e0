using MudBlazor;

namespace Enrollment.Web.Components.Mud;

/// <summary>
/// The bureau's look: medical-insurance blue with a teal accent, a Chinese font stack that exists on township
/// office PCs (Windows: Microsoft YaHei), on phones (iOS: PingFang SC; Android: Noto Sans CJK / Source Han Sans)
/// and on Linux, and a density fit for data entry (14 px body text, compact line heights).
/// </summary>
internal static class EnrollmentTheme
{
    public static readonly string[] FontStack =
        ["Microsoft YaHei", "PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC", "Source Han Sans SC", "Noto Sans SC", "WenQuanYi Micro Hei", "sans-serif"];

    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            // #0b4f9c on white and white on #0b4f9c both pass WCAG AA (7.9:1).
            Primary = "#0b4f9c",
            Secondary = "#00796b",
            Tertiary = "#5c6bc0",
            AppbarBackground = "#0b4f9c",
            AppbarText = "#ffffff",
            Background = "#f5f7fa",
            DrawerBackground = "#ffffff",
            DrawerText = "rgba(0,0,0,0.87)",
            Success = "#2e7d32",
            // Darker than Material amber so warning text on white and on the page background passes AA (5.4:1).
            Warning = "#995c00",
            Error = "#c62828",
            Info = "#0b4f9c",
            TextSecondary = "rgba(0,0,0,0.68)",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = FontStack, FontSize = "0.875rem", LineHeight = "1.5" },
            H1 = new H1Typography { FontFamily = FontStack, FontSize = "1.75rem", FontWeight = "500", LineHeight = "1.3" },
            H2 = new H2Typography { FontFamily = FontStack, FontSize = "1.5rem", FontWeight = "500", LineHeight = "1.3" },
            H3 = new H3Typography { FontFamily = FontStack, FontSize = "1.375rem", FontWeight = "500", LineHeight = "1.3" },
            H4 = new H4Typography { FontFamily = FontStack, FontSize = "1.25rem", FontWeight = "500", LineHeight = "1.35" },
            H5 = new H5Typography { FontFamily = FontStack, FontSize = "1.125rem", FontWeight = "500", LineHeight = "1.4" },
            H6 = new H6Typography { FontFamily = FontStack, FontSize = "1rem", FontWeight = "500", LineHeight = "1.4" },
            Body1 = new Body1Typography { FontFamily = FontStack, FontSize = "0.875rem", LineHeight = "1.5" },
            Body2 = new Body2Typography { FontFamily = FontStack, FontSize = "0.8125rem", LineHeight = "1.45" },
            Button = new ButtonTypography { FontFamily = FontStack, FontSize = "0.875rem", FontWeight = "500", TextTransform = "none" },
            Caption = new CaptionTypography { FontFamily = FontStack, FontSize = "0.75rem" },
            Subtitle1 = new Subtitle1Typography { FontFamily = FontStack, FontSize = "0.9375rem" },
            Subtitle2 = new Subtitle2Typography { FontFamily = FontStack, FontSize = "0.875rem", FontWeight = "500" },
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "4px", AppbarHeight = "56px", DrawerWidthLeft = "220px" },
    };
}
