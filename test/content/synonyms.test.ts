import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSynonyms, SynonymsError } from '../../src/content/synonyms.js';
import { mergeGroups, Thesaurus } from '../../src/content/thesaurus.js';
import { analyzeText } from '../../src/content/text-analysis.js';
import { SHIPPED_DATA_DIR } from '../../src/paths.js';
import { tempDir } from '../helpers/temp-dir.js';

async function folderWith(json: string | null): Promise<string> {
  const dir = await tempDir('synonyms-');
  await mkdir(dir, { recursive: true });
  if (json !== null) await writeFile(path.join(dir, 'synonyms.json'), json, 'utf8');
  return dir;
}

describe('loadSynonyms', () => {
  it('when DATA_DIR has no synonyms file, then the shipped groups are used', async () => {
    const groups = await loadSynonyms(SHIPPED_DATA_DIR, await folderWith(null));
    expect(groups.some((g) => g.includes('โพนทราย') && g.includes('โพธาราย'))).toBe(true);
    expect(groups.some((g) => g.includes('ดุลพินิจ') && g.includes('ดุลยพินิจ'))).toBe(true);
  });

  it('when staff add a group sharing a term with a shipped group, then the two become one', async () => {
    const dataDir = await folderWith(
      JSON.stringify({
        groups: [
          ['โกงกิน', 'ทุจริต'],
          ['ขยะ', 'garbage'],
        ],
      }),
    );
    const groups = await loadSynonyms(SHIPPED_DATA_DIR, dataDir);
    const corruption = groups.find((g) => g.includes('ทุจริต'));
    expect(corruption).toContain('โกงกิน');
    expect(corruption).toContain('คอรัปชั่น');
    expect(groups.some((g) => g.includes('garbage'))).toBe(true);
  });

  it('when the staff file is not JSON, then the error names the file', async () => {
    const dataDir = await folderWith('{ "groups": [ ["a", "b"] ');
    const error = await loadSynonyms(SHIPPED_DATA_DIR, dataDir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SynonymsError);
    expect((error as Error).message).toContain(path.join(dataDir, 'synonyms.json'));
    expect((error as Error).message).toContain('not valid JSON');
  });

  it('when the staff file has the wrong shape, then the error names the file and the place', async () => {
    const dataDir = await folderWith(JSON.stringify({ groups: [['ทุจริต']] }));
    await expect(loadSynonyms(SHIPPED_DATA_DIR, dataDir)).rejects.toThrow(
      /synonyms\.json: groups\.0: a group needs at least two terms/,
    );
    const other = await folderWith(JSON.stringify(['ทุจริต', 'โกง']));
    await expect(loadSynonyms(SHIPPED_DATA_DIR, other)).rejects.toThrow(SynonymsError);
  });

  it('when the shipped file is missing, then loading fails naming it', async () => {
    const empty = await folderWith(null);
    await expect(loadSynonyms(empty, empty)).rejects.toThrow(path.join(empty, 'synonyms.json'));
  });
});

describe('Thesaurus', () => {
  it('when groups share a term in matching form, then mergeGroups joins them', () => {
    expect(
      mergeGroups([
        ['ITA', 'ไอทีเอ'],
        ['ita', 'score'],
        ['ขยะ', 'garbage'],
      ]),
    ).toEqual([
      ['ITA', 'ไอทีเอ', 'ita', 'score'],
      ['ขยะ', 'garbage'],
    ]);
  });

  it('when a short or Latin term sits inside another word, then it is not found there', () => {
    const thesaurus = new Thesaurus([
      ['เซ็น', 'ลงนาม'],
      ['ita', 'ไอทีเอ'],
    ]);
    expect(thesaurus.find(analyzeText('ได้กี่เปอร์เซ็นต์'))).toEqual([]);
    expect(thesaurus.find(analyzeText('capital city'))).toEqual([]);
    expect(thesaurus.find(analyzeText('ใครเซ็นประกาศ ITA'))).toHaveLength(2);
  });

  it('when a term is part of a longer term found at the same place, then only the longer one counts', () => {
    const thesaurus = new Thesaurus([
      ['ข้อมูล', 'data'],
      ['ข้อมูลข่าวสาร', 'disclosure'],
    ]);
    const hits = thesaurus.find(analyzeText('ข้อมูลข่าวสารของราชการ'));
    expect(hits.map((h) => h.concept)).toEqual([thesaurus.conceptOf('disclosure')]);
  });
});
