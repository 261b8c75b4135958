using RiskService.Application;

namespace RiskService;

public static class RiskServiceExtensions
{
    public static WebApplicationBuilder AddRiskService(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<RiskRules>().Bind(builder.Configuration.GetSection("Risk"));
        builder.Services.AddSingleton<RiskEngine>();
        return builder;
    }
}
