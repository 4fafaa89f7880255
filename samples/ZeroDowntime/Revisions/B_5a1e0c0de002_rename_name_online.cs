using Retort.Migrations;

namespace ZeroDowntime.Revisions;

/// <summary>
/// Version 2 of the application calls the column full_name. Written once, as the final shape: `retort upgrade` runs the
/// expand phase (version 1 goes on reading and writing name through its version's views, version 2 uses full_name
/// through its own), `retort complete` renames the column itself once version 1 is gone, `retort abort` undoes it.
/// </summary>
[Revision("5a1e0c0de002", DownRevision = "5a1e0c0de001", Message = "rename customer.name to full_name (online)")]
public sealed class Revision_5a1e0c0de002 : Migration
{
    public override void Upgrade(Op op) => op.Online.RenameColumn("customer", "name", "full_name");
}
