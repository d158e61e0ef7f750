using Tessera.Persistence;
using Xunit;

namespace Tessera.Tests.Persistence;

public sealed class RowIdTests
{
    [Fact]
    public void Ids_are_version_7_with_the_rfc_variant_and_the_time_in_their_first_48_bits()
    {
        var time = DateTimeOffset.FromUnixTimeMilliseconds(1_764_000_000_123);
        var id = RowId.New(time);
        var bytes = id.ToByteArray(bigEndian: true);
        Assert.Equal(7, id.Version);
        Assert.Equal(0b10, bytes[8] >> 6);
        var millis = 0L;
        for (var i = 0; i < 6; i++)
        {
            millis = (millis << 8) | bytes[i];
        }

        Assert.Equal(time.ToUnixTimeMilliseconds(), millis);
    }

    [Fact]
    public void Ids_made_in_the_same_millisecond_on_many_threads_are_all_different()
    {
        var time = DateTimeOffset.UtcNow;
        var ids = new System.Collections.Concurrent.ConcurrentBag<Guid>();
        Parallel.For(0, 8, _ =>
        {
            // More than one buffer's worth per thread, so refills are crossed.
            for (var i = 0; i < 1000; i++)
            {
                ids.Add(RowId.New(time));
            }
        });

        Assert.Equal(8000, ids.Distinct().Count());
    }

    [Fact]
    public void Later_milliseconds_sort_later_as_text_as_the_databases_compare_them()
    {
        var earlier = RowId.New(DateTimeOffset.FromUnixTimeMilliseconds(1_764_000_000_000));
        var later = RowId.New(DateTimeOffset.FromUnixTimeMilliseconds(1_764_000_000_001));
        Assert.True(string.CompareOrdinal(earlier.ToString("D"), later.ToString("D")) < 0);
    }
}
