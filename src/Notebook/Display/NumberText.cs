using System.Globalization;

namespace Differentials.Notebook;

/// <summary>Short, culture-independent text for doubles in displays: a few significant digits, plain exponents.</summary>
public static class NumberText
{
    /// <summary>
    /// Formats <paramref name="value"/> rounded to <paramref name="significantDigits"/> significant digits:
    /// plain decimals for magnitudes from 0.001 up to 10000 (trailing zeros dropped), otherwise a lowercase
    /// exponent without padding (1.235e-10, 3e-4, 1.235e4); "NaN", "∞" and "-∞" for the non-finite values.
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
        if (value == 0) return "0";

        // "E3" gives "-1.235E-010": mantissa rounded to the digits wanted, and the exponent after rounding.
        var scientific = value.ToString("E" + (significantDigits - 1).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var e = scientific.IndexOf('E', StringComparison.Ordinal);
        var mantissa = scientific[..e];
        if (mantissa.Contains('.', StringComparison.Ordinal)) mantissa = mantissa.TrimEnd('0').TrimEnd('.');
        var exponent = int.Parse(scientific.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        if (exponent is >= -3 and < 4)
        {
            // The shortest round-trip text of the rounded value is plain decimal in this range.
            var rounded = double.Parse(scientific, NumberStyles.Float, CultureInfo.InvariantCulture);
            return rounded.ToString(CultureInfo.InvariantCulture);
        }
        return string.Create(CultureInfo.InvariantCulture, $"{mantissa}e{exponent}");
    }
}
