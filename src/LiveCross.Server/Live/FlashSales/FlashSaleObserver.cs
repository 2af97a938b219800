namespace LiveCross.Server.Live.FlashSales;

/// <summary>Told in process when a seller starts or ends a flash sale (the live room shows it to its viewers).</summary>
public interface IFlashSaleObserver
{
    void Started(FlashSale sale, FlashSaleDto shown);

    void Ended(FlashSale sale)
    {
    }
}
