import { describe, expect, it } from 'vitest';
import { chipLabel } from '../../src/flex/quick-reply.js';

describe('chip labels worked out once', () => {
  it('when the same long label is cut again, then it is cut the same way', () => {
    const name = 'แนวทางการประพฤติตนทางจริยธรรม';
    expect(chipLabel(name)).toBe('แนวทางการประพฤติตน');
    expect(chipLabel(name)).toBe('แนวทางการประพฤติตน');
    expect(chipLabel(` ${name}  `)).toBe('แนวทางการประพฤติตน');
  });

  it('when more labels are cut than are kept, then each is still cut correctly', () => {
    for (let i = 0; i < 2_500; i++) expect(chipLabel(`${'ก'.repeat(25)}${i}`)).toBe('ก'.repeat(20));
    expect(chipLabel('แนวทางการประพฤติตนทางจริยธรรม')).toBe('แนวทางการประพฤติตน');
  });
});
