using Tomlyn.Model;
using Tomlyn.Serialization;

namespace Responder.Core.Config;

/// <summary>Source-generated TOML metadata: the untyped model only, so loading is trim and AOT safe.</summary>
[TomlSerializable(typeof(TomlTable))]
internal sealed partial class TomlModelContext : TomlSerializerContext;
