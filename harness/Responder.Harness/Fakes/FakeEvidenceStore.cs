using System.Collections.Concurrent;
using System.Text;
using Responder.Core.Evidence;

namespace Responder.Harness.Fakes;

/// <summary>
/// An evidence store in memory: every object written, in the order written, and scripted failures (S3 down, access
/// denied) for the writes a test picks. S3 itself is tested against moto.
/// </summary>
public sealed class FakeEvidenceStore(string bucket = "evidence-bucket") : IEvidenceStore
{
    private readonly ConcurrentQueue<EvidenceObject> _writes = new();
    private readonly ConcurrentDictionary<string, EvidenceObject> _objects = new(StringComparer.Ordinal);
    private Func<EvidenceObject, EvidenceException?>? _fault;

    public string Prefix { get; set; } = "falco-responder/";

    /// <summary>Every write, in order (a key written twice is here twice).</summary>
    public IReadOnlyList<EvidenceObject> Writes => [.. _writes];

    public IReadOnlyDictionary<string, EvidenceObject> Objects => _objects;

    public string Uri(string key) => $"s3://{bucket}/{key}";

    /// <summary>From now on, a write the function answers with an exception fails with it.</summary>
    public void FailWhen(Func<EvidenceObject, EvidenceException?> fault) => _fault = fault;

    /// <summary>Every write fails as S3 answering 503 after the SDK's retries does.</summary>
    public void Down() => FailWhen(_ => new EvidenceException($"S3 bucket {bucket}: PutObject: ServiceUnavailable: Please reduce your request rate.", retryable: true));

    public void Up() => _fault = null;

    public string Text(string key) => Encoding.UTF8.GetString(_objects[key].Content.Span);

    public Task PutAsync(EvidenceObject item, CancellationToken cancellationToken)
    {
        if (_fault?.Invoke(item) is { } failure)
        {
            throw failure;
        }

        _writes.Enqueue(item);
        _objects[item.Key] = item;
        return Task.CompletedTask;
    }
}
