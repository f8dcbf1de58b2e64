import { fileURLToPath } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The folder rules of eslint.config.js (folders of src/ depend inward: core ← config ← … ← cli):
 * an import from a folder above is reported with the rule's message, one from below is not.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
let eslint: ESLint;

/** The messages ESLint gives for `code` as if it were the file `filePath` (relative to the repository). */
async function lint(filePath: string, code: string): Promise<Linter.LintMessage[]> {
  const [result] = await eslint.lintText(code, { filePath: `${ROOT}${filePath}` });
  return result.messages;
}

const folderRule = (messages: Linter.LintMessage[]) => messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);

beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT });
});

describe('folder import rules', () => {
  it('core imports nothing of ours', async () => {
    const messages = await lint('src/core/x.ts', "import { Router } from '../gateway/router.js';\nexport const r = Router;\n");
    expect(folderRule(messages)).toEqual([expect.stringContaining('core imports nothing of ours')]);
  });

  it('store imports only core and config (type imports too, from any depth of the path)', async () => {
    const messages = await lint(
      'src/store/x.ts',
      "import type { PolicyDocument } from '../compliance/contracts.js';\nimport { AuditLog } from '../compliance/audit/audit-log.js';\nexport type P = PolicyDocument;\nexport const a = AuditLog;\n",
    );
    expect(folderRule(messages)).toEqual([
      expect.stringContaining('store imports only core and config'),
      expect.stringContaining('store imports only core and config'),
    ]);
  });

  it('the gateway imports no stage and no store: compliance, limits and the cache plug in through core/stage.ts', async () => {
    for (const [from, name] of [
      ['../compliance/compliance-gate.js', 'ComplianceGate'],
      ['../governance/enforcer.js', 'Enforcer'],
      ['../cache/cache-stage.js', 'cacheStage'],
      ['../store/request-log-repository.js', 'RequestLogRepository'],
    ]) {
      const messages = await lint('src/gateway/x.ts', `import { ${name} } from '${from}';\nexport const v = ${name};\n`);
      expect(folderRule(messages), from).toEqual([expect.stringContaining('gateway imports no stage')]);
    }
    const inward = await lint(
      'src/gateway/x.ts',
      "import type { Stage } from '../core/stage.js';\nexport type S = Stage<unknown, unknown, unknown, unknown>;\n",
    );
    expect(folderRule(inward)).toEqual([]);
  });

  it('the catalog is data below the providers: it imports none of them', async () => {
    const messages = await lint(
      'src/catalog/x.ts',
      "import type { AdapterProtocol } from '../providers/adapters.js';\nexport type P = AdapterProtocol;\n",
    );
    expect(folderRule(messages)).toEqual([expect.stringContaining('catalog imports only core')]);
  });

  it('runtime imports neither server nor cli, from a nested file as well', async () => {
    const top = await lint('src/runtime/x.ts', "import { hashToken } from '../server/auth.js';\nexport const h = hashToken;\n");
    expect(folderRule(top)).toEqual([expect.stringContaining('runtime imports neither server nor cli')]);
    const nested = await lint('src/runtime/sub/x.ts', "export { registerApi } from '../../server/api/register-api.js';\n");
    expect(folderRule(nested)).toEqual([expect.stringContaining('runtime imports neither server nor cli')]);
  });

  it('the job queue imports only core, config and store: job types plug in from their folders', async () => {
    for (const from of ['../compliance/audit/retention-job.js', '../gateway/gateway.js', '../runtime/create-runtime.js']) {
      const messages = await lint('src/jobs/x.ts', `import * as m from '${from}';\nexport const v = m;\n`);
      expect(folderRule(messages), from).toEqual([expect.stringContaining('jobs imports only core, config and store')]);
    }
    const inward = await lint(
      'src/jobs/x.ts',
      "import { JobRepository } from '../store/job-repository.js';\nimport type { JobsConfig } from '../config/schema.js';\nexport type J = [JobRepository, JobsConfig];\n",
    );
    expect(folderRule(inward)).toEqual([]);
    // And nothing below it reaches up to it.
    const store = await lint('src/store/x.ts', "import { DbJobQueue } from '../jobs/db-job-queue.js';\nexport const q = DbJobQueue;\n");
    expect(folderRule(store)).toEqual([expect.stringContaining('store imports only core and config')]);
  });

  it('imports pointing inward pass', async () => {
    expect(await lint('src/core/x.ts', "import { LIMITS } from './limits.js';\nexport const l = LIMITS;\n")).toEqual([]);
    expect(
      await lint(
        'src/store/x.ts',
        "import type { PolicyDocument } from '../core/policy-document.js';\nimport type { BaimoConfig } from '../config/schema.js';\nexport type P = [PolicyDocument, BaimoConfig];\n",
      ),
    ).toEqual([]);
    expect(
      await lint(
        'src/runtime/x.ts',
        "import { Gateway } from '../gateway/gateway.js';\nimport { hashToken } from '../security/tokens.js';\nexport const g = [Gateway, hashToken];\n",
      ),
    ).toEqual([]);
  });
});
