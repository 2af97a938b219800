using System.Security.Cryptography;
using System.Text;
using LiveCross.Domain.Payments;

namespace LiveCross.Domain.Tests.Payments;

public sealed class WebhookSignatureTests
{
    private const string Secret = "sbxsec_0123456789abcdef";
    private const string Body = """{"id":"evt_1","type":"payment.succeeded"}""";
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    [Fact]
    public void Header_carries_the_timestamp_and_the_hmac_sha256_of_timestamp_dot_body()
    {
        var header = WebhookSignature.CreateHeader(Secret, Now, Body);

        var t = Now.ToUnixTimeSeconds();
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes($"{t}.{Body}")));
        header.ShouldBe($"t={t},v1={expected}");
    }

    [Fact]
    public void A_signature_made_with_the_secret_verifies() =>
        WebhookSignature.Verify(WebhookSignature.CreateHeader(Secret, Now, Body), Body, Secret, Now.AddSeconds(30), Tolerance).ShouldBe(SignatureCheck.Valid);

    [Fact]
    public void A_changed_body_does_not_verify() =>
        WebhookSignature.Verify(WebhookSignature.CreateHeader(Secret, Now, Body), Body.Replace("succeeded", "failed", StringComparison.Ordinal), Secret, Now, Tolerance).ShouldBe(SignatureCheck.Mismatch);

    [Fact]
    public void Another_secret_does_not_verify() =>
        WebhookSignature.Verify(WebhookSignature.CreateHeader("sbxsec_other", Now, Body), Body, Secret, Now, Tolerance).ShouldBe(SignatureCheck.Mismatch);

    [Fact]
    public void A_signature_older_than_the_tolerance_is_stale_even_when_correct() =>
        WebhookSignature.Verify(WebhookSignature.CreateHeader(Secret, Now, Body), Body, Secret, Now.AddMinutes(5).AddSeconds(1), Tolerance).ShouldBe(SignatureCheck.Stale);

    [Fact]
    public void A_signature_from_the_future_beyond_the_tolerance_is_stale() =>
        WebhookSignature.Verify(WebhookSignature.CreateHeader(Secret, Now.AddMinutes(10), Body), Body, Secret, Now, Tolerance).ShouldBe(SignatureCheck.Stale);

    [Fact]
    public void A_signature_at_the_edge_of_the_tolerance_verifies() =>
        WebhookSignature.Verify(WebhookSignature.CreateHeader(Secret, Now, Body), Body, Secret, Now.AddMinutes(5), Tolerance).ShouldBe(SignatureCheck.Valid);

    [Fact]
    public void A_retimed_header_with_the_old_signature_does_not_verify()
    {
        var original = WebhookSignature.CreateHeader(Secret, Now.AddHours(-1), Body);
        var retimed = $"t={Now.ToUnixTimeSeconds()},{original.Split(',')[1]}";

        WebhookSignature.Verify(retimed, Body, Secret, Now, Tolerance).ShouldBe(SignatureCheck.Mismatch);
    }

    [Fact]
    public void One_matching_signature_among_several_verifies_so_secrets_can_be_rolled()
    {
        var header = WebhookSignature.CreateHeader(Secret, Now, Body);
        var withOld = $"{header},v1={new string('0', 64)}";

        WebhookSignature.Verify(withOld, Body, Secret, Now, Tolerance).ShouldBe(SignatureCheck.Valid);
    }

    [Theory]
    [InlineData(null, SignatureCheck.Missing)]
    [InlineData("", SignatureCheck.Missing)]
    [InlineData("v1=abc", SignatureCheck.Malformed)]
    [InlineData("t=1764064800", SignatureCheck.Malformed)]
    [InlineData("t=soon,v1=abc", SignatureCheck.Malformed)]
    [InlineData("t=-5,v1=abc", SignatureCheck.Malformed)]
    [InlineData("t=99999999999999,v1=abc", SignatureCheck.Stale)]
    public void Missing_or_malformed_headers_are_refused(string? header, SignatureCheck expected) =>
        WebhookSignature.Verify(header, Body, Secret, Now, Tolerance).ShouldBe(expected);
}
