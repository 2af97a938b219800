using LiveCross.Domain.Monetary;

namespace LiveCross.Domain.LandedCost;

/// <summary>
/// Computes a landed-cost quote from a loaded <see cref="RuleBook"/>: arithmetic and lookups only. Amounts are
/// summed unrounded per component (duty and tax, at checkout and at the border) and each component is rounded
/// once by the market's rule.
/// </summary>
public sealed class LandedCostCalculator(RuleBook rules)
{
    private const int StackLines = 32;

    public RuleBook Rules => rules;

    public bool TryCalculate(LandedCostRequest request, out LandedCostQuote quote, out QuoteError error)
    {
        quote = null!;
        if (!rules.TryGet(request.Market, out var market))
        {
            error = new("destination", $"No import rules for market '{request.Market}'.");
            return false;
        }
        var versionIndex = market.IndexInForceOn(request.Date);
        if (versionIndex < 0)
        {
            error = new("date", $"No {request.Market} rules for {request.Date:yyyy-MM-dd}; the earliest are from {market.EarliestDate:yyyy-MM-dd}.");
            return false;
        }
        var version = market.Versions[versionIndex];
        var tax = version.Tax;
        if (request.Region is { } region && !tax.HasRegion(region))
        {
            error = new("region", $"'{region}' is not a region of {request.Market}.");
            return false;
        }
        if (request.Items.Count == 0)
        {
            error = new("items", "At least one item is needed.");
            return false;
        }

        var n = request.Items.Count;
        var buffer = n <= StackLines ? stackalloc decimal[StackLines * 6] : new decimal[n * 6];
        var value = buffer.Slice(0, n);
        var freightShare = buffer.Slice(n, n);
        var customsGoods = buffer.Slice(2 * n, n);
        var duty = buffer.Slice(3 * n, n);
        var dutyRate = buffer.Slice(4 * n, n);
        var taxRate = buffer.Slice(5 * n, n);
        Span<byte> state = n <= StackLines ? stackalloc byte[StackLines] : new byte[n];
        state = state[..n];
        state.Clear();

        var q = request.Currency;
        var minor = q.MinorUnits;
        var ctx = new Context(request, q);
        var lines = new List<QuoteExplanation>(5);

        // Values per line, in the quote currency.
        decimal goods = 0;
        for (var i = 0; i < n; i++)
        {
            var item = request.Items[i];
            value[i] = Round(item.UnitPrice * item.Quantity, minor);
            goods += value[i];
        }
        var shipping = Round(request.Shipping, minor);
        var insurance = Round(request.Insurance, minor);
        var freight = shipping + insurance;
        var factor = version.PersonalUseValuationFactor is { } f && request.BuyerType == BuyerType.Consumer ? f : 1m;
        if (factor != 1m) lines.Add(new(QuoteLineCodes.PersonalUseValuation, "", "", factor * 100m, 0, "", 0));
        decimal customsGoodsTotal = 0;
        Allocate(freight, value, goods, freightShare);
        for (var i = 0; i < n; i++)
        {
            customsGoods[i] = factor == 1m ? value[i] : value[i] * factor;
            customsGoodsTotal += customsGoods[i];
        }
        var consignment = new ConsignmentValues(customsGoodsTotal, freight);

        var shipFrom = request.ShipFrom ?? request.Items[0].OriginCountry;

        // Tax rate per line: the region's rate, else a reduced rate for the goods, else the standard rate.
        var regionalRate = request.Region is { } r && tax.RegionalRatesPercent.TryGetValue(r, out var rr) ? rr : (decimal?)null;
        if (request.Region is null && tax.RegionalRatesPercent.Count > 0 && tax.StandardRatePercent > 0)
            lines.Add(new(QuoteLineCodes.RegionMissing, tax.Name, "", tax.StandardRatePercent, 0, "", 0));
        for (var i = 0; i < n; i++) taxRate[i] = (regionalRate ?? tax.RateFor(request.Items[i].HsCode)) * 0.01m;

        // 1. A scheme under which the seller charges the tax at checkout.
        const byte Covered = 1, InBand = 2, Excluded = 4;
        var scheme = version.Scheme;
        var schemeUsed = false;
        var reverseCharge = false;
        if (scheme is not null)
        {
            var registered = request.IsRegisteredFor(scheme.Code);
            var eligible = EligibleItems(scheme, request, factor, consignment, ref ctx, state, lines, tax, Covered);
            if (eligible == 0)
            {
                // Over the threshold: explained by EligibleItems.
            }
            else if (!registered)
            {
                for (var i = 0; i < n; i++) state[i] &= unchecked((byte)~Covered);
                lines.Add(new(QuoteLineCodes.SellerNotRegistered, tax.Name, scheme.Code, 0, 0, "", 0));
            }
            else if (request.BuyerType == BuyerType.Business && scheme.BusinessBuyers == BusinessBuyerTreatment.Border)
            {
                for (var i = 0; i < n; i++) state[i] &= unchecked((byte)~Covered);
                lines.Add(new(QuoteLineCodes.BusinessBuyerBorder, tax.Name, scheme.Code, 0, 0, "", 0));
            }
            else if (request.BuyerType == BuyerType.Business)
            {
                reverseCharge = true;
                schemeUsed = true;
                lines.Add(new(QuoteLineCodes.ReverseCharge, tax.Name, scheme.Code, 0, 0, "", 0));
            }
            else
            {
                schemeUsed = true;
                var rateShown = regionalRate ?? tax.StandardRatePercent;
                var code = scheme.Test == SchemeTest.Consignment ? QuoteLineCodes.SchemeCheckout : QuoteLineCodes.SchemeItemsCheckout;
                lines.Add(new(code, tax.Name, scheme.Code, rateShown, scheme.Threshold.Amount, scheme.Threshold.Currency, eligible));
            }
        }

        // 2. A scheme under which the seller pays the border charges and collects them at checkout (DDP, BR-RC).
        CollectingScheme? collecting = null;
        foreach (var candidate in version.CollectingSchemes)
        {
            if (request.IsRegisteredFor(candidate.Code)) { collecting = candidate; break; }
        }

        // 3. Duty.
        DeMinimisRule? deMinimis = null;
        foreach (var rule in version.DeMinimis)
        {
            if (rule.Matches(request.Channel, shipFrom) && (rule.Origins is null || AnyOrigin(request, rule.Origins))) { deMinimis = rule; break; }
        }
        decimal flatDuty = 0;
        var bandReplacesTax = false;
        var tariffLines = false;
        var bandSet = FindBandSet(version, request);
        var bandApplied = false;
        if (bandSet is not null)
        {
            decimal bandValue = 0, bandGoods = 0;
            for (var i = 0; i < n; i++)
            {
                if (bandSet.Excludes(request.Items[i].HsCode)) { state[i] |= Excluded; continue; }
                bandGoods += customsGoods[i];
                bandValue += customsGoods[i] + (bandSet.Basis is ValueBasis.Cif or ValueBasis.GoodsAndShipping ? freightShare[i] : 0);
            }
            foreach (var band in bandSet.Bands)
            {
                if (band.UpTo is { } upTo && bandValue > ctx.ToQuote(upTo, bandSet.Currency)) continue;
                var deduct = band.Deduct == 0 ? 0 : ctx.ToQuote(band.Deduct, bandSet.Currency);
                var bandDuty = Math.Max(0, bandValue * band.RatePercent * 0.01m - deduct);
                var perUnitOfValue = bandValue > 0 ? bandDuty / bandValue : 0;
                int last = -1;
                decimal allocated = 0;
                for (var i = 0; i < n; i++)
                {
                    if ((state[i] & Excluded) != 0) continue;
                    state[i] |= InBand;
                    var lineBase = customsGoods[i] + (bandSet.Basis is ValueBasis.Cif or ValueBasis.GoodsAndShipping ? freightShare[i] : 0);
                    duty[i] = perUnitOfValue * lineBase;
                    allocated += duty[i];
                    dutyRate[i] = band.RatePercent;
                    last = i;
                }
                // The last line takes the remainder, so the shares add up to the band duty exactly.
                if (last >= 0) duty[last] += bandDuty - allocated;
                bandApplied = true;
                bandReplacesTax = bandSet.ReplacesTax;
                lines.Add(new(QuoteLineCodes.DutyBand, bandSet.Label, "", band.RatePercent, band.Deduct, bandSet.Currency, 0));
                if (bandReplacesTax) lines.Add(new(QuoteLineCodes.TaxInGlobalRate, tax.Name, "", 0, 0, "", 0));
                break;
            }
        }

        var flat = version.FlatDuty;
        var flatApplied = false;
        if (!bandApplied && flat is not null && Admits(flat.AppliesUpTo, consignment.Of(flat.AppliesUpTo.Basis), ref ctx))
        {
            var count = flat.Per switch
            {
                FlatDutyUnit.DistinctSubheading => DistinctSubheadings(request.Items),
                FlatDutyUnit.Item => TotalQuantity(request.Items),
                _ => 1,
            };
            flatDuty = count * ctx.ToQuote(flat.Amount, flat.Currency);
            Allocate(flatDuty, value, goods, duty);
            flatApplied = true;
            lines.Add(new(QuoteLineCodes.DutyFlat, flat.Label, "", 0, flat.Amount, flat.Currency, count));
        }
        else if (!bandApplied && deMinimis?.Duty is { } dutyFree && Admits(dutyFree, consignment.Of(dutyFree.Basis), ref ctx))
        {
            lines.Add(new(QuoteLineCodes.DutyDeMinimis, "", "", 0, dutyFree.Amount, dutyFree.Currency, 0));
        }
        else
        {
            if (!bandApplied && version.DeMinimis.Length == 0 && version.DutyBands.Length == 0 && version.FlatDuty is null)
                lines.Add(new(QuoteLineCodes.NoDeMinimis, "", "", 0, 0, "", 0));
            for (var i = 0; i < n; i++)
            {
                if ((state[i] & InBand) != 0) continue;
                var item = request.Items[i];
                var rate = item.DutyRatePercent ?? market.Tariff.RatePercentFor(item.HsCode, out _);
                foreach (var extra in version.AdditionalDuties)
                {
                    if (extra.AppliesTo(item.HsCode, item.OriginCountry))
                    {
                        rate += extra.RatePercent;
                        if (!Contains(lines, QuoteLineCodes.DutyAdditional, extra.Name))
                            lines.Add(new(QuoteLineCodes.DutyAdditional, extra.Name, extra.Code, extra.RatePercent, 0, "", 0));
                    }
                }
                dutyRate[i] = rate;
                var dutyBase = customsGoods[i] + (version.DutyBasis is ValueBasis.Cif or ValueBasis.GoodsAndShipping ? freightShare[i] : 0);
                duty[i] = dutyBase * rate * 0.01m;
                tariffLines = true;
            }
            if (tariffLines) lines.Add(new(QuoteLineCodes.DutyTariff, version.DutyBasis is ValueBasis.Fob ? "FOB" : "CIF", "", 0, 0, "", 0));
        }

        // 4. Tax.
        var taxFreeAtBorder = deMinimis?.Tax is { } taxFree && Admits(taxFree, consignment.Of(taxFree.Basis), ref ctx);
        if (taxFreeAtBorder && !bandReplacesTax && HasUncovered(state, Covered))
            lines.Add(new(QuoteLineCodes.TaxDeMinimis, tax.Name, "", 0, deMinimis!.Tax!.Amount, deMinimis.Tax.Currency, 0));
        decimal taxCheckout = 0, taxBorder = 0, dutyTotal = 0;
        var borderTaxed = false;
        // Lines sharing one rate are summed first and taxed once: fewer operations on long decimals, and fewer roundings.
        // "Por dentro" needs a division per rate, so the same grouping saves the most there.
        decimal porDentroBase = 0, porDentroRate = -1, checkoutBase = 0, checkoutRate = -1, borderBase = 0, borderRate = -1;
        for (var i = 0; i < n; i++)
        {
            dutyTotal += duty[i];
            var rate = taxRate[i];
            if ((state[i] & Covered) != 0)
            {
                if (reverseCharge) continue;
                var saleBase = value[i] + (scheme!.TaxBaseIncludesShipping ? freightShare[i] : 0);
                if (checkoutRate < 0 || checkoutRate == rate) { checkoutRate = rate; checkoutBase += saleBase; }
                else taxCheckout += saleBase * rate;
                if (scheme.BorderTaxOnDutyOfCoveredItems && duty[i] > 0 && !taxFreeAtBorder)
                {
                    taxBorder += duty[i] * rate;
                    borderTaxed = true;
                }
                continue;
            }
            if (taxFreeAtBorder || rate == 0 || (bandReplacesTax && (state[i] & InBand) != 0)) continue;
            var lineDuty = flatApplied && schemeUsed && !flat!.TaxedUnderScheme ? 0 : duty[i];
            var taxBase = customsGoods[i] + (tax.IncludesShippingAndInsurance ? freightShare[i] : 0) + (tax.IncludesDuty ? lineDuty : 0);
            if (!tax.PorDentro)
            {
                if (borderRate < 0 || borderRate == rate) { borderRate = rate; borderBase += taxBase; }
                else taxBorder += taxBase * rate;
            }
            else if (porDentroRate < 0 || porDentroRate == rate) { porDentroRate = rate; porDentroBase += taxBase; }
            else taxBorder += taxBase / (1 - rate) * rate;
            borderTaxed = true;
        }
        if (porDentroRate >= 0) taxBorder += porDentroBase / (1 - porDentroRate) * porDentroRate;
        if (borderRate >= 0) taxBorder += borderBase * borderRate;
        if (checkoutRate >= 0) taxCheckout += checkoutBase * checkoutRate;
        if (borderTaxed)
        {
            var rateShown = regionalRate ?? tax.StandardRatePercent;
            lines.Add(new(tax.PorDentro ? QuoteLineCodes.TaxPorDentro : QuoteLineCodes.TaxBorder, tax.Name, "", rateShown, 0, "", 0));
        }
        else if (tax.StandardRatePercent == 0 && !schemeUsed)
        {
            lines.Add(new(QuoteLineCodes.TaxNone, tax.Name, "", 0, 0, "", 0));
        }

        // 5. Rounding, by the market's rule.
        decimal dutyCheckout, dutyBorder;
        var dutyRechargedAtCheckout = flatApplied && schemeUsed && scheme!.RechargesFlatDuty;
        if (version.Rounding == RoundingRule.JapanCustoms && q.Value == "JPY")
        {
            JapanCustoms(n, customsGoods, freightShare, dutyRate, taxRate, state, taxFreeAtBorder, out var japanDuty, out var japanTax);
            dutyTotal = japanDuty;
            taxBorder = japanTax;
            taxCheckout = Round(taxCheckout, minor);
            lines.Add(new(QuoteLineCodes.RoundingJapan, "", "", 0, 0, "", 0));
        }
        else if (version.Rounding == RoundingRule.KoreaTruncateTens && q.Value == "KRW")
        {
            dutyTotal = decimal.Floor(dutyTotal / 10) * 10;
            taxBorder = decimal.Floor(taxBorder / 10) * 10;
            taxCheckout = decimal.Floor(taxCheckout / 10) * 10;
            if (dutyTotal + taxBorder > 0) lines.Add(new(QuoteLineCodes.RoundingKorea, "", "", 0, 0, "", 0));
        }
        else
        {
            dutyTotal = Round(dutyTotal, minor);
            taxBorder = Round(taxBorder, minor);
            taxCheckout = Round(taxCheckout, minor);
        }
        if (collecting is not null)
        {
            dutyCheckout = dutyTotal;
            dutyBorder = 0;
            taxCheckout += taxBorder;
            taxBorder = 0;
            lines.Add(new(QuoteLineCodes.SellerCollects, "", collecting.Name, 0, 0, "", 0));
        }
        else if (dutyRechargedAtCheckout)
        {
            dutyCheckout = dutyTotal;
            dutyBorder = 0;
            lines.Add(new(QuoteLineCodes.DutyAtCheckout, "", scheme!.Code, 0, 0, "", 0));
        }
        else
        {
            dutyCheckout = 0;
            dutyBorder = dutyTotal;
        }
        if (scheme is not null && schemeUsed && scheme.BorderTaxOnDutyOfCoveredItems && taxBorder > 0)
            lines.Add(new(QuoteLineCodes.TaxOnDutyOnly, tax.Name, "", 0, 0, "", 0));

        if (ctx.MissingRate is { } missing)
        {
            error = new("exchangeRates", $"No exchange rate from {missing} to {q}; give one as \"{missing}/{q}\".");
            return false;
        }

        // 6. Fees: neither duty nor tax, listed apart.
        IReadOnlyList<QuoteFee> fees = [];
        List<QuoteFee>? feeList = null;
        var bordersCharges = dutyBorder + taxBorder > 0;
        foreach (var fee in version.Fees)
        {
            if (fee.Channel is { } channel && channel != request.Channel) continue;
            if (fee.OnlyWithBorderCharges && !bordersCharges) continue;
            if (fee.AppliesUpTo is { } upTo && !Admits(upTo, consignment.Of(upTo.Basis), ref ctx)) continue;
            if (fee.AppliesAbove is { } above && Admits(above, consignment.Of(above.Basis), ref ctx)) continue;
            var units = fee.Per switch
            {
                FeeUnit.Item => TotalQuantity(request.Items),
                FeeUnit.Line => n,
                _ => 1,
            };
            (feeList ??= new List<QuoteFee>(2)).Add(new QuoteFee(fee.Code, fee.Name, M(Round(units * ctx.ToQuote(fee.Amount, fee.Currency), minor), q, minor), fee.Note));
        }
        if (feeList is not null) fees = feeList;
        if (ctx.MissingRate is { } missingForFee)
        {
            error = new("exchangeRates", $"No exchange rate from {missingForFee} to {q}; give one as \"{missingForFee}/{q}\".");
            return false;
        }

        var checkoutCharges = dutyCheckout + taxCheckout;
        var borderCharges = dutyBorder + taxBorder;
        var usedScheme = collecting?.Code ?? (schemeUsed ? scheme!.Code : "none");
        quote = new LandedCostQuote
        {
            Market = request.Market,
            Region = request.Region,
            Date = request.Date,
            Currency = q,
            Goods = M(goods, q, minor),
            Shipping = M(shipping, q, minor),
            Insurance = M(insurance, q, minor),
            DutyAtCheckout = M(dutyCheckout, q, minor),
            DutyAtBorder = M(dutyBorder, q, minor),
            TaxAtCheckout = M(taxCheckout, q, minor),
            TaxAtBorder = M(taxBorder, q, minor),
            CollectedAt = borderCharges > 0 ? (checkoutCharges > 0 ? CollectionPoint.Mixed : CollectionPoint.Border) : CollectionPoint.Checkout,
            Scheme = usedScheme,
            RuleVersion = version.Version,
            RuleVersions = market.RuleVersionsOf(versionIndex),
            Fees = fees,
            Lines = lines,
        };
        error = default;
        return true;
    }

