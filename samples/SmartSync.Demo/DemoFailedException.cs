using System;

namespace SmartSync.Demo;

/// <summary>A step of the demo did not do what it shows; the message says which and why.</summary>
public sealed class DemoFailedException(string message) : Exception(message);
