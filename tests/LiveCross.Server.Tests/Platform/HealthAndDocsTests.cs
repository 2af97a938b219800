using LiveCross.Server.Tests.Support;
using LiveCross.Testing;

namespace LiveCross.Server.Tests.Platform;

/// <summary>What operators and API clients rely on before anything else: health checks and the OpenAPI document.</summary>
public abstract class HealthAndDocsTests(AppFixture fixture)
{
    private LiveCrossApp App => fixture.App;

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_check_answers_healthy(string path)
    {
        using var client = App.CreateClient();

        var response = await client.GetAsync(path, Api.Cancel);

        var body = await response.Content.ReadAsStringAsync(Api.Cancel);
        response.IsSuccessStatusCode.ShouldBeTrue(body);
        body.ShouldBe("Healthy");
    }

    [Fact]
    public async Task OpenApi_document_describes_the_catalog_api()
    {
        using var client = App.CreateClient();

        var document = await client.GetJsonAsync("/openapi/v1.json");

        document.GetProperty("openapi").GetString().ShouldStartWith("3.");
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        paths.ShouldContain("/api/v1/products");
        paths.ShouldContain("/api/v1/products/{id}");
        paths.ShouldContain("/api/v1/seller/products/import");
        document.GetProperty("paths").GetProperty("/api/v1/products").TryGetProperty("get", out _).ShouldBeTrue();
    }
}

public sealed class HealthAndDocsTestsOnSqlite(SqliteAppFixture fixture) : HealthAndDocsTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class HealthAndDocsTestsOnPostgres(PostgresAppFixture fixture) : HealthAndDocsTests(fixture), IClassFixture<PostgresAppFixture>;
