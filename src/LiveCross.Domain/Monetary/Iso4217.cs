using System.Collections.Frozen;

namespace LiveCross.Domain.Monetary;

/// <summary>
/// Minor units from the ISO 4217 list (SIX, amendment 179). Only currencies the platform can price in
/// are listed; adding one is a one-line change here.
/// </summary>
public static class Iso4217
{
    public static readonly FrozenDictionary<string, int> MinorUnits = new Dictionary<string, int>
    {
        // Zero-decimal currencies: no minor unit in ISO 4217.
        ["JPY"] = 0,
        ["KRW"] = 0,
        ["VND"] = 0,
        ["CLP"] = 0,
        ["ISK"] = 0,
        ["PYG"] = 0,
        ["UGX"] = 0,
        ["XOF"] = 0,
        ["XAF"] = 0,
        // Three-decimal currencies.
        ["BHD"] = 3,
        ["KWD"] = 3,
        ["OMR"] = 3,
        ["JOD"] = 3,
        ["TND"] = 3,
        ["IQD"] = 3,
        ["LYD"] = 3,
        // Two-decimal currencies. IDR is 2 in ISO 4217 even though prices are usually shown without decimals.
        ["USD"] = 2,
        ["CAD"] = 2,
        ["MXN"] = 2,
        ["BRL"] = 2,
        ["GBP"] = 2,
        ["EUR"] = 2,
        ["PLN"] = 2,
        ["AUD"] = 2,
        ["NZD"] = 2,
        ["SGD"] = 2,
        ["MYR"] = 2,
        ["THB"] = 2,
        ["IDR"] = 2,
        ["PHP"] = 2,
        ["SAR"] = 2,
        ["AED"] = 2,
        ["CNY"] = 2,
        ["HKD"] = 2,
        ["TWD"] = 2,
        ["INR"] = 2,
        ["CHF"] = 2,
        ["SEK"] = 2,
        ["NOK"] = 2,
        ["DKK"] = 2,
        ["CZK"] = 2,
        ["HUF"] = 2,
        ["RON"] = 2,
        ["TRY"] = 2,
        ["ZAR"] = 2,
        ["ILS"] = 2,
        ["EGP"] = 2,
        ["QAR"] = 2,
        ["COP"] = 2,
        ["PEN"] = 2,
        ["ARS"] = 2,
    }.ToFrozenDictionary();
}
