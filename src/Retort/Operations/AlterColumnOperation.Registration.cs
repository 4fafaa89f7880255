using Retort.Schema;
using Retort.Schema.Types;
using static Retort.Operations.Internal.CSharpCode;

namespace Retort.Operations;

public sealed partial record AlterColumnOperation
{
    /// <summary>What Retort knows about changing a column (see <see cref="OperationRegistration"/>).</summary>
    public static OperationRegistration<AlterColumnOperation> Registration { get; } = new()
    {
        CSharp = CSharpCall,
        Reverse = Reversibility.WhenGiven,
        ReverseNote = "changes the column back to its previous name, type, nullability, default and comment (existingType:, existingNullable:, …)",
        Dangers = DangersOf,
        Offline = OfflineSupport.Statements,
        TrackSchema = (o, schema) => schema.Apply(o),
    };

    private static string CSharpCall(AlterColumnOperation a)
    {
        var args = new List<string> { S(a.TableName), S(a.ColumnName) };
        if (a.NewName is not null) args.Add("newColumnName: " + S(a.NewName));
        if (a.NewType is not null) args.Add("type: " + TypeCode(a.NewType));
        if (a.NewNullable is not null) args.Add("nullable: " + Bool(a.NewNullable.Value));
        if (a.NewDefault.HasValue) args.Add(a.NewDefault.Value is null ? "dropServerDefault: true" : "serverDefault: " + DefaultCode(a.NewDefault.Value));
        if (a.NewComment.HasValue) args.Add(a.NewComment.Value is null ? "dropComment: true" : "comment: " + S(a.NewComment.Value));
        if (a.ExistingType is not null) args.Add("existingType: " + TypeCode(a.ExistingType));
        if (a.ExistingNullable is not null) args.Add("existingNullable: " + Bool(a.ExistingNullable.Value));
        if (a.ExistingDefault is { HasValue: true, Value: { } d }) args.Add("existingServerDefault: " + DefaultCode(d));
        if (a.ExistingComment is { HasValue: true, Value: { } c }) args.Add("existingComment: " + S(c));
        if (a.Schema is not null) args.Add("schema: " + S(a.Schema));
        if (a.Online is { } online) args.Add("online: " + Bool(online));
        return $"op.AlterColumn({string.Join(", ", args)});";
    }

    private static IEnumerable<OperationDanger> DangersOf(AlterColumnOperation a)
    {
        var column = $"'{a.TableName}.{a.ColumnName}'";
        if (a is { NewType: { } to, ExistingType: { } from } && IsNarrowing(from, to))
            yield return new(DangerKind.LosesData, $"narrows {column} from {TypeCode(from)} to {TypeCode(to)}; values may be cut or fail to convert.");
        if (a.NewNullable == false)
            yield return new(DangerKind.MayFailOnExistingRows, $"makes {column} NOT NULL; fails if any row holds NULL.");
        if (a.NewType is not null)
            yield return new(DangerKind.LocksOrRewritesTable, $"changes the type of {column}, which may rewrite the table and its indexes while holding a lock that blocks reads and writes.");
        if (a.NewNullable == false)
            yield return new(DangerKind.LocksOrRewritesTable, $"makes {column} NOT NULL, which reads every row while holding a lock that blocks writes.");
    }

    private static bool IsNarrowing(SqlType from, SqlType to) => (from, to) switch
    {
        (IntegerType f, IntegerType t) => t.Size < f.Size,
        (StringType f, StringType t) => t.Length is { } tl && (f.Length is null || tl < f.Length),
        (TextType, StringType { Length: not null }) => true,
        (NumericType f, NumericType t) => (t.Precision ?? int.MaxValue) < (f.Precision ?? int.MaxValue) || (t.Scale ?? 0) < (f.Scale ?? 0),
        (FloatType { Precision: FloatPrecision.Double }, FloatType { Precision: FloatPrecision.Single }) => true,
        (BinaryType f, BinaryType t) => t.Length is { } bl && (f.Length is null || bl < f.Length),
        (DateTimeType { WithOffset: true }, DateTimeType { WithOffset: false }) => true,
        _ => from.GetType() != to.GetType() && to is not (TextType or StringType { Length: null }),
    };
}
