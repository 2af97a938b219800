namespace LiveCross.Server;

/// <summary>Anchor type for the storefront's resource strings in <c>Resources/SharedResource.*.resx</c>.</summary>
public sealed class SharedResource;
