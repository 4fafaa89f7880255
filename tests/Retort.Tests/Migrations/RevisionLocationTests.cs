using Retort.Migrations;
using Retort.Revisions;

namespace Retort.Tests.Migrations;

/// <summary>A C# revision is named in messages by its file, which the compiler records in its [Revision] attribute.</summary>
public sealed class RevisionLocationTests
{
    [Revision("loc1", Message = "first")]
    private sealed class First : Migration
    {
        public override void Upgrade(Op op) => op.Execute("SELECT 1");
    }

    [Revision("loc1", Message = "same id")]
    private sealed class SameId : Migration
    {
        public override void Upgrade(Op op) => op.Execute("SELECT 2");
    }

    private static Revision Of(Type type) => RevisionSet.Discover(typeof(RevisionLocationTests).Assembly).Single(r => r.Script is ClassMigrationScript c && c.Source == type.FullName);

    [Fact]
    public void A_class_revision_is_located_by_its_source_file()
    {
        var revision = Of(typeof(First));
        Assert.Equal(ThisFile(), revision.Location);
        Assert.Equal(typeof(First).FullName, revision.Script.Source);
    }

    [Fact]
    public void A_duplicate_id_names_both_files()
    {
        var e = Assert.Throws<DuplicateRevisionException>(() => new RevisionSet([Of(typeof(First)), Of(typeof(SameId))]));
        Assert.Equal([ThisFile(), ThisFile()], e.Locations);
        Assert.Contains($"Revision id 'loc1' is used by 2 revisions: {ThisFile()} and {ThisFile()}.", e.Message);
    }

    private static string ThisFile([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;
}
