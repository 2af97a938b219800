using LiveCross.Domain.Inventory;

namespace LiveCross.Domain.Tests.Inventory;

public sealed class StockAllocationTests
{
    private static readonly Guid Earbuds = Guid.Parse("00000000-0000-0000-0000-0000000000e1");
    private static readonly Guid Speaker = Guid.Parse("00000000-0000-0000-0000-0000000000e2");
    private static readonly Guid Shenzhen = Guid.Parse("00000000-0000-0000-0000-0000000000a1");
    private static readonly Guid Rotterdam = Guid.Parse("00000000-0000-0000-0000-0000000000a2");

    [Fact]
    public void A_sku_one_warehouse_can_cover_comes_from_that_warehouse_only()
    {
        var result = StockAllocation.Allocate([new StockDemand(Earbuds, 3)], [new WarehouseStock(Earbuds, Shenzhen, 2), new WarehouseStock(Earbuds, Rotterdam, 10)]);

        result.ShouldBeOfType<AllocationResult.Allocated>().Picks.ShouldBe([new StockPick(Earbuds, Rotterdam, 3)]);
    }

    [Fact]
    public void When_several_warehouses_could_cover_it_the_one_with_least_to_spare_is_used()
    {
        var result = StockAllocation.Allocate([new StockDemand(Earbuds, 3)], [new WarehouseStock(Earbuds, Shenzhen, 50), new WarehouseStock(Earbuds, Rotterdam, 4)]);

        result.ShouldBeOfType<AllocationResult.Allocated>().Picks.ShouldBe([new StockPick(Earbuds, Rotterdam, 3)]);
    }

    [Fact]
    public void A_sku_no_single_warehouse_can_cover_is_split_starting_with_the_fullest()
    {
        var result = StockAllocation.Allocate([new StockDemand(Earbuds, 6)], [new WarehouseStock(Earbuds, Shenzhen, 4), new WarehouseStock(Earbuds, Rotterdam, 3)]);

        result.ShouldBeOfType<AllocationResult.Allocated>().Picks.ShouldBe([new StockPick(Earbuds, Shenzhen, 4), new StockPick(Earbuds, Rotterdam, 2)]);
    }

    [Fact]
    public void A_short_sku_fails_the_whole_order_and_says_how_many_there_are()
    {
        var result = StockAllocation.Allocate(
            [new StockDemand(Speaker, 1), new StockDemand(Earbuds, 8)],
            [new WarehouseStock(Speaker, Shenzhen, 5), new WarehouseStock(Earbuds, Shenzhen, 4), new WarehouseStock(Earbuds, Rotterdam, 3)]);

        result.ShouldBe(new AllocationResult.Shortage(Earbuds, 8, 7));
    }

    [Fact]
    public void A_sku_without_any_stock_row_is_short_with_none_available()
    {
        StockAllocation.Allocate([new StockDemand(Speaker, 1)], []).ShouldBe(new AllocationResult.Shortage(Speaker, 1, 0));
    }

    [Fact]
    public void The_last_unit_can_be_taken_and_none_beyond_it()
    {
        StockAllocation.Allocate([new StockDemand(Earbuds, 1)], [new WarehouseStock(Earbuds, Shenzhen, 1)])
            .ShouldBeOfType<AllocationResult.Allocated>().Picks.ShouldBe([new StockPick(Earbuds, Shenzhen, 1)]);
        StockAllocation.Allocate([new StockDemand(Earbuds, 1)], [new WarehouseStock(Earbuds, Shenzhen, 0)])
            .ShouldBe(new AllocationResult.Shortage(Earbuds, 1, 0));
    }

    [Fact]
    public void The_same_sku_asked_twice_is_allocated_as_one_demand()
    {
        var result = StockAllocation.Allocate([new StockDemand(Earbuds, 2), new StockDemand(Earbuds, 2)], [new WarehouseStock(Earbuds, Shenzhen, 3)]);

        result.ShouldBe(new AllocationResult.Shortage(Earbuds, 4, 3));
    }
}
