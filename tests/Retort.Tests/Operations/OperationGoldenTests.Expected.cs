namespace Retort.Tests.Operations;

public partial class OperationGoldenTests
{
    // Recorded from the code as it was before each operation was registered in one place.
    private static class Expected
    {
        public const string Fingerprints = """
ca051dc6668cf7eaed5b362f1f2ad7d7144954d12ee488fdbbba98a208b2fb3c CreateSchemaOperation
adc3c66301a6b7327374512e9a77618476c39681ce0a06be1b7fd8246b1c0643 CreateEnumTypeOperation
06b41d7da877f428861cd24fe93d205198f004acf4a4970de9a3a4a029d7272d AddEnumValueOperation
b5e90bda1c504837d86fa5a239e5001aa3e77ddb8a299e190a62eab22e0366f8 AddEnumValueOperation
8007114b4cf1d44abbd114d41816665bcfd1ba99d5eb9f23f3122b6108360631 CreateTableOperation
51fce3e3309ec3397e7f635f61f73708993390fa9bca98597178772b3656da97 CreateTableOperation
d0b3d0c52ce0b00547e8e12342eade4ac906aee8354a1cd09bc2679d67e71c02 AddColumnOperation
67a77c77279a6dac71ac669b168777559c02c9630b02a6143abe6a9e3c377975 AddColumnOperation
2dee92a4fc87040a61395f6f13c412576cb5025cd09bf93065b0ad32b1206906 AlterColumnOperation
ec72a2da8c503adf03a2940a91c24bb2276952a0fc108c9f30809e7fc6a46bd0 AlterColumnOperation
112ab90785763dfb0199a59bc0796f483ab4f3d0aa18031282cc11d1087e7712 AlterColumnOperation
8e5ad7f75c0b9cc74640b77e1d1f29636aafd2b72468c00d927a06d2c08c0646 AlterColumnOperation
d58b1b5654521c69c078db04c2aeb4d13a9db6789ce2e5ace5790d6137142115 CreateIndexOperation
75b0231a88383193a09b5ca4147c17fed58cebfd864f7a2005ed65becf636116 CreateIndexOperation
69ecb36402037b46206598762554b7770f88ea317bbdc1d63c1adb4608c609a9 DropIndexOperation
abcc686d24d90e1167bab6e4351082fb83a0b1833bc9c5089a88bc351d19f217 DropIndexOperation
1e16bd151a29c2cdae1b6728b5b3cb745e54c49ae5cb24bdd4e2b48ccd98e608 AddConstraintOperation
1fcf399d4f82176de247e8968a5a25bfe6aa88b515b41623fdf67f10616cf034 AddConstraintOperation
af7752765ad50aaaa227ca7cf3eebd730b0282a37f40536d33847317ddd3ce6f AddConstraintOperation
5f63e73de69a07e3de1c64408d8fd8e8d64c31da9ab5865a0d51988830b4015d DropConstraintOperation
0768a1a8cfa29663f6bf9af71536ecba680bc6bcee2dbff81eee3eddf0af20a6 DropConstraintOperation
5e59b1e2bee263f25328633871d47a89c81fb159439859844e5b990b94e19cae DropConstraintOperation
cad3808d102cbfd45090c5287895a7bd548375bb9805cc7824b77488bc94c75a AlterTableCommentOperation
615654ce57bc2818a9181ed77f4ab9315e1cc316a1b62c0661713ec125ada61a AlterTableCommentOperation
8e9d50c096e9d14af710de7c0192b175a7fc8ddfe2bf18347fa5d94cdc9f301d ExecuteSqlOperation
fe21a54750a6d222ec3901c49b0c491bfbac83ac5168a3c255c6c90b4cfbed8a ExecuteSqlOperation
86272eadfd948896bcafb794b2d7c6055ab9d156bc74ef720a65537638e8f15a BulkInsertOperation
d9c7b4d55b764fc2fee25ca8983c63102552a00f3c11a6a0792b3ba8f9341708 BackfillOperation
eb21d4606948067a3eb11ba256887613096da28b84a66ddca7df418c29be2af7 BackfillOperation
d037bf581ca54e3abf597a5bae09ce3f3cb0eb0b3fb878329380b19cf2d3ee67 TransformOperation`2
ae21670331fa832bbb39a3665e646baaaec0ccb66175b5f1dbcde3162b65985c CodeStepOperation
88d3adad889fe0a1174e980577dbf3dda97b0c75a4a0ea90282a4644ab504001 CodeStepOperation
b303b49ee918e704f587ad89ce2113f8f8ebfd448641a281d67022f7181300a7 OnlineRenameColumnOperation
5f5bed43238ed855607412a7d7af99279b08a69b38422ae229fb376b4afdfc3c OnlineAlterColumnTypeOperation
3159199771b67b29a77425e0b44503791ac93905791c2237c726baaee2361914 OnlineAlterColumnTypeOperation
beff2ee0611e8118f6389ae12d8b8b89d398572b270a5f2435c2495054a3cd27 OnlineSetNotNullOperation
7210408bfb8bfe46cf6a3d535880bf576d1819730adf5130fa45a65c3d73ebc7 OnlineSplitColumnOperation
88b7c427237f91ad3419eb0031909c3171769bedfc474c9894653c4e3f5df03c OnlineMergeColumnsOperation
9e062d78205b35353e80bdd28a960333dcc17fdfc11e17288cc00084a8d98b7f OnlineDropColumnOperation
f81c483caac96f563ae1e432ad33c8286a29d4cab8b5796470720ac9afa46e10 OnlineRenameTableOperation
f55a86f27a9f1184fdcdc8b5318bd443fe93164b8130dc75ee34493be391e398 OnlineRenameTableOperation
6b3e9bcd50b71d4b5d99d5cb620ed8ca53318c29da217eb109cac6527e2e8d72 DropColumnOperation
2b43a8230e8dc6841e8e8bb5ba62bdec0b4d8bccc6231807bdfc7b8e4e34ab29 DropColumnOperation
4de461eb87764b29b4f6a78e3ef6b2037183d50adea2b002d5cad52b71de0c46 RenameTableOperation
ea0715955e8a4bb0ca6ae9b4280666d7d212e07b56e3d3e180a6e133890205e3 DropTableOperation
5f56eec7b3c455f37f03caf7322b5563e0df1e176181f2c8688d1273d58f7d43 DropTableOperation
049e10763bb7ad1bde0daa87f0852981b00142b04fb8dad58a1c39a7dc9c1c13 DropEnumTypeOperation
f1356ac7a36fa72b8520531b27996f4d133ccfa2f37ff77e76842af37e72b621 DropEnumTypeOperation
d46f6d3dcd3f2dd93027642b440fc34f562f408c5eb91900d75e17454c67dc67 DropSchemaOperation
14675a6742f8fbd0986c1b3ba35caecf784df665b34259d29de8ef9dd4a8bb61 plan
""";