    /// <summary>How many items the scheme's value test admits; marks them covered. Zero explains why.</summary>
    private static int EligibleItems(SupplyScheme scheme, LandedCostRequest request, decimal factor,
        ConsignmentValues consignment, ref Context ctx, Span<byte> state, List<QuoteExplanation> lines, TaxRules tax, byte covered)
    {
        var threshold = scheme.Threshold;
        var limit = ctx.ToQuote(threshold.Amount, threshold.Currency);
        if (scheme.Test == SchemeTest.Consignment)
        {
            if (!threshold.Admits(consignment.Of(threshold.Basis), limit))
            {
                lines.Add(new(QuoteLineCodes.SchemeOverThreshold, tax.Name, scheme.Code, 0, threshold.Amount, threshold.Currency, 0));
                return 0;
            }
            for (var i = 0; i < state.Length; i++) state[i] |= covered;
            return state.Length;
        }
        if (scheme.ConsignmentCeiling is { } ceiling && !ceiling.Admits(consignment.Of(ceiling.Basis), ctx.ToQuote(ceiling.Amount, ceiling.Currency)))
        {
            lines.Add(new(QuoteLineCodes.SchemeConsignmentCeiling, tax.Name, scheme.Code, 0, ceiling.Amount, ceiling.Currency, 0));
            return 0;
        }
        int count = 0, over = 0;
        for (var i = 0; i < state.Length; i++)
        {
            if (threshold.Admits(request.Items[i].UnitPrice * factor, limit))
            {
                state[i] |= covered;
                count++;
            }
            else
            {
                over++;
            }
        }
        if (over > 0) lines.Add(new(QuoteLineCodes.SchemeItemsOver, tax.Name, scheme.Code, 0, threshold.Amount, threshold.Currency, over));
        return count;
    }

