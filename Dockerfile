# RiskFlags server: build with the SDK, run on the ASP.NET runtime as the image's non-root user.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/ src/
RUN dotnet publish src/RiskFlags.Server/RiskFlags.Server.csproj -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
COPY models/ models/
COPY rules/ rules/
# The embedded SQLite store lives in /app/data; mount a volume there to keep it, or set
# ConnectionStrings__RiskFlags to a PostgreSQL connection string.
RUN mkdir -p /app/data && chown app:app /app/data
USER app
# Production: no demo data ever, an empty store stays empty until the council's data are imported,
# keys of at least 24 characters from a secret store (RiskFlags__ApiKeys__0__Key, __Caller, __Role),
# and no plain HTTP beyond loopback. Either give the endpoints https:// URLs and a certificate
# (Kestrel__Endpoints__Http__Certificate__Path, __Password), or, when TLS is ended by the ingress or
# proxy in front of the container, set RiskFlags__AllowPlainHttp=true.
ENV ASPNETCORE_ENVIRONMENT=Production \
    RiskFlags__Root=/app \
    Kestrel__Endpoints__Grpc__Url=http://0.0.0.0:5081 \
    Kestrel__Endpoints__Http__Url=http://0.0.0.0:5080
EXPOSE 5080 5081
ENTRYPOINT ["dotnet", "RiskFlags.Server.dll"]