        public const string CSharp = """
op.CreateSchema("sales");
op.CreateEnumType("mood", ["sad", "ok"]);
// DANGER: adds label 'happy' to enum type 'mood' outside the transaction; it cannot be removed again.
op.AddEnumValue("mood", "happy", after: "ok");
// DANGER: adds label 'meh' to enum type 'mood' outside the transaction; it cannot be removed again.
op.AddEnumValue("mood", "meh", before: "ok", schema: "sales");
op.CreateTable(Table.Create("items", null,
    [
        new Column("id", SqlType.Integer, nullable: false),
        new Column("name", SqlType.String(50), nullable: false, comment: "shown"),
        new Column("price", SqlType.Numeric(10, 2), nullable: true, serverDefault: ServerDefault.Literal(0L)),
    ],
    primaryKey: new PrimaryKeyConstraint(ValueList.Of("id"), "pk_items"),
    checkConstraints: [new CheckConstraint("price >= 0", "ck_items_price")],
    indexes: [new TableIndex("ix_items_name", "name")],
    comment: "things sold"));
op.CreateTable(Table.Create("tags", null,
    [
        new Column("id", SqlType.Integer, nullable: false),
    ],
    primaryKey: new PrimaryKeyConstraint(ValueList.Of("id"), "pk_tags")));
op.AddColumn("items", new Column("note", SqlType.Text, nullable: true));
op.AddColumn("items", new Column("tag_id", SqlType.Integer, nullable: true));
op.AlterColumn("items", "note", newColumnName: "remark");
// DANGER: narrows 'items.price' from SqlType.Numeric(10, 2) to SqlType.Numeric(8, 2); values may be cut or fail to convert. Also makes 'items.price' NOT NULL; fails if any row holds NULL.
op.AlterColumn("items", "price", type: SqlType.Numeric(8, 2), nullable: false, serverDefault: ServerDefault.Literal(1L), existingType: SqlType.Numeric(10, 2), existingNullable: true, existingServerDefault: ServerDefault.Literal(0L));
op.AlterColumn("items", "remark", comment: "why");
op.AlterColumn("items", "name", type: SqlType.Text);
op.CreateIndex("ix_items_remark", "items", ["remark"], unique: true, where: "remark IS NOT NULL");
op.CreateIndex("ix_items_tag", "items", ["tag_id"]);
op.DropIndex("ix_items_tag", "items", existing: new TableIndex("ix_items_tag", "tag_id"));
op.DropIndex("ix_items_remark", "items");
op.CreateForeignKey("fk_items_tag", "items", "tags", ["tag_id"], ["id"], onDelete: ReferentialAction.Cascade);
op.CreateUniqueConstraint("uq_items_name", "items", "name");
op.CreateCheckConstraint("ck_items_name", "items", "length(name) > 0");
op.DropConstraint("ck_items_name", "items", existing: new CheckConstraint("length(name) > 0", "ck_items_name"));
op.DropConstraint("uq_items_name", "items");
op.DropConstraint("fk_items_tag", "items");
op.CreateTableComment("items", "sold things", existingComment: "things sold");
op.DropTableComment("items");
op.Execute("UPDATE items SET remark = @r WHERE remark IS NULL");
op.Execute("VACUUM", outsideTransaction: true);
// insert 2 row(s) into tags (no C# form; write it by hand)
// backfill items SET remark = lower(name) WHERE remark IS NULL (no C# form; write it by hand)
// backfill items SET name = upper(name) (no C# form; write it by hand)
// transform copy tags (tags -> tags) (no C# form; write it by hand)
// run touch items (no C# form; write it by hand)
// run forget items (no C# form; write it by hand)
op.Online.RenameColumn("items", "remark", "memo");
op.Online.AlterColumnType("items", "tag_id", SqlType.BigInteger, existingType: SqlType.Integer);
op.Online.AlterColumnType("items", "memo", SqlType.String(200), up: "upper(memo)", down: "lower(memo)", newDefault: ServerDefault.Literal("-"));
op.Online.SetNotNull("items", "memo", "'none'");
// DANGER: drops column 'items.memo' when the revision is completed; its data lives on only as the down expression recomputes it.
// split column items.memo into memo_a, memo_b, memo_c (online) (no C# form; write it by hand)
// DANGER: drops columns 'items.memo_a', 'items.memo_b' when the revision is completed; their data lives on only as the down expressions recompute it.
// merge columns memo_a, memo_b of items into remark (online) (no C# form; write it by hand)
// DANGER: drops column 'items.memo_c' and its data when the revision is completed.
op.Online.DropColumn("items", "memo_c", down: "'c'", existing: new Column("memo_c", SqlType.Text, nullable: true));
op.Online.RenameTable("items", "goods");
op.Online.RenameTable("goods", "items");
// DANGER: drops column 'items.remark' and its data.
op.DropColumn("items", "remark", existing: new Column("remark", SqlType.Text, nullable: true, comment: "why"));
// DANGER: drops column 'items.tag_id' and its data.
op.DropColumn("items", "tag_id");
op.RenameTable("tags", "labels");
// DANGER: drops table 'labels' and all its rows.
op.DropTable("labels", existing: Table.Create("labels", null,
    [
        new Column("id", SqlType.Integer, nullable: false),
    ]));
// DANGER: drops table 'items' and all its rows.
op.DropTable("items");
op.DropEnumType("mood", existing: ["sad", "ok", "happy"]);
op.DropEnumType("mood", schema: "sales");
op.DropSchema("sales");
--- reverse
op.CreateSchema("sales");
op.CreateEnumType("mood", ["sad", "ok", "happy"]);
op.CreateTable(Table.Create("labels", null,
    [
        new Column("id", SqlType.Integer, nullable: false),
    ]));
op.RenameTable("labels", "tags");
op.AddColumn("items", new Column("remark", SqlType.Text, nullable: true, comment: "why"));
op.Online.RenameTable("items", "goods");
op.Online.RenameTable("goods", "items");
op.AddColumn("items", new Column("memo_c", SqlType.Text, nullable: true));
op.AlterColumn("items", "memo", nullable: true, existingNullable: false);
op.Online.AlterColumnType("items", "tag_id", SqlType.Integer, existingType: SqlType.BigInteger);
op.Online.RenameColumn("items", "memo", "remark");
// run undo: touch items (no C# form; write it by hand)
// backfill items SET remark = NULL WHERE remark IS NULL (no C# form; write it by hand)
op.CreateTableComment("items", "things sold", existingComment: "sold things");
op.CreateCheckConstraint("ck_items_name", "items", "length(name) > 0");
op.DropConstraint("ck_items_name", "items", existing: new CheckConstraint("length(name) > 0", "ck_items_name"));
op.DropConstraint("uq_items_name", "items", existing: new UniqueConstraint(ValueList.Of("name"), "uq_items_name"));
op.DropConstraint("fk_items_tag", "items", existing: new ForeignKeyConstraint(ValueList.Of("tag_id"), "tags", ValueList.Of("id"), "fk_items_tag") { OnDelete = ReferentialAction.Cascade });
op.CreateIndex("ix_items_tag", "items", ["tag_id"]);
op.DropIndex("ix_items_tag", "items", existing: new TableIndex("ix_items_tag", "tag_id"));
op.DropIndex("ix_items_remark", "items", existing: new TableIndex("ix_items_remark", "remark") { Unique = true, Where = "remark IS NOT NULL" });
op.AlterColumn("items", "remark", dropComment: true, existingComment: "why");
op.AlterColumn("items", "price", type: SqlType.Numeric(10, 2), nullable: true, serverDefault: ServerDefault.Literal(0L), existingType: SqlType.Numeric(8, 2), existingNullable: false, existingServerDefault: ServerDefault.Literal(1L));
op.AlterColumn("items", "remark", newColumnName: "note");
// DANGER: drops column 'items.tag_id' and its data.
op.DropColumn("items", "tag_id", existing: new Column("tag_id", SqlType.Integer, nullable: true));
// DANGER: drops column 'items.note' and its data.
op.DropColumn("items", "note", existing: new Column("note", SqlType.Text, nullable: true));
// DANGER: drops table 'tags' and all its rows.
op.DropTable("tags", existing: Table.Create("tags", null,
    [
        new Column("id", SqlType.Integer, nullable: false),
    ],
    primaryKey: new PrimaryKeyConstraint(ValueList.Of("id"), "pk_tags")));
// DANGER: drops table 'items' and all its rows.
op.DropTable("items", existing: Table.Create("items", null,
    [
        new Column("id", SqlType.Integer, nullable: false),
        new Column("name", SqlType.String(50), nullable: false, comment: "shown"),
        new Column("price", SqlType.Numeric(10, 2), nullable: true, serverDefault: ServerDefault.Literal(0L)),
    ],
    primaryKey: new PrimaryKeyConstraint(ValueList.Of("id"), "pk_items"),
    checkConstraints: [new CheckConstraint("price >= 0", "ck_items_price")],
    indexes: [new TableIndex("ix_items_name", "name")],
    comment: "things sold"));
op.DropEnumType("mood", existing: ["sad", "ok"]);
op.DropSchema("sales");
""";