    /// <summary>
    /// Japan Customs Answer 1111: per line, the duty base is truncated to ¥1,000 and the duty computed (yen
    /// fractions dropped) and truncated to ¥100; the consumption-tax base (CIF + that duty) is truncated to ¥1,000,
    /// the national tax (7.8% of a 10% rate) computed, its local tax is 22/78 of the national tax truncated to
    /// ¥100. The totals of duty, national and local tax are each truncated to ¥100.
    /// </summary>
    private static void JapanCustoms(int n, Span<decimal> customsGoods, Span<decimal> freightShare, Span<decimal> dutyRate, Span<decimal> taxRate,
        Span<byte> state, bool taxFree, out decimal duty, out decimal tax)
    {
        decimal dutySum = 0, nationalSum = 0, localSum = 0;
        for (var i = 0; i < n; i++)
        {
            if ((state[i] & 1) != 0) continue;
            var cif = customsGoods[i] + freightShare[i];
            var lineDutyRaw = decimal.Floor(Truncate(cif, 1000) * dutyRate[i] * 0.01m);
            var lineDuty = Truncate(lineDutyRaw, 100);
            dutySum += lineDutyRaw;
            if (taxFree) continue;
            var national = decimal.Floor(Truncate(cif + lineDuty, 1000) * taxRate[i] * 0.78m);
            nationalSum += national;
            localSum += decimal.Floor(Truncate(national, 100) * 22m / 78m);
        }
        duty = Truncate(dutySum, 100);
        tax = Truncate(nationalSum, 100) + Truncate(localSum, 100);
    }

