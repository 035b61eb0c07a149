namespace Differentials;

/// <summary>What <see cref="NumericBackend.MeasureFftPlans"/> did for one transform length.</summary>
/// <param name="ConvolutionLength">The signal length asked for (the first one, when several share a transform length).</param>
/// <param name="TransformLength">The FFT length its convolution runs at (larger when it is zero-padded).</param>
/// <param name="WasKnown">True when the plans came from wisdom or were made before, so nothing was measured.</param>
/// <param name="Elapsed">The time spent planning.</param>
/// <param name="WisdomFile">The file the measured plans are kept in, or null when none is used (they then last for this process only).</param>
public sealed record FftPlanMeasurement(int ConvolutionLength, int TransformLength, bool WasKnown, TimeSpan Elapsed, string? WisdomFile);
