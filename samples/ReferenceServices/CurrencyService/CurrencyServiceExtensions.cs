using CurrencyService.Application;

namespace CurrencyService;

public static class CurrencyServiceExtensions
{
    public static WebApplicationBuilder AddCurrencyService(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        TimeSpan maxAge = builder.Configuration.GetValue("Currency:MaxRateAge", TimeSpan.FromHours(24));
        builder.Services.AddSingleton(sp => new RateTable(sp.GetRequiredService<TimeProvider>(), maxAge));
        return builder;
    }
}
