using Microsoft.Extensions.DependencyInjection;

namespace RiskFlags.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>Registers the store for <paramref name="connection"/>: its provider's context, resolvable as <see cref="RiskFlagsDbContext"/>.</summary>
    public static IServiceCollection AddRiskFlagsData(this IServiceCollection services, StoreConnection connection)
    {
        services.AddSingleton(connection);
        if (connection.Provider is StoreProvider.Postgres)
        {
            services.AddDbContextPool<PostgresRiskFlagsDbContext>(connection.Configure);
            services.AddScoped<RiskFlagsDbContext>(sp => sp.GetRequiredService<PostgresRiskFlagsDbContext>());
        }
        else
        {
            services.AddDbContextPool<SqliteRiskFlagsDbContext>(connection.Configure);
            services.AddScoped<RiskFlagsDbContext>(sp => sp.GetRequiredService<SqliteRiskFlagsDbContext>());
        }

        return services;
    }
}
