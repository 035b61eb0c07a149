using System.Numerics;
using System.Runtime.InteropServices;

namespace Differentials.Numerics;

/// <summary>
/// Per-thread, 64-byte-aligned complex scratch for spectra that live only during one call. Large
/// managed arrays would land on the large-object heap (zeroed on every allocation, collected only with
/// generation 2) and are not aligned, so FFTW would copy them; this scratch avoids both. Each slot grows
/// on demand and is kept; a caller must not hold a span across a call that may use the same slot.
/// <see cref="SpectralConvolution"/> uses slots 0–2 itself; slots 3 and 4 are for its callers' spectra.
/// </summary>
internal static unsafe class SpectrumScratch
{
    /// <summary>How many independent slots a thread has.</summary>
    public const int Slots = 5;

    [ThreadStatic] private static Holder? s_holder;

    /// <summary>A span of <paramref name="length"/> complex values in slot <paramref name="slot"/> (contents undefined).</summary>
    public static Span<Complex> Get(int slot, int length)
    {
        var holder = s_holder ??= new Holder();
        return new Span<Complex>(holder.Get(slot, length), length);
    }

    private sealed class Holder
    {
        private readonly Complex*[] _data = new Complex*[Slots];
        private readonly int[] _capacity = new int[Slots];

        public Complex* Get(int slot, int length)
        {
            if (length > _capacity[slot])
            {
                if (_data[slot] != null) NativeMemory.AlignedFree(_data[slot]);
                _data[slot] = (Complex*)NativeMemory.AlignedAlloc((nuint)Math.Max(length, 1) * (nuint)sizeof(Complex), 64);
                _capacity[slot] = length;
            }
            return _data[slot];
        }

        ~Holder()
        {
            foreach (Complex* p in _data)
            {
                if (p != null) NativeMemory.AlignedFree(p);
            }
        }
    }
}
