using System.Collections.Frozen;
using Microsoft.Extensions.Localization;

namespace LiveCross.Server.Payments;

/// <summary>
/// How a payment method code of the market files is shown. Brand names stay as their owners write them in
/// every language; generic kinds (card, convenience store) are translated (resource "PaymentMethod.{code}").
/// </summary>
public static class PaymentMethodNames
{
    private static readonly FrozenDictionary<string, string> Brands = new Dictionary<string, string>
    {
        ["affirm"] = "Affirm",
        ["afterpay"] = "Afterpay",
        ["applepay"] = "Apple Pay",
        ["bizum"] = "Bizum",
        ["blik"] = "BLIK",
        ["boleto"] = "Boleto",
        ["clearpay"] = "Clearpay",
        ["dana"] = "DANA",
        ["duitnow"] = "DuitNow",
        ["fpx"] = "FPX",
        ["gcash"] = "GCash",
        ["googlepay"] = "Google Pay",
        ["gopay"] = "GoPay",
        ["grabpay"] = "GrabPay",
        ["ideal"] = "iDEAL",
        ["interac"] = "Interac",
        ["kakaopay"] = "KakaoPay",
        ["klarna"] = "Klarna",
        ["mada"] = "mada",
        ["maya"] = "Maya",
        ["mercadopago"] = "Mercado Pago",
        ["momo"] = "MoMo",
        ["naverpay"] = "Naver Pay",
        ["ovo"] = "OVO",
        ["oxxo"] = "OXXO",
        ["paynow"] = "PayNow",
        ["paypal"] = "PayPal",
        ["paypay"] = "PayPay",
        ["pix"] = "Pix",
        ["promptpay"] = "PromptPay",
        ["qris"] = "QRIS",
        ["rabbitlinepay"] = "Rabbit LINE Pay",
        ["rakutenpay"] = "Rakuten Pay",
        ["samsungpay"] = "Samsung Pay",
        ["satispay"] = "Satispay",
        ["shopeepay"] = "ShopeePay",
        ["sofort"] = "Sofort",
        ["spei"] = "SPEI",
        ["stcpay"] = "STC Pay",
        ["tabby"] = "Tabby",
        ["tamara"] = "Tamara",
        ["tosspay"] = "Toss Pay",
        ["touchngo"] = "Touch 'n Go",
        ["truemoney"] = "TrueMoney",
        ["vnpay"] = "VNPAY",
        ["zalopay"] = "ZaloPay",
        ["zip"] = "Zip",
    }.ToFrozenDictionary();

    /// <summary>Methods paid by scanning a code in a banking or wallet app.</summary>
    public static readonly FrozenSet<string> QrCode = FrozenSet.ToFrozenSet(["pix", "paynow", "promptpay", "qris", "duitnow", "vnpay", "momo", "zalopay", "truemoney", "gcash", "maya", "dana", "ovo", "gopay", "shopeepay", "spei"]);

    /// <summary>Methods paid in cash with a slip number (convenience stores, boleto).</summary>
    public static readonly FrozenSet<string> Voucher = FrozenSet.ToFrozenSet(["konbini", "boleto", "oxxo"]);

    public static string Name(string code, IStringLocalizer text)
    {
        var translated = text[$"PaymentMethod.{code}"];
        if (!translated.ResourceNotFound) return translated.Value;
        return Brands.TryGetValue(code, out var brand) ? brand : code;
    }
}