    /// <summary>Shares <paramref name="amount"/> across lines by value with one division; the last line takes the remainder so the shares add up exactly.</summary>
    private static void Allocate(decimal amount, Span<decimal> value, decimal total, Span<decimal> shares)
    {
        var n = shares.Length;
        if (amount == 0) { shares.Clear(); return; }
        if (n == 1) { shares[0] = amount; return; }
        var perUnit = total > 0 ? amount / total : 0;
        decimal allocated = 0;
        for (var i = 0; i < n - 1; i++)
        {
            shares[i] = total > 0 ? perUnit * value[i] : amount / n;
            allocated += shares[i];
        }
        shares[n - 1] = amount - allocated;
    }

    private static bool Admits(Threshold threshold, decimal amount, ref Context ctx) => threshold.Admits(amount, ctx.ToQuote(threshold.Amount, threshold.Currency));

    /// <summary>The consignment's value on each basis: goods (after any personal-use valuation), or goods plus freight and insurance.</summary>
    private readonly record struct ConsignmentValues(decimal Goods, decimal Freight)
    {
        public decimal Of(ValueBasis basis) => basis is ValueBasis.Cif or ValueBasis.GoodsAndShipping ? Goods + Freight : Goods;
    }

    private static decimal Truncate(decimal amount, decimal unit) => decimal.Floor(amount / unit) * unit;