        public const string Reverses = """
create schema sales | reverse: drop schema sales | danger: none
create enum type mood (sad, ok) | reverse: drop enum type mood | danger: none
add value 'happy' to enum type mood | irreversible: Cannot reverse 'add value 'happy' to enum type mood': this kind of operation has no reverse. Write the revision's Downgrade explicitly, or pass the existing definition to the operation so it can be reversed. | danger: adds label 'happy' to enum type 'mood' outside the transaction; it cannot be removed again.
add value 'meh' to enum type sales.mood | irreversible: Cannot reverse 'add value 'meh' to enum type sales.mood': this kind of operation has no reverse. Write the revision's Downgrade explicitly, or pass the existing definition to the operation so it can be reversed. | danger: adds label 'meh' to enum type 'mood' outside the transaction; it cannot be removed again.
create table items | reverse: drop table items | danger: none
create table tags | reverse: drop table tags | danger: none
add column items.note | reverse: drop column items.note | danger: none
add column items.tag_id | reverse: drop column items.tag_id | danger: none
alter column items.note: rename to remark | reverse: alter column items.remark: rename to note | danger: none
alter column items.price: type NumericType { Precision = 8, Scale = 2 }, not null, default Value(1) | reverse: alter column items.price: type NumericType { Precision = 10, Scale = 2 }, nullable, default Value(0) | danger: narrows 'items.price' from SqlType.Numeric(10, 2) to SqlType.Numeric(8, 2); values may be cut or fail to convert. Also makes 'items.price' NOT NULL; fails if any row holds NULL.
alter column items.remark: comment | reverse: alter column items.remark: drop comment | danger: none
alter column items.name: type TextType { } | irreversible: Cannot reverse 'alter column items.name: type TextType { }': the column's previous type, nullability, default or comment is not known (pass existingType:, existingNullable:, … ). Write the revision's Downgrade explicitly, or pass the existing definition to the operation so it can be reversed. | danger: none
create unique index ix_items_remark on items (remark) | reverse: drop index ix_items_remark on items | danger: none
create index ix_items_tag on items (tag_id) | reverse: drop index ix_items_tag on items | danger: none
drop index ix_items_tag on items | reverse: create index ix_items_tag on items (tag_id) | danger: none
drop index ix_items_remark on items | irreversible: Cannot reverse 'drop index ix_items_remark on items': the dropped index's definition is not known. Write the revision's Downgrade explicitly, or pass the existing definition to the operation so it can be reversed. | danger: none
add fk constraint fk_items_tag on items | reverse: drop constraint fk_items_tag on items | danger: none
add uq constraint uq_items_name on items | reverse: drop constraint uq_items_name on items | danger: none
add ck constraint ck_items_name on items | reverse: drop constraint ck_items_name on items | danger: none
drop constraint ck_items_name on items | reverse: add ck constraint ck_items_name on items | danger: none
drop constraint uq_items_name on items | irreversible: Cannot reverse 'drop constraint uq_items_name on items': the dropped constraint's definition is not known. Write the revision's Downgrade explicitly, or pass the existing definition to the operation so it can be reversed. | danger: none
drop constraint fk_items_tag on items | irreversible: Cannot reverse 'drop constraint fk_items_tag on items': the dropped constraint's definition is not known. Write the revision's Downgrade explicitly, or pass the existing definition to the operation so it can be reversed. | danger: none
comment on table items | reverse: comment on table items | danger: none
drop comment on table items | irreversible: Cannot reverse 'drop comment on table items': the table's previous comment is not known. Write the revision's Downgrade explicitly, or pass the existing definition to the operation so it can be reversed. | danger: none
execute UPDATE items SET remark = @r WHERE remark IS NULL | irreversible: Cannot reverse 'execute UPDATE items SET remark = @r WHERE remark IS NULL': raw SQL has no reverse unless one is given. Write the revision's Downgrade explicitly, or pass the existing definition to the operation so it can be reversed. | danger: none
execute VACUUM (outside the transaction) | irreversible: Cannot reverse 'execute VACUUM (outside the transaction)': raw SQL has no reverse unless one is given. Write the revision's Downgrade explicitly, or pass the existing definition to the operation so it can be reversed. | danger: none
insert 2 row(s) into tags | irreversible: Cannot reverse 'insert 2 row(s) into tags': this kind of operation has no reverse. Write the revision's Downgrade explicitly, or pass the existing definition to the operation so it can be reversed. | danger: none
backfill items SET remark = lower(name) WHERE remark IS NULL | reverse: backfill items SET remark = NULL WHERE remark IS NULL | danger: none
backfill items SET name = upper(name) | irreversible: Cannot reverse 'backfill items SET name = upper(name)': a backfill has no reverse unless reverseSet is given. Write the revision's Downgrade explicitly, or pass the existing definition to the operation so it can be reversed. | danger: none
transform copy tags (tags -> tags) | irreversible: Cannot reverse 'transform copy tags (tags -> tags)': this kind of operation has no reverse. Write the revision's Downgrade explicitly, or pass the existing definition to the operation so it can be reversed. | danger: none
run touch items | reverse: run undo: touch items | danger: none
run forget items | irreversible: Cannot reverse 'run forget items': a C# step has no reverse unless one is given. Write the revision's Downgrade explicitly, or pass the existing definition to the operation so it can be reversed. | danger: none
rename column items.remark to memo (online) | reverse: rename column items.memo to remark (online) | danger: none
change the type of column items.tag_id (online) | reverse: change the type of column items.tag_id (online) | danger: none
change the type of column items.memo (online) | irreversible: Cannot reverse 'change the type of column items.memo (online)': the column's type before the change is not known (existingType:). Write the revision's Downgrade explicitly, or pass the existing definition to the operation so it can be reversed. | danger: none
set column items.memo NOT NULL, NULLs backfilled with 'none' (online) | reverse: alter column items.memo: nullable | danger: none
split column items.memo into memo_a, memo_b, memo_c (online) | irreversible: Cannot reverse 'split column items.memo into memo_a, memo_b, memo_c (online)': this kind of operation has no reverse. Write the revision's Downgrade explicitly, or pass the existing definition to the operation so it can be reversed. | danger: drops column 'items.memo' when the revision is completed; its data lives on only as the down expression recomputes it.
merge columns memo_a, memo_b of items into remark (online) | irreversible: Cannot reverse 'merge columns memo_a, memo_b of items into remark (online)': this kind of operation has no reverse. Write the revision's Downgrade explicitly, or pass the existing definition to the operation so it can be reversed. | danger: drops columns 'items.memo_a', 'items.memo_b' when the revision is completed; their data lives on only as the down expressions recompute it.
drop column items.memo_c (online) | reverse: add column items.memo_c | danger: drops column 'items.memo_c' and its data when the revision is completed.
rename table items to goods (online) | reverse: rename table goods to items (online) | danger: none
rename table goods to items (online) | reverse: rename table items to goods (online) | danger: none
drop column items.remark | reverse: add column items.remark | danger: drops column 'items.remark' and its data.
drop column items.tag_id | irreversible: Cannot reverse 'drop column items.tag_id': the dropped column's definition is not known. Write the revision's Downgrade explicitly, or pass the existing definition to the operation so it can be reversed. | danger: drops column 'items.tag_id' and its data.
rename table tags to labels | reverse: rename table labels to tags | danger: none
drop table labels | reverse: create table labels | danger: drops table 'labels' and all its rows.
drop table items | irreversible: Cannot reverse 'drop table items': the dropped table's definition is not known. Write the revision's Downgrade explicitly, or pass the existing definition to the operation so it can be reversed. | danger: drops table 'items' and all its rows.
drop enum type mood | reverse: create enum type mood (sad, ok, happy) | danger: none
drop enum type sales.mood | irreversible: Cannot reverse 'drop enum type sales.mood': the dropped enum type's labels are not known. Write the revision's Downgrade explicitly, or pass the existing definition to the operation so it can be reversed. | danger: none
drop schema sales | reverse: create schema sales | danger: none
""";

