using MathNet.Numerics.LinearAlgebra;

namespace Differentials;

/// <summary>Length checks every layer makes, with messages that name the layer, the argument and both lengths.</summary>
internal static class LayerGuard
{
    /// <summary>Checks the input y and the parameters θ.</summary>
    public static void Point(ILayer layer, Vector<double> y, Vector<double> theta)
    {
        Input(layer, y, "y");
        Parameters(layer, theta, "theta");
    }

    /// <summary>Checks (y, θ) and the perturbations (dy, dθ).</summary>
    public static void Perturbation(ILayer layer, Vector<double> y, Vector<double> theta, Vector<double> dy, Vector<double> dTheta)
    {
        Point(layer, y, theta);
        Input(layer, dy, "dy");
        Parameters(layer, dTheta, "dTheta");
    }

    /// <summary>Checks (y, θ) and the output gradient ȳ.</summary>
    public static void OutputGradient(ILayer layer, Vector<double> y, Vector<double> theta, Vector<double> yBar)
    {
        Point(layer, y, theta);
        Output(layer, yBar, "yBar");
    }

    public static void Input(ILayer layer, Vector<double> v, string name) => Check(layer, v, name, layer.InputLength, "input length");

    public static void Output(ILayer layer, Vector<double> v, string name) => Check(layer, v, name, layer.OutputLength, "output length");

    public static void Parameters(ILayer layer, Vector<double> v, string name) => Check(layer, v, name, layer.ParameterCount, "parameter count");

    private static void Check(ILayer layer, Vector<double> v, string name, int expected, string what)
    {
        ArgumentNullException.ThrowIfNull(v, name);
        Guard.HasLength(v, name, expected, $"the {what} of layer '{layer.Name}'");
        Guard.Finite(v, name);
    }
}
