using System.Text.Json.Serialization;

namespace Responder.Lambda.Runtime;

/// <summary>Source-generated JSON: no reflection in the bootstrap.</summary>
[JsonSerializable(typeof(RuntimeError))]
internal sealed partial class RuntimeJsonContext : JsonSerializerContext;
