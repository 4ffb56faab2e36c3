import {
  DataTypeNode,
  GeneratedNode,
  OperationNodeTransformer,
  type ColumnDefinitionNode,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';

/**
 * The migrations are written once, in SQLite's types; this plugin reads their DDL the way SQLite means it on
 * PostgreSQL, so one list runs on both (a step branches on the dialect only where the SQL itself differs):
 * - `integer` is 64-bit in SQLite: bigint here;
 * - an `integer primary key` is SQLite's rowid, numbered by the database when an insert leaves it out: an identity
 *   column here (`by default`, so rows given an id, as a copy does, keep it); `autoincrement` is the same;
 * - `blob` is bytea and `real` is double precision.
 * Queries other than DDL pass through untouched.
 */
export class PostgresSchemaPlugin implements KyselyPlugin {
  readonly #transformer = new SqliteTypesTransformer();

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const kind = args.node.kind;
    if (kind !== 'CreateTableNode' && kind !== 'AlterTableNode') return args.node;
    return this.#transformer.transformNode(args.node);
  }

  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}

const TYPES: Readonly<Record<string, 'bigint' | 'bytea' | 'double precision'>> = {
  integer: 'bigint',
  blob: 'bytea',
  real: 'double precision',
};

class SqliteTypesTransformer extends OperationNodeTransformer {
  protected override transformDataType(node: DataTypeNode): DataTypeNode {
    const mapped = TYPES[node.dataType];
    return mapped ? DataTypeNode.create(mapped) : node;
  }

  protected override transformColumnDefinition(node: ColumnDefinitionNode): ColumnDefinitionNode {
    const column = super.transformColumnDefinition(node);
    const isRowid = DataTypeNode.is(node.dataType) && node.dataType.dataType === 'integer' && node.primaryKey === true;
    if (!isRowid && !node.autoIncrement) return column;
    return { ...column, autoIncrement: false, generated: GeneratedNode.create({ identity: true, byDefault: true }) };
  }
}
