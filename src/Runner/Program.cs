// Placeholder until the notebook runner lands (issue 3).
Console.Error.WriteLine("The notebook runner is not built yet.");
return 1;
