using System.Globalization;
using System.Security;

namespace LiveCross.Server.Platform.DemoData;

/// <summary>Product pictures drawn as SVG for the demo catalog, so a fresh start needs no downloads.</summary>
public static class DemoImages
{
    public static string ProductSvg(string title, string category, int hue, string glyph)
    {
        var h = ((hue % 360) + 360) % 360;
        var h2 = (h + 40) % 360;
        var label = SecurityElement.Escape(category.Split('/').Last().Replace('-', ' ').ToUpperInvariant());
        var caption = SecurityElement.Escape(title.Length > 34 ? title[..33] + "…" : title);
        var mark = SecurityElement.Escape(glyph);
        return string.Create(CultureInfo.InvariantCulture, $"""
            <svg xmlns="http://www.w3.org/2000/svg" width="800" height="800" viewBox="0 0 800 800" role="img" aria-label="{caption}">
              <defs>
                <linearGradient id="bg" x1="0" y1="0" x2="1" y2="1">
                  <stop offset="0" stop-color="hsl({h},70%,92%)"/>
                  <stop offset="1" stop-color="hsl({h2},65%,78%)"/>
                </linearGradient>
                <radialGradient id="glow" cx="0.5" cy="0.42" r="0.5">
                  <stop offset="0" stop-color="#ffffff" stop-opacity="0.9"/>
                  <stop offset="1" stop-color="#ffffff" stop-opacity="0"/>
                </radialGradient>
              </defs>
              <rect width="800" height="800" fill="url(#bg)"/>
              <circle cx="400" cy="340" r="260" fill="url(#glow)"/>
              <ellipse cx="400" cy="560" rx="190" ry="26" fill="hsl({h},40%,40%)" opacity="0.18"/>
              <rect x="250" y="170" width="300" height="330" rx="48" fill="hsl({h},55%,45%)"/>
              <rect x="272" y="192" width="256" height="286" rx="36" fill="hsl({h},60%,58%)"/>
              <text x="400" y="395" font-family="Noto Sans, Noto Sans CJK SC, sans-serif" font-size="150" font-weight="700" fill="#ffffff" text-anchor="middle">{mark}</text>
              <text x="400" y="650" font-family="Noto Sans, Noto Sans CJK SC, sans-serif" font-size="40" font-weight="600" fill="hsl({h},45%,22%)" text-anchor="middle">{caption}</text>
              <text x="400" y="705" font-family="Noto Sans, sans-serif" font-size="26" letter-spacing="6" fill="hsl({h},35%,35%)" text-anchor="middle">{label}</text>
            </svg>
            """);
    }
}
