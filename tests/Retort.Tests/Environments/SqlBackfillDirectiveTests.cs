using Retort.Environments;
using Retort.Migrations;
using Retort.Operations;

namespace Retort.Tests.Environments;

/// <summary>
/// A <c>-- retort:batched</c> line in a <c>.sql</c> revision turns the UPDATE after it into a backfill: table,
/// schema, SET and WHERE taken apart where the statement says so (not inside strings or parentheses), options read,
/// and every statement it cannot batch refused with a message that says why.
/// </summary>
public sealed class SqlBackfillDirectiveTests
{
    private static IReadOnlyList<MigrationOperation> Upgrade(string section)
    {
        var revision = SqlRevisionFile.Parse("-- retort:revision r1\n-- retort:upgrade\n" + section + "\n-- retort:downgrade\nSELECT 1;\n", "r1.sql");
        var op = new Op();
        revision.Script.BuildUpgrade(op);
        return op.Plan;
    }

    [Fact]
    public void An_update_after_the_line_becomes_a_backfill_with_its_options_and_other_statements_stay_sql()
    {
        var plan = Upgrade("""
            ALTER TABLE users ADD COLUMN email_lower TEXT;
            -- retort:batched batch-size=5000 target-ms=300 max-batch-size=20000 pause-ms=10 key=tenant_id,id
            UPDATE Users SET email_lower = lower(email), note = 'where (from)' WHERE email_lower IS NULL AND (id > 0);
            UPDATE users SET a = 1;
            """);
        Assert.Equal(3, plan.Count);
        Assert.IsType<ExecuteSqlOperation>(plan[0]);
        var b = Assert.IsType<BackfillOperation>(plan[1]);
        Assert.Equal("users", b.TableName);
        Assert.Null(b.Schema);
        Assert.Equal("email_lower = lower(email), note = 'where (from)'", b.Set);
        Assert.Equal("email_lower IS NULL AND (id > 0)", b.Where);
        Assert.Equal(["tenant_id", "id"], b.KeyColumns);
        Assert.Equal(5000, b.Batching.BatchSize);
        Assert.Equal(TimeSpan.FromMilliseconds(300), b.Batching.TargetBatchDuration);
        Assert.Equal(20000, b.Batching.MaxBatchSize);
        Assert.Equal(TimeSpan.FromMilliseconds(10), b.Batching.PauseBetweenBatches);
        Assert.Equal(BackfillStrategy.InPlace, b.Strategy);
        Assert.IsType<ExecuteSqlOperation>(plan[2]);
    }

    [Fact]
    public void Comments_are_dropped_from_the_clauses_and_is_distinct_from_is_not_a_from_clause()
    {
        var b = Assert.IsType<BackfillOperation>(Assert.Single(Upgrade("""
            -- retort:batched
            UPDATE t SET a = lower(b) -- keep '--' and /* */ in strings
              , c = '-- not a comment' /* gone */
            WHERE a IS DISTINCT FROM lower(b) -- trailing
            """)));
        Assert.Equal("a = lower(b)  \n  , c = '-- not a comment'", b.Set.ReplaceLineEndings("\n"));
        Assert.Equal("a IS DISTINCT FROM lower(b)", b.Where);
    }

    [Fact]
    public void Dollar_quoted_and_escaped_strings_stay_whole_with_what_looks_like_comments_or_where_inside()
    {
        var b = Assert.IsType<BackfillOperation>(Assert.Single(Upgrade("""
            -- retort:batched
            UPDATE t SET body = $$x -- keep
            WHERE $$ || $tag$ /* also */ $tag$, note = E'it\'s -- kept' WHERE id > 0
            """)));
        Assert.Equal("body = $$x -- keep\nWHERE $$ || $tag$ /* also */ $tag$, note = E'it\\'s -- kept'", b.Set.ReplaceLineEndings("\n"));
        Assert.Equal("id > 0", b.Where);
    }

    [Fact]
    public void Names_fold_only_ascii_letters_keys_fold_like_names_and_near_miss_spellings_still_batch()
    {
        var plan = Upgrade("""
            --retort:batched key=ID,"Mixed Case"
            UPDATE Ünits SET a = 1;
            -- retort: batched
            UPDATE "Ünits" SET a = 2;
            CREATE FUNCTION f() RETURNS int AS $$
            -- retort:batched
            SELECT 1 $$ LANGUAGE sql;
            """);
        Assert.Equal(3, plan.Count);
        var first = Assert.IsType<BackfillOperation>(plan[0]);
        Assert.Equal("Ünits", first.TableName);
        Assert.Equal(["id", "Mixed Case"], first.KeyColumns);
        Assert.Equal("Ünits", Assert.IsType<BackfillOperation>(plan[1]).TableName);
        Assert.IsType<ExecuteSqlOperation>(plan[2]);
    }

