namespace Retort.Testing;

/// <summary>The standard checks every migrations environment should pass.</summary>
public enum MigrationCheck
{
    /// <summary>The graph has a single head (or exactly the heads the environment declares).</summary>
    SingleHead,
    /// <summary>Every revision's downgrade can be built, or the revision is marked irreversible.</summary>
    Reversible,
    /// <summary>The revision upgrades from its parents.</summary>
    Upgrade,
    /// <summary>The revision's fixture: rows inserted before it, assertions after it.</summary>
    Fixture,
    /// <summary>Upgrade, downgrade to the parents, upgrade again.</summary>
    Stairway,
    /// <summary>After the downgrade, the schema equals the schema before the upgrade.</summary>
    DowngradeLeavesNoTrace,
    /// <summary>After upgrading to head, the database equals the target schema.</summary>
    ModelMatchesDatabase,
}