    private static DutyBandSet? FindBandSet(RegimeVersion version, LandedCostRequest request)
    {
        foreach (var set in version.DutyBands)
        {
            if (set.Scheme is not null && !request.IsRegisteredFor(set.Scheme)) continue;
            if (set.Origins is not null && !AllOrigins(request, set.Origins)) continue;
            return set;
        }
        return null;
    }

    private static bool AllOrigins(LandedCostRequest request, string[] origins)
    {
        foreach (var item in request.Items)
        {
            if (Array.IndexOf(origins, item.OriginCountry) < 0) return false;
        }
        return true;
    }

    private static bool AnyOrigin(LandedCostRequest request, string[] origins)
    {
        foreach (var item in request.Items)
        {
            if (Array.IndexOf(origins, item.OriginCountry) >= 0) return true;
        }
        return false;
    }

    private static bool HasUncovered(Span<byte> state, byte covered)
    {
        foreach (var s in state)
        {
            if ((s & covered) == 0) return true;
        }
        return false;
    }

    private static bool Contains(List<QuoteExplanation> lines, string code, string subject)
    {
        foreach (var line in lines)
        {
            if (line.Code == code && line.Subject == subject) return true;
        }
        return false;
    }

    private static int DistinctSubheadings(IReadOnlyList<LandedCostItem> items)
    {
        var count = 0;
        for (var i = 0; i < items.Count; i++)
        {
            var seen = false;
            var subheading = items[i].HsCode.AsSpan(0, 6);
            for (var j = 0; j < i && !seen; j++) seen = items[j].HsCode.AsSpan(0, 6).SequenceEqual(subheading);
            if (!seen) count++;
        }
        return count;
    }

    private static int TotalQuantity(IReadOnlyList<LandedCostItem> items)
    {
        var total = 0;
        foreach (var item in items) total += item.Quantity;
        return total;
    }

    private static decimal Round(decimal amount, int minorUnits) => decimal.Round(amount, minorUnits, MidpointRounding.AwayFromZero);

    // Adding a zero of scale n keeps n decimals in the JSON (19.00, not 19), as Money.RoundToMinorUnits does.
    private static readonly decimal[] ZeroWithScale = [0m, 0.0m, 0.00m, 0.000m, 0.0000m];

    /// <summary>An amount already rounded to the currency's minor units, given their scale.</summary>
    private static Money M(decimal amount, CurrencyCode currency, int minorUnits) => new(amount + ZeroWithScale[minorUnits], currency);

    /// <summary>Converts rule amounts into the quote currency; remembers the first missing rate instead of throwing.</summary>
    private struct Context(LandedCostRequest request, CurrencyCode quote)
    {
        public string? MissingRate { get; private set; }

        public decimal ToQuote(decimal amount, string currency)
        {
            if (request.Rates.TryConvert(amount, currency, quote, out var converted)) return converted;
            MissingRate ??= currency;
            return amount;
        }
    }
}
