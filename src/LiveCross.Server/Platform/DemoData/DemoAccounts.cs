namespace LiveCross.Server.Platform.DemoData;

/// <summary>The demo accounts seeded with demo data on; documented in README and printed at start.</summary>
public static class DemoAccounts
{
    // A published demo password, not a secret: these accounts exist only when demo data is on.
    public const string Password = "LiveCross-demo-1";

    public const string Admin = "admin@livecross.test";
    public const string Seller1 = "seller1@livecross.test";
    public const string Seller2 = "seller2@livecross.test";
    public const string Creator = "creator@livecross.test";
    public const string Customer1 = "customer1@livecross.test";
    public const string Customer2 = "customer2@livecross.test";

    public static string Banner => $"""
        LiveCross demo accounts (password {Password}):
          {Admin,-28} platform admin
          {Seller1,-28} staff of Shenzhen VoltWave Electronics
          {Seller2,-28} staff of Hangzhou Silk & Bloom
          {Creator,-28} creator
          {Customer1,-28} customer
          {Customer2,-28} customer
        """;
}
