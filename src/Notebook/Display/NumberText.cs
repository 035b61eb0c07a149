using System.Globalization;

namespace Differentials.Notebook;

/// <summary>Short, culture-independent text for doubles in displays: a few significant digits, plain exponents.</summary>
public static class NumberText
{
    /// <summary>
    /// Formats <paramref name="value"/> with at most <paramref name="significantDigits"/> significant digits:
    /// fixed notation for moderate magnitudes, otherwise a lowercase exponent without padding (1.235e-10);
    /// "NaN", "∞" and "-∞" for the non-finite values.
    /// </summary>
    /// <param name="value">The number.</param>
    /// <param name="significantDigits">Digits kept, 1 to 17 (4 by default).</param>
    /// <returns>The text.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="significantDigits"/> is outside 1..17.</exception>
    public static string Format(double value, int significantDigits = 4)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(significantDigits, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(significantDigits, 17);
        if (double.IsNaN(value)) return "NaN";
        if (double.IsPositiveInfinity(value)) return "∞";
        if (double.IsNegativeInfinity(value)) return "-∞";
        var text = value.ToString("G" + significantDigits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var e = text.IndexOf('E', StringComparison.Ordinal);
        if (e < 0) return text;
        // "1.235E-05" -> "1.235e-5", "1E+20" -> "1e20".
        var exponent = int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture, $"{text[..e]}e{exponent}");
    }
}
