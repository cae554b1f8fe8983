using HestiaFtp.Web.Components.Shared;

namespace HestiaFtp.Tests.Web.Components.Shared;

public sealed class CardModelCacheTests
{
    private sealed record Model(string Key, string Value);

    private readonly CardModelCache<Model> _cache = new(m => m.Key);

    [Fact]
    public void Reuse_WithEqualModels_ReturnsThePreviousInstances()
    {
        var first = _cache.Reuse([new("a", "1"), new("b", "2")]);

        var second = _cache.Reuse([new("a", "1"), new("b", "2")]);

        Assert.Same(first[0], second[0]);
        Assert.Same(first[1], second[1]);
    }

    [Fact]
    public void Reuse_WhenOneModelChanged_ReplacesOnlyThatOne()
    {
        var first = _cache.Reuse([new("a", "1"), new("b", "2")]);
        var changed = new Model("b", "3");

        var second = _cache.Reuse([new("a", "1"), changed]);

        Assert.Same(first[0], second[0]);
        Assert.Same(changed, second[1]);
    }

    [Fact]
    public void Reuse_KeepsTheOrderOfTheFreshModels()
    {
        _cache.Reuse([new("a", "1"), new("b", "2")]);

        var second = _cache.Reuse([new("b", "2"), new("c", "3"), new("a", "1")]);

        Assert.Equal(["b", "c", "a"], second.Select(m => m.Key));
    }

    [Fact]
    public void Reuse_ForgetsModelsMissingFromTheLastCall()
    {
        var first = _cache.Reuse([new("a", "1")]);
        _cache.Reuse([]);
        var again = new Model("a", "1");

        var third = _cache.Reuse([again]);

        Assert.NotSame(first[0], third[0]);
        Assert.Same(again, third[0]);
    }
}
