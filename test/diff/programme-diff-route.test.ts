import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.js';
import { fixedRuleSet } from '../../src/reload/rule-set-source.js';
import { BUNDLED_RULES, ruleSetAt } from '../support/rule-sets.js';
import { addedVersion, programmeFolders, writeFile } from './draft-versions.js';
import { editedCopy, removeCopies } from './fictional-edits.js';

afterAll(removeCopies);

const PROGRAMMES = programmeFolders(BUNDLED_RULES);

/** The bundled rules with a FICTIONAL new version of every programme. */
function withNewVersions(): { directory: string; added: Map<string, ReturnType<typeof addedVersion>> } {
  const directory = editedCopy(BUNDLED_RULES);
  const added = new Map(PROGRAMMES.map((programme) => [programme, addedVersion(BUNDLED_RULES, programme)]));
  for (const version of added.values()) writeFile(directory, version.file, version.text);
  return { directory, added };
}

describe('GET /v1/programmes/{id}/diff for every programme', () => {
  const rules = ruleSetAt(BUNDLED_RULES);
  const app = createApp(fixedRuleSet(rules));

  it.each(PROGRAMMES)('%s: every pair of versions, each version against the one before it, and the last one without a query', async (programme) => {
    const versions = rules.programmes.get(programme)?.versions ?? [];
    for (const from of versions) {
      for (const to of versions) {
        const response = await request(app).get(
          `/v1/programmes/${programme}/diff?from=${encodeURIComponent(from.version)}&to=${encodeURIComponent(to.version)}`,
        );
        expect(response.status, `${from.version} → ${to.version}`).toBe(200);
        expect(response.body).toMatchObject({ programme, version: to.version });
      }
    }
    for (const [index, to] of versions.entries()) {
      const response = await request(app)
        .get(`/v1/programmes/${programme}/diff?to=${encodeURIComponent(to.version)}`)
        .expect(200);
      const before = versions[index - 1];
      expect(response.body).toMatchObject(
        before ? { version: to.version, change: 'added', comparedWith: before.version } : { version: to.version, change: 'added' },
      );
      if (!before) expect(response.body.comparedWith).toBeUndefined();
    }
    const latest = await request(app).get(`/v1/programmes/${programme}/diff`).expect(200);
    expect(latest.body.version).toBe(versions.at(-1)?.version);
  });

  it.each(PROGRAMMES)('%s: a new version is shown against the one before it', async (programme) => {
    const { directory, added } = withNewVersions();
    const version = added.get(programme) as ReturnType<typeof addedVersion>;
    const response = await request(createApp(fixedRuleSet(ruleSetAt(directory))))
      .get(`/v1/programmes/${programme}/diff`)
      .expect(200);
    expect(response.body).toMatchObject({ version: version.id, change: 'added', comparedWith: version.previous });
    expect(response.body.parameters).toContainEqual(
      expect.objectContaining({ name: version.parameter.name, old: version.parameter.old, new: version.parameter.new }),
    );
  });

  it('a `to` that is no version is a 400 at /to', async () => {
    const response = await request(app).get(`/v1/programmes/${PROGRAMMES[0]}/diff?to=no-such-version`).expect(400);
    expect(response.body.errors.map((error: { path: string }) => error.path)).toEqual(['/to']);
  });
});
