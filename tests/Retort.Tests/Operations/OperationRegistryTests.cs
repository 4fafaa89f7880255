using System.Reflection;
using Retort.Dialects;
using Retort.Operations;
using Retort.Runner;
using Retort.Schema;
using Retort.Tests.Shared;

namespace Retort.Tests.Operations;

/// <summary>
/// Every operation type is registered once with everything Retort needs to know about it: adding an operation type
/// without one of them fails here, naming the type and what it lacks.
/// </summary>
public class OperationRegistryTests
{
    private static IReadOnlyList<Type> OperationTypes => OperationSamples.OperationTypes;

    [Fact]
    public void Reflection_finds_the_operation_types()
    {
        Assert.Contains(typeof(AddColumnOperation), OperationTypes);
        Assert.Contains(typeof(TransformOperation<,>), OperationTypes);
        Assert.DoesNotContain(typeof(TableOperation), OperationTypes);
    }

    [Fact]
    public void Every_operation_type_is_registered_with_everything_it_needs()
    {
        var problems = OperationTypes.SelectMany(Problems).ToList();
        Assert.True(problems.Count == 0, "Operation types that lack part of their registration:\n" + string.Join("\n", problems));
    }

    private static IEnumerable<string> Problems(Type type)
    {
        var registration = OperationRegistry.Find(type);
        if (registration is null)
        {
            yield return $"{type.Name}: no registration (give it a static Registration and list it in OperationRegistry.All)";
            yield break;
        }
        var declared = type.GetProperty("Registration", BindingFlags.Public | BindingFlags.Static | BindingFlags.FlattenHierarchy);
        if (declared?.GetValue(null) != registration)
            yield return $"{type.Name}: its registration is not its own static Registration member";
        if (registration.WritesCSharp == !string.IsNullOrWhiteSpace(registration.NotWritableAsCSharp))
            yield return registration.WritesCSharp
                ? $"{type.Name}: both a C# rendering and a reason it has none"
                : $"{type.Name}: no C# rendering (set CSharp, or NotWritableAsCSharp with the reason)";
        if (!Enum.IsDefined(registration.Reverse) || string.IsNullOrWhiteSpace(registration.ReverseNote))
            yield return $"{type.Name}: no reverse decision (Reverse and ReverseNote)";
        var overridesReverse = type.GetMethod(nameof(MigrationOperation.Reverse))!.DeclaringType != typeof(MigrationOperation);
        if (registration.Reverse == Reversibility.Never && overridesReverse)
            yield return $"{type.Name}: registered as never reversible, but it overrides Reverse()";
        if (registration.Reverse != Reversibility.Never && !overridesReverse)
            yield return $"{type.Name}: registered as reversible ({registration.Reverse}), but it does not override Reverse()";
        if (registration.GetType().GetProperty("Dangers")!.GetValue(registration) is null)
            yield return $"{type.Name}: no danger classification (Dangers; OperationDanger.None when it has none)";
        if (registration.Offline is not { } offline || !Enum.IsDefined(offline.Mode) || string.IsNullOrWhiteSpace(offline.Note))
            yield return $"{type.Name}: no offline decision (Offline)";
        if (registration.GetType().GetProperty("TrackSchema")!.GetValue(registration) is null)
            yield return $"{type.Name}: no offline schema change (TrackSchema; TrackedSchema.Unchanged when it changes no table)";
        if (!DdlGenerator.HasMethodFor(registration.OperationType))
            yield return $"{type.Name}: no method in DdlGenerator's dispatch table";
        if (!OperationSamples.All.Any(s => OperationSamples.IsOf(s, type)))
            yield return $"{type.Name}: no sample in tests/Retort.Specification/Support/OperationSamples.cs";
    }

