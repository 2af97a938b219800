using System.Globalization;

namespace LiveCross.Bench;

/// <summary>CPU time from Linux /proc, in clock ticks of 10 ms (USER_HZ is 100 on every architecture .NET runs on).</summary>
public static class CpuTime
{
    private const double TicksPerSecond = 100;

    /// <summary>User plus system time a process has used so far; null once it has gone.</summary>
    public static TimeSpan? OfProcess(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        // The fields after the command name, which is in parentheses and may itself hold spaces: utime is the 12th, stime the 13th.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return Ticks(long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Time all cores together spent running processes, or stolen by the hypervisor, since boot. Interrupt
    /// time is left out: it is mostly the loopback traffic of the benchmark itself, charged to no process.
    /// </summary>
    public static TimeSpan OfMachine()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..]
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        // user nice system idle iowait irq softirq steal (guest time is already counted in user)
        return Ticks(fields[0] + fields[1] + fields[2] + fields[7]);
    }

    private static TimeSpan Ticks(long ticks) => TimeSpan.FromSeconds(ticks / TicksPerSecond);
}
