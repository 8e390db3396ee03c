import { describe, expect, it } from 'vitest';
import { DATASET_CLASSIFICATIONS, isDatasetClassification } from './dataset-classification';

describe('dataset classifications', () => {
  it('accepts exactly the four levels, least sensitive first', () => {
    expect(DATASET_CLASSIFICATIONS).toEqual(['public', 'internal', 'confidential', 'restricted']);
    for (const c of DATASET_CLASSIFICATIONS) expect(isDatasetClassification(c)).toBe(true);
  });

  it('refuses anything else, including a different case', () => {
    for (const c of ['', 'secret', 'Restricted', ' public']) expect(isDatasetClassification(c)).toBe(false);
  });
});