        public const string Tracking = """
after create schema sales
after create enum type mood (sad, ok)
after add value 'happy' to enum type mood
after add value 'meh' to enum type sales.mood
after create table items
items(id SqlType.Integer not null, name SqlType.String(50) not null comment shown, price SqlType.Numeric(10, 2) default Value(0)) constraints [pk_items, ck_items_price] indexes [ix_items_name] comment things sold
after create table tags
items(id SqlType.Integer not null, name SqlType.String(50) not null comment shown, price SqlType.Numeric(10, 2) default Value(0)) constraints [pk_items, ck_items_price] indexes [ix_items_name] comment things sold
tags(id SqlType.Integer not null) constraints [pk_tags] indexes []
after add column items.note
items(id SqlType.Integer not null, name SqlType.String(50) not null comment shown, price SqlType.Numeric(10, 2) default Value(0), note SqlType.Text) constraints [pk_items, ck_items_price] indexes [ix_items_name] comment things sold
tags(id SqlType.Integer not null) constraints [pk_tags] indexes []
after execute ALTER TABLE items ADD COLUMN extra int
items(id SqlType.Integer not null, name SqlType.String(50) not null comment shown, price SqlType.Numeric(10, 2) default Value(0), note SqlType.Text) constraints [pk_items, ck_items_price] indexes [ix_items_name] comment things sold
untracked: revision r1 changed it with raw SQL (execute ALTER TABLE items ADD COLUMN extra int)
tags(id SqlType.Integer not null) constraints [pk_tags] indexes []
after add column items.tag_id
items(id SqlType.Integer not null, name SqlType.String(50) not null comment shown, price SqlType.Numeric(10, 2) default Value(0), note SqlType.Text, tag_id SqlType.Integer) constraints [pk_items, ck_items_price] indexes [ix_items_name] comment things sold
untracked: revision r1 changed it with raw SQL (execute ALTER TABLE items ADD COLUMN extra int)
tags(id SqlType.Integer not null) constraints [pk_tags] indexes []
after alter column items.note: rename to remark
items(id SqlType.Integer not null, name SqlType.String(50) not null comment shown, price SqlType.Numeric(10, 2) default Value(0), remark SqlType.Text, tag_id SqlType.Integer) constraints [pk_items, ck_items_price] indexes [ix_items_name] comment things sold
untracked: revision r1 changed it with raw SQL (execute ALTER TABLE items ADD COLUMN extra int)
tags(id SqlType.Integer not null) constraints [pk_tags] indexes []
after alter column items.price: type NumericType { Precision = 8, Scale = 2 }, not null, default Value(1)
items(id SqlType.Integer not null, name SqlType.String(50) not null comment shown, price SqlType.Numeric(8, 2) not null default Value(1), remark SqlType.Text, tag_id SqlType.Integer) constraints [pk_items, ck_items_price] indexes [ix_items_name] comment things sold
untracked: revision r1 changed it with raw SQL (execute ALTER TABLE items ADD COLUMN extra int)
tags(id SqlType.Integer not null) constraints [pk_tags] indexes []
after alter column items.remark: comment
items(id SqlType.Integer not null, name SqlType.String(50) not null comment shown, price SqlType.Numeric(8, 2) not null default Value(1), remark SqlType.Text comment why, tag_id SqlType.Integer) constraints [pk_items, ck_items_price] indexes [ix_items_name] comment things sold
untracked: revision r1 changed it with raw SQL (execute ALTER TABLE items ADD COLUMN extra int)
tags(id SqlType.Integer not null) constraints [pk_tags] indexes []
after alter column items.name: type TextType { }
items(id SqlType.Integer not null, name SqlType.Text not null comment shown, price SqlType.Numeric(8, 2) not null default Value(1), remark SqlType.Text comment why, tag_id SqlType.Integer) constraints [pk_items, ck_items_price] indexes [ix_items_name] comment things sold
untracked: revision r1 changed it with raw SQL (execute ALTER TABLE items ADD COLUMN extra int)
tags(id SqlType.Integer not null) constraints [pk_tags] indexes []
after create unique index ix_items_remark on items (remark)
items(id SqlType.Integer not null, name SqlType.Text not null comment shown, price SqlType.Numeric(8, 2) not null default Value(1), remark SqlType.Text comment why, tag_id SqlType.Integer) constraints [pk_items, ck_items_price] indexes [ix_items_name, ix_items_remark] comment things sold
untracked: revision r1 changed it with raw SQL (execute ALTER TABLE items ADD COLUMN extra int)
tags(id SqlType.Integer not null) constraints [pk_tags] indexes []
after create index ix_items_tag on items (tag_id)
items(id SqlType.Integer not null, name SqlType.Text not null comment shown, price SqlType.Numeric(8, 2) not null default Value(1), remark SqlType.Text comment why, tag_id SqlType.Integer) constraints [pk_items, ck_items_price] indexes [ix_items_name, ix_items_remark, ix_items_tag] comment things sold
untracked: revision r1 changed it with raw SQL (execute ALTER TABLE items ADD COLUMN extra int)
tags(id SqlType.Integer not null) constraints [pk_tags] indexes []
after drop index ix_items_tag on items
items(id SqlType.Integer not null, name SqlType.Text not null comment shown, price SqlType.Numeric(8, 2) not null default Value(1), remark SqlType.Text comment why, tag_id SqlType.Integer) constraints [pk_items, ck_items_price] indexes [ix_items_name, ix_items_remark] comment things sold
untracked: revision r1 changed it with raw SQL (execute ALTER TABLE items ADD COLUMN extra int)
tags(id SqlType.Integer not null) constraints [pk_tags] indexes []
after drop index ix_items_remark on items
items(id SqlType.Integer not null, name SqlType.Text not null comment shown, price SqlType.Numeric(8, 2) not null default Value(1), remark SqlType.Text comment why, tag_id SqlType.Integer) constraints [pk_items, ck_items_price] indexes [ix_items_name] comment things sold
untracked: revision r1 changed it with raw SQL (execute ALTER TABLE items ADD COLUMN extra int)
tags(id SqlType.Integer not null) constraints [pk_tags] indexes []
after add fk constraint fk_items_tag on items
items(id SqlType.Integer not null, name SqlType.Text not null comment shown, price SqlType.Numeric(8, 2) not null default Value(1), remark SqlType.Text comment why, tag_id SqlType.Integer) constraints [pk_items, fk_items_tag, ck_items_price] indexes [ix_items_name] comment things sold
untracked: revision r1 changed it with raw SQL (execute ALTER TABLE items ADD COLUMN extra int)
tags(id SqlType.Integer not null) constraints [pk_tags] indexes []
after add uq constraint uq_items_name on items
items(id SqlType.Integer not null, name SqlType.Text not null comment shown, price SqlType.Numeric(8, 2) not null default Value(1), remark SqlType.Text comment why, tag_id SqlType.Integer) constraints [pk_items, fk_items_tag, uq_items_name, ck_items_price] indexes [ix_items_name] comment things sold
untracked: revision r1 changed it with raw SQL (execute ALTER TABLE items ADD COLUMN extra int)
tags(id SqlType.Integer not null) constraints [pk_tags] indexes []
after add ck constraint ck_items_name on items
items(id SqlType.Integer not null, name SqlType.Text not null comment shown, price SqlType.Numeric(8, 2) not null default Value(1), remark SqlType.Text comment why, tag_id SqlType.Integer) constraints [pk_items, fk_items_tag, uq_items_name, ck_items_name, ck_items_price] indexes [ix_items_name] comment things sold
untracked: revision r1 changed it with raw SQL (execute ALTER TABLE items ADD COLUMN extra int)
tags(id SqlType.Integer not null) constraints [pk_tags] indexes []
after drop constraint ck_items_name on items
items(id SqlType.Integer not null, name SqlType.Text not null comment shown, price SqlType.Numeric(8, 2) not null default Value(1), remark SqlType.Text comment why, tag_id SqlType.Integer) constraints [pk_items, fk_items_tag, uq_items_name, ck_items_price] indexes [ix_items_name] comment things sold
untracked: revision r1 changed it with raw SQL (execute ALTER TABLE items ADD COLUMN extra int)
tags(id SqlType.Integer not null) constraints [pk_tags] indexes []
after drop constraint uq_items_name on items
items(id SqlType.Integer not null, name SqlType.Text not null comment shown, price SqlType.Numeric(8, 2) not null default Value(1), remark SqlType.Text comment why, tag_id SqlType.Integer) constraints [pk_items, fk_items_tag, ck_items_price] indexes [ix_items_name] comment things sold
untracked: revision r1 changed it with raw SQL (execute ALTER TABLE items ADD COLUMN extra int)
tags(id SqlType.Integer not null) constraints [pk_tags] indexes []
after drop constraint fk_items_tag on items
items(id SqlType.Integer not null, name SqlType.Text not null comment shown, price SqlType.Numeric(8, 2) not null default Value(1), remark SqlType.Text comment why, tag_id SqlType.Integer) constraints [pk_items, ck_items_price] indexes [ix_items_name] comment things sold
untracked: revision r1 changed it with raw SQL (execute ALTER TABLE items ADD COLUMN extra int)
tags(id SqlType.Integer not null) constraints [pk_tags] indexes []
after comment on table items
items(id SqlType.Integer not null, name SqlType.Text not null comment shown, price SqlType.Numeric(8, 2) not null default Value(1), remark SqlType.Text comment why, tag_id SqlType.Integer) constraints [pk_items, ck_items_price] indexes [ix_items_name] comment sold things
untracked: revision r1 changed it with raw SQL (execute ALTER TABLE items ADD COLUMN extra int)
tags(id SqlType.Integer not null) constraints [pk_tags] indexes []
after drop comment on table items
items(id SqlType.Integer not null, name SqlType.Text not null comment shown, price SqlType.Numeric(8, 2) not null default Value(1), remark SqlType.Text comment why, tag_id SqlType.Integer) constraints [pk_items, ck_items_price] indexes [ix_items_name]
untracked: revision r1 changed it with raw SQL (execute ALTER TABLE items ADD COLUMN extra int)
tags(id SqlType.Integer not null) constraints [pk_tags] indexes []
after execute UPDATE items SET remark = @r WHERE remark IS NULL
items(id SqlType.Integer not null, name SqlType.Text not null comment shown, price SqlType.Numeric(8, 2) not null default Value(1), remark SqlType.Text comment why, tag_id SqlType.Integer) constraints [pk_items, ck_items_price] indexes [ix_items_name]
untracked: revision r1 changed it with raw SQL (execute ALTER TABLE items ADD COLUMN extra int)
tags(id SqlType.Integer not null) constraints [pk_tags] indexes []
after execute VACUUM (outside the transaction)
items(id SqlType.Integer not null, name SqlType.Text not null comment shown, price SqlType.Numeric(8, 2) not null default Value(1), remark SqlType.Text comment why, tag_id SqlType.Integer) constraints [pk_items, ck_items_price] indexes [ix_items_name]
untracked: revision r1 changed it with raw SQL (execute ALTER TABLE items ADD COLUMN extra int)
tags(id SqlType.Integer not null) constraints [pk_tags] indexes []
after insert 2 row(s) into tags
items(id SqlType.Integer not null, name SqlType.Text not null comment shown, price SqlType.Numeric(8, 2) not null default Value(1), remark SqlType.Text comment why, tag_id SqlType.Integer) constraints [pk_items, ck_items_price] indexes [ix_items_name]
untracked: revision r1 changed it with raw SQL (execute ALTER TABLE items ADD COLUMN extra int)
tags(id SqlType.Integer not null) constraints [pk_tags] indexes []
after backfill items SET remark = lower(name) WHERE remark IS NULL
items(id SqlType.Integer not null, name SqlType.Text not null comment shown, price SqlType.Numeric(8, 2) not null default Value(1), remark SqlType.Text comment why, tag_id SqlType.Integer) constraints [pk_items, ck_items_price] indexes [ix_items_name]
untracked: revision r1 changed it with raw SQL (execute ALTER TABLE items ADD COLUMN extra int)
tags(id SqlType.Integer not null) constraints [pk_tags] indexes []
after backfill items SET name = upper(name)
items(id SqlType.Integer not null, name SqlType.Text not null comment shown, price SqlType.Numeric(8, 2) not null default Value(1), remark SqlType.Text comment why, tag_id SqlType.Integer) constraints [pk_items, ck_items_price] indexes [ix_items_name]
untracked: revision r1 changed it with raw SQL (execute ALTER TABLE items ADD COLUMN extra int)
tags(id SqlType.Integer not null) constraints [pk_tags] indexes []
after transform copy tags (tags -> tags)
items(id SqlType.Integer not null, name SqlType.Text not null comment shown, price SqlType.Numeric(8, 2) not null default Value(1), remark SqlType.Text comment why, tag_id SqlType.Integer) constraints [pk_items, ck_items_price] indexes [ix_items_name]
untracked: revision r1 changed it with raw SQL (execute ALTER TABLE items ADD COLUMN extra int)
tags(id SqlType.Integer not null) constraints [pk_tags] indexes []
after run touch items
items(id SqlType.Integer not null, name SqlType.Text not null comment shown, price SqlType.Numeric(8, 2) not null default Value(1), remark SqlType.Text comment why, tag_id SqlType.Integer) constraints [pk_items, ck_items_price] indexes [ix_items_name]
untracked: revision r1 changed it with raw SQL (execute ALTER TABLE items ADD COLUMN extra int)
tags(id SqlType.Integer not null) constraints [pk_tags] indexes []
untracked: revision r1 ran C# code ('touch items') that may have changed it
after run forget items
items(id SqlType.Integer not null, name SqlType.Text not null comment shown, price SqlType.Numeric(8, 2) not null default Value(1), remark SqlType.Text comment why, tag_id SqlType.Integer) constraints [pk_items, ck_items_price] indexes [ix_items_name]
untracked: revision r1 changed it with raw SQL (execute ALTER TABLE items ADD COLUMN extra int)
tags(id SqlType.Integer not null) constraints [pk_tags] indexes []
untracked: revision r1 ran C# code ('touch items') that may have changed it
after execute ALTER TABLE items RENAME COLUMN price TO cost
items(id SqlType.Integer not null, name SqlType.Text not null comment shown, price SqlType.Numeric(8, 2) not null default Value(1), remark SqlType.Text comment why, tag_id SqlType.Integer) constraints [pk_items, ck_items_price] indexes [ix_items_name]
untracked: revision r1 changed it with raw SQL (execute ALTER TABLE items RENAME COLUMN price TO cost)
tags(id SqlType.Integer not null) constraints [pk_tags] indexes []
untracked: revision r1 ran C# code ('touch items') that may have changed it
after rename column items.remark to memo (online)
items(id SqlType.Integer not null, name SqlType.Text not null comment shown, price SqlType.Numeric(8, 2) not null default Value(1), memo SqlType.Text comment why, tag_id SqlType.Integer) constraints [pk_items, ck_items_price] indexes [ix_items_name]
untracked: revision r1 changed it with raw SQL (execute ALTER TABLE items RENAME COLUMN price TO cost)
tags(id SqlType.Integer not null) constraints [pk_tags] indexes []
untracked: revision r1 ran C# code ('touch items') that may have changed it
after change the type of column items.tag_id (online)
items(id SqlType.Integer not null, name SqlType.Text not null comment shown, price SqlType.Numeric(8, 2) not null default Value(1), memo SqlType.Text comment why, tag_id SqlType.BigInteger) constraints [pk_items, ck_items_price] indexes [ix_items_name]
untracked: revision r1 changed it with raw SQL (execute ALTER TABLE items RENAME COLUMN price TO cost)
tags(id SqlType.Integer not null) constraints [pk_tags] indexes []
untracked: revision r1 ran C# code ('touch items') that may have changed it
after change the type of column items.memo (online)
items(id SqlType.Integer not null, name SqlType.Text not null comment shown, price SqlType.Numeric(8, 2) not null default Value(1), memo SqlType.String(200) default Value(-) comment why, tag_id SqlType.BigInteger) constraints [pk_items, ck_items_price] indexes [ix_items_name]
untracked: revision r1 changed it with raw SQL (execute ALTER TABLE items RENAME COLUMN price TO cost)
tags(id SqlType.Integer not null) constraints [pk_tags] indexes []
untracked: revision r1 ran C# code ('touch items') that may have changed it
after set column items.memo NOT NULL, NULLs backfilled with 'none' (online)
items(id SqlType.Integer not null, name SqlType.Text not null comment shown, price SqlType.Numeric(8, 2) not null default Value(1), memo SqlType.String(200) not null default Value(-) comment why, tag_id SqlType.BigInteger) constraints [pk_items, ck_items_price] indexes [ix_items_name]
untracked: revision r1 changed it with raw SQL (execute ALTER TABLE items RENAME COLUMN price TO cost)
tags(id SqlType.Integer not null) constraints [pk_tags] indexes []
untracked: revision r1 ran C# code ('touch items') that may have changed it
after split column items.memo into memo_a, memo_b, memo_c (online)
items(id SqlType.Integer not null, name SqlType.Text not null comment shown, price SqlType.Numeric(8, 2) not null default Value(1), tag_id SqlType.BigInteger, memo_a SqlType.Text, memo_b SqlType.Text, memo_c SqlType.Text) constraints [pk_items, ck_items_price] indexes [ix_items_name]
untracked: revision r1 changed it with raw SQL (execute ALTER TABLE items RENAME COLUMN price TO cost)
tags(id SqlType.Integer not null) constraints [pk_tags] indexes []
untracked: revision r1 ran C# code ('touch items') that may have changed it
after merge columns memo_a, memo_b of items into remark (online)
items(id SqlType.Integer not null, name SqlType.Text not null comment shown, price SqlType.Numeric(8, 2) not null default Value(1), tag_id SqlType.BigInteger, memo_c SqlType.Text, remark SqlType.Text) constraints [pk_items, ck_items_price] indexes [ix_items_name]
untracked: revision r1 changed it with raw SQL (execute ALTER TABLE items RENAME COLUMN price TO cost)
tags(id SqlType.Integer not null) constraints [pk_tags] indexes []
untracked: revision r1 ran C# code ('touch items') that may have changed it
after drop column items.memo_c (online)
items(id SqlType.Integer not null, name SqlType.Text not null comment shown, price SqlType.Numeric(8, 2) not null default Value(1), tag_id SqlType.BigInteger, remark SqlType.Text) constraints [pk_items, ck_items_price] indexes [ix_items_name]
untracked: revision r1 changed it with raw SQL (execute ALTER TABLE items RENAME COLUMN price TO cost)
tags(id SqlType.Integer not null) constraints [pk_tags] indexes []
untracked: revision r1 ran C# code ('touch items') that may have changed it
after rename table items to goods (online)
goods(id SqlType.Integer not null, name SqlType.Text not null comment shown, price SqlType.Numeric(8, 2) not null default Value(1), tag_id SqlType.BigInteger, remark SqlType.Text) constraints [pk_items, ck_items_price] indexes [ix_items_name]
untracked: revision r1 changed it with raw SQL (execute ALTER TABLE items RENAME COLUMN price TO cost)
tags(id SqlType.Integer not null) constraints [pk_tags] indexes []
untracked: revision r1 ran C# code ('touch items') that may have changed it
after rename table goods to items (online)
items(id SqlType.Integer not null, name SqlType.Text not null comment shown, price SqlType.Numeric(8, 2) not null default Value(1), tag_id SqlType.BigInteger, remark SqlType.Text) constraints [pk_items, ck_items_price] indexes [ix_items_name]
untracked: revision r1 changed it with raw SQL (execute ALTER TABLE items RENAME COLUMN price TO cost)
tags(id SqlType.Integer not null) constraints [pk_tags] indexes []
untracked: revision r1 ran C# code ('touch items') that may have changed it
after drop column items.remark
items(id SqlType.Integer not null, name SqlType.Text not null comment shown, price SqlType.Numeric(8, 2) not null default Value(1), tag_id SqlType.BigInteger) constraints [pk_items, ck_items_price] indexes [ix_items_name]
untracked: revision r1 changed it with raw SQL (execute ALTER TABLE items RENAME COLUMN price TO cost)
tags(id SqlType.Integer not null) constraints [pk_tags] indexes []
untracked: revision r1 ran C# code ('touch items') that may have changed it
after drop column items.tag_id
items(id SqlType.Integer not null, name SqlType.Text not null comment shown, price SqlType.Numeric(8, 2) not null default Value(1)) constraints [pk_items, ck_items_price] indexes [ix_items_name]
untracked: revision r1 changed it with raw SQL (execute ALTER TABLE items RENAME COLUMN price TO cost)
tags(id SqlType.Integer not null) constraints [pk_tags] indexes []
untracked: revision r1 ran C# code ('touch items') that may have changed it
after rename table tags to labels
items(id SqlType.Integer not null, name SqlType.Text not null comment shown, price SqlType.Numeric(8, 2) not null default Value(1)) constraints [pk_items, ck_items_price] indexes [ix_items_name]
untracked: revision r1 changed it with raw SQL (execute ALTER TABLE items RENAME COLUMN price TO cost)
labels(id SqlType.Integer not null) constraints [pk_tags] indexes []
untracked: revision r1 ran C# code ('touch items') that may have changed it
after drop table labels
items(id SqlType.Integer not null, name SqlType.Text not null comment shown, price SqlType.Numeric(8, 2) not null default Value(1)) constraints [pk_items, ck_items_price] indexes [ix_items_name]
untracked: revision r1 changed it with raw SQL (execute ALTER TABLE items RENAME COLUMN price TO cost)
after drop table items
after drop enum type mood
after drop enum type sales.mood
after drop schema sales
""";
    }
}