    [Fact]
    public void Quoted_and_schema_qualified_names_keep_their_case_and_defaults_apply()
    {
        var b = Assert.IsType<BackfillOperation>(Assert.Single(Upgrade("""
            -- retort:batched
            UPDATE billing."Invoice Lines" SET total = (SELECT sum(x) FROM parts WHERE parts.id = "Invoice Lines".id);
            """)));
        Assert.Equal("billing", b.Schema);
        Assert.Equal("Invoice Lines", b.TableName);
        Assert.Null(b.Where);
        Assert.Equal(BatchOptions.Default, b.Batching);
        var fixedSize = Assert.IsType<BackfillOperation>(Assert.Single(Upgrade("-- retort:batched target-ms=0 batch-size=70000\nUPDATE t SET a = 1")));
        Assert.Null(fixedSize.Batching.TargetBatchDuration);
        Assert.Equal(70000, fixedSize.Batching.MaxBatchSize);
    }

    [Theory]
    [InlineData("strategy=copy-and-swap", BackfillStrategy.CopyAndSwap)]
    [InlineData("strategy=Copy-And-Swap batch-size=10", BackfillStrategy.CopyAndSwap)]
    [InlineData("strategy=in-place", BackfillStrategy.InPlace)]
    public void The_strategy_option_picks_how_rows_are_changed(string options, BackfillStrategy expected)
    {
        var b = Assert.IsType<BackfillOperation>(Assert.Single(Upgrade($"-- retort:batched {options}\nUPDATE t SET a = 1;")));
        Assert.Equal(expected, b.Strategy);
    }

    [Theory]
    [InlineData("-- retort:batched\nDELETE FROM t WHERE a = 1;", "right before an UPDATE")]
    [InlineData("-- retort:batched\nUPDATE t SET a = b.a FROM b WHERE b.id = t.id;", "FROM is not supported")]
    [InlineData("-- retort:batched\nUPDATE t SET a = 1 RETURNING id;", "RETURNING is not supported")]
    [InlineData("-- retort:batched\nUPDATE t AS x SET a = 1;", "SET must follow the table name")]
    [InlineData("-- retort:batched\nUPDATE ONLY t SET a = 1;", "UPDATE ONLY")]
    [InlineData("-- retort:batched\nUPDATE t SET a = 1 WHERE ;", "WHERE clause is empty")]
    [InlineData("-- retort:batched size=10\nUPDATE t SET a = 1;", "unknown '-- retort:batched' option 'size=10'")]
    [InlineData("-- retort:batched batch-size=0\nUPDATE t SET a = 1;", "batch-size needs a whole number of at least 1")]
    [InlineData("-- retort:batched key\nUPDATE t SET a = 1;", "key needs column names")]
    [InlineData("-- retort:batched strategy=copy\nUPDATE t SET a = 1;", "strategy is in-place or copy-and-swap, not 'copy'")]
    [InlineData("-- retort:batched\nUPDATE t SET a = 1 WHERE CURRENT OF c;", "CURRENT is not supported")]
    [InlineData("-- retort:batched\nUPDATE t SET a = 1 WHERE b = 2 UNION SELECT 1;", "UNION is not supported")]
    [InlineData("UPDATE t SET a = 1;\n-- retort:batched\n", "1 '-- retort:batched' line(s) but 0 UPDATE")]
    [InlineData("-- retort:batched\n-- retort:batched\nUPDATE t SET a = 1;", "2 '-- retort:batched' line(s) but 1 UPDATE")]
    public void What_cannot_be_batched_is_refused_with_the_reason(string section, string expected)
    {
        var e = Assert.Throws<RetortException>(() => Upgrade(section));
        Assert.Contains(expected, e.Message);
        Assert.Contains("r1.sql", e.Message);
    }

    [Fact]
    public void The_line_in_the_header_is_a_file_error_with_its_line_number()
    {
        var e = Assert.Throws<RevisionFileException>(() => SqlRevisionFile.Parse("-- retort:revision r1\n-- retort:batched\n-- retort:upgrade\nUPDATE t SET a = 1;\n", "r1.sql"));
        Assert.Contains("belongs in the upgrade or downgrade section", e.Message);
        Assert.Contains("2", e.Message);
    }

    [Fact]
    public void The_downgrade_section_batches_too()
    {
        var revision = SqlRevisionFile.Parse("-- retort:revision r1\n-- retort:upgrade\n-- retort:batched\nUPDATE t SET a = 1;\n" +
                                             "-- retort:downgrade\n-- retort:batched key=id\nUPDATE t SET a = NULL;\n", "r1.sql");
        var op = new Op();
        revision.Script.BuildDowngrade(op);
        var b = Assert.IsType<BackfillOperation>(Assert.Single(op.Plan));
        Assert.Equal("a = NULL", b.Set);
        Assert.Equal(["id"], b.KeyColumns);
    }
}
