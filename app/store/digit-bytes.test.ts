import { describe, expect, it } from 'vitest';
import { digitBytes } from './digit-bytes';

describe('digitBytes', () => {
  it('folds full-width digits and drops spaces', () => {
    expect(String.fromCharCode(...digitBytes('５５０ ２１７'))).toBe('550217');
    expect(String.fromCharCode(...digitBytes(' 2035\u3000'))).toBe('2035');
  });

  it('keeps anything else as it is, for the check to refuse', () => {
    expect(String.fromCharCode(...digitBytes('22a5'))).toBe('22a5');
  });
});
