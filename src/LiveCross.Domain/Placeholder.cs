namespace LiveCross.Domain; public static class Placeholder { }
