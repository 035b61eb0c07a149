using System.Numerics;
using System.Runtime.InteropServices;

namespace Differentials.Numerics;

/// <summary>
/// What a per-thread scratch spectrum is for. Each name is one buffer; two live spectra in one call must use
/// two names, and a span must not be held across a call that leases the same name.
/// </summary>
internal enum SpectrumLease
{
    /// <summary><see cref="SpectralConvolution"/>'s first spectrum inside one call (a's, ȳ's, or a running sum).</summary>
    FirstOperand,

    /// <summary><see cref="SpectralConvolution"/>'s second spectrum inside one call (x's, dx's, or a product).</summary>
    SecondOperand,

    /// <summary><see cref="SpectralConvolution"/>'s product of two spectra, inverted at the end of the call.</summary>
    Product,

    /// <summary>A caller's spectrum of the kernel a, kept across calls into <see cref="SpectralConvolution"/>.</summary>
    CallerKernel,

    /// <summary>A caller's spectrum of the signal x, kept across calls into <see cref="SpectralConvolution"/>.</summary>
    CallerSignal,
}

/// <summary>
/// Per-thread, 64-byte-aligned complex scratch for spectra that live only during one call. Large
/// managed arrays would land on the large-object heap (zeroed on every allocation, collected only with
/// generation 2) and are not aligned, so FFTW would copy them; this scratch avoids both. Each lease grows
/// on demand and is kept.
/// </summary>
internal static unsafe class SpectrumScratch
{
    /// <summary>How many independent buffers a thread has: one per <see cref="SpectrumLease"/>.</summary>
    public const int Slots = 5;

    [ThreadStatic] private static Holder? s_holder;

    /// <summary>A span of <paramref name="length"/> complex values for <paramref name="lease"/> (contents undefined).</summary>
    public static Span<Complex> Get(SpectrumLease lease, int length)
    {
        var holder = s_holder ??= new Holder();
        return new Span<Complex>(holder.Get((int)lease, length), length);
    }

    /// <summary>The buffer numbered <paramref name="slot"/> (0–4, in <see cref="SpectrumLease"/>'s order); prefer the named lease.</summary>
    public static Span<Complex> Get(int slot, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(slot);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(slot, Slots);
        return Get((SpectrumLease)slot, length);
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
