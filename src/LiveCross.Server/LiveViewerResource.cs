namespace LiveCross.Server;

/// <summary>Anchor type for the live list and viewer pages' strings in <c>Resources/LiveViewerResource.*.resx</c>.</summary>
public sealed class LiveViewerResource;
