// Compiles without the generated API, so the only errors are the SmartSync.xml diagnostics.
System.Console.WriteLine("unreachable: the build must fail");
