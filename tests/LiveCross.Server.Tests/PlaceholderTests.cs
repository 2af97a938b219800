namespace LiveCross.Server.Tests; public class PlaceholderTests { [Xunit.Fact] public void Runs() => Shouldly.ShouldBeBooleanExtensions.ShouldBeTrue(true); }
