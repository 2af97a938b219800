using LiveCross.Domain.Recommendations;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LiveCross.Server.Recommendations;

public static class RecommendationsModule
{
    /// <summary>
    /// The served model, its retrain job and the sources it reads. The sources default to empty in-memory ones, so the
    /// model answers with nothing until real sources are registered (before or after this call: these are TryAdd).
    /// </summary>
    public static WebApplicationBuilder AddRecommendations(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RecommendationsOptions>().BindConfiguration(RecommendationsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddSingleton<IInteractionSource>(_ => new InMemoryInteractionSource());
        builder.Services.TryAddSingleton<ICatalogueSource>(_ => new InMemoryCatalogueSource());
        builder.Services.AddSingleton(sp => new ServedRecommendations(RecommendationModel.Empty(sp.GetRequiredService<IOptions<RecommendationsOptions>>().Value.ToSettings())));
        builder.Services.AddSingleton<RecommendationRetrainer>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RecommendationRetrainer>());
        return builder;
    }
}
