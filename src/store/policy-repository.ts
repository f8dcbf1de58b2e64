import type { Kysely } from 'kysely';
import type { PolicyDocument } from '../core/policy-document.js';
import { dropPrototypeKeys } from '../core/prototype-keys.js';
import type { Database, SecurityPolicyTable } from './schema.js';

/** What a stored policy belongs to. */
export type PolicyScope = 'workspace' | 'app' | 'key';
export const POLICY_SCOPES: readonly PolicyScope[] = ['workspace', 'app', 'key'];

/** One stored policy, its JSON parsed. */
export interface StoredPolicy {
  scopeType: PolicyScope;
  scopeId: string;
  /** The workspace the scope belongs to (the workspace itself for workspace policies). */
  workspaceId: string;
  policy: PolicyDocument;
  updatedAt: number;
  updatedBy: string | null;
}

type PolicyRow = SecurityPolicyTable;

const toStored = (r: PolicyRow): StoredPolicy => ({
  scopeType: r.scope_type,
  scopeId: r.scope_id,
  workspaceId: r.workspace_id,
  policy: JSON.parse(r.policy, dropPrototypeKeys) as PolicyDocument,
  updatedAt: r.updated_at ?? 0,
  updatedBy: r.updated_by,
});

/** The `security_policies` table: one policy document per workspace, app or key. */
export class PolicyRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Every stored policy, or those of one workspace. */
  async list(workspaceId?: string): Promise<StoredPolicy[]> {
    let q = this.db.selectFrom('security_policies').selectAll();
    if (workspaceId !== undefined) q = q.where('workspace_id', '=', workspaceId);
    const rows = await q.orderBy('workspace_id').orderBy('scope_type').orderBy('scope_id').execute();
    return rows.map(toStored);
  }

  async get(scopeType: PolicyScope, scopeId: string): Promise<StoredPolicy | undefined> {
    const row = await this.db
      .selectFrom('security_policies')
      .selectAll()
      .where('scope_type', '=', scopeType)
      .where('scope_id', '=', scopeId)
      .executeTakeFirst();
    return row ? toStored(row) : undefined;
  }

  /** Creates or replaces the policy of a scope. */
  async put(p: Omit<StoredPolicy, 'updatedAt'> & { updatedAt?: number }): Promise<StoredPolicy> {
    const row: PolicyRow = {
      scope_type: p.scopeType,
      scope_id: p.scopeId,
      workspace_id: p.workspaceId,
      policy: JSON.stringify(p.policy),
      updated_at: p.updatedAt ?? Date.now(),
      updated_by: p.updatedBy,
    };
    await this.db
      .insertInto('security_policies')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['scope_type', 'scope_id']).doUpdateSet({
          workspace_id: row.workspace_id,
          policy: row.policy,
          updated_at: row.updated_at,
          updated_by: row.updated_by,
        }),
      )
      .execute();
    return toStored(row);
  }

  /** Deletes the policy of a scope; false when there was none. */
  async delete(scopeType: PolicyScope, scopeId: string): Promise<boolean> {
    const r = await this.db
      .deleteFrom('security_policies')
      .where('scope_type', '=', scopeType)
      .where('scope_id', '=', scopeId)
      .executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }
}