    [Fact]
    public void The_registry_lists_each_registration_once()
    {
        Assert.Equal(OperationRegistry.All.Count, OperationRegistry.All.Select(r => r.OperationType).Distinct().Count());
        Assert.All(OperationRegistry.All, r => Assert.True(r.OperationType.IsSubclassOf(typeof(MigrationOperation)), r.ToString()));
        // A registered base type covers only its own subtypes: no operation type inherits a registration silently.
        foreach (var type in OperationTypes)
        {
            var registered = OperationRegistry.For(type).OperationType;
            Assert.True(registered == type || registered.IsAbstract && type.IsGenericTypeDefinition, $"{type.Name} is registered as {registered.Name}");
        }
        var unknown = Assert.Throws<RetortException>(() => OperationRegistry.For(typeof(TableOperation)));
        Assert.Contains("TableOperation is not registered", unknown.Message);
    }

    [Fact]
    public void Every_sample_behaves_as_its_registration_says()
    {
        var tracker = new SchemaTracker();
        foreach (var sample in OperationSamples.All)
        {
            var registration = OperationRegistry.For(sample);
            var name = sample.Describe();
            Assert.True(registration.WriteCSharp(sample) is null != registration.WritesCSharp, name);
            switch (registration.Reverse)
            {
                case Reversibility.Always: Assert.True(sample.IsReversible, name); break;
                case Reversibility.Never: Assert.False(sample.IsReversible, name); break;
            }
            Assert.All(registration.DangersOf(sample), d => Assert.True(Enum.IsDefined(d.Kind) && d.Reason.Length > 0, name));
            registration.Track(sample, new NoSchema());
            tracker.Apply([sample], "r1");
        }
        Assert.Empty(tracker.Tables);
    }

    [Fact]
    public void Dangers_are_classified_by_kind()
    {
        var dropped = OperationRegistry.For(typeof(DropColumnOperation)).DangersOf(new DropColumnOperation("users", "age"));
        Assert.Equal([new OperationDanger(DangerKind.LosesData, "drops column 'users.age' and its data.")], dropped);
        var index = OperationRegistry.For(typeof(CreateIndexOperation)).DangersOf(new CreateIndexOperation("users", new TableIndex("ix_age", "age")));
        Assert.Equal(DangerKind.LocksOrRewritesTable, Assert.Single(index).Kind);
        Assert.False(index[0].ThreatensData);
        Assert.Empty(OperationRegistry.For(typeof(CreateIndexOperation)).DangersOf(new CreateIndexOperation("users", new TableIndex("ix_age", "age")) { Concurrently = true }));
        // A generated revision warns only of what threatens data; lock dangers are left to rules that know the database.
        Assert.Null(Retort.Autogenerate.MigrationCodeWriter.DangerReason(new CreateIndexOperation("users", new TableIndex("ix_age", "age"))));
        var enumLabel = new AddEnumValueOperation("mood", "happy");
        Assert.Equal(DangerKind.CannotBeUndone, Assert.Single(OperationRegistry.For(enumLabel).DangersOf(enumLabel)).Kind);
    }

    [Fact]
    public void Offline_support_says_what_a_script_refuses()
    {
        Assert.Equal(OfflineMode.Refused, OperationRegistry.For(typeof(CodeStepOperation)).Offline.Mode);
        Assert.Equal(OfflineMode.Refused, OperationRegistry.For(typeof(TransformOperation<OperationSamples.SampleRow, OperationSamples.SampleRow>)).Offline.Mode);
        Assert.Equal(OfflineMode.Simplified, OperationRegistry.For(typeof(BackfillOperation)).Offline.Mode);
        Assert.Equal(OfflineMode.Statements, OperationRegistry.For(typeof(AddColumnOperation)).Offline.Mode);
    }

    // A tracked schema with no tables: every registration's schema change must cope with tables it does not know.
    private sealed class NoSchema : TrackedSchema
    {
        public override string? Revision => null;
        public override IReadOnlyCollection<Table> Tables => [];
        public override Table? Find(string name, string? schema) => null;
        public override void Put(Table table) { }
        public override void Remove(string name, string? schema) { }
        public override void Replace(string name, string? schema, Table changed) => throw new InvalidOperationException("No table to replace.");
        public override string? UntrackedChange(string name, string? schema) => null;
        public override void MarkUntracked(string name, string? schema, string why) => throw new InvalidOperationException("No table to mark.");
    }
}
