/** Training is reproducible: the corpus in data/nlu trains, byte for byte, into the model the server ships. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCorpus } from './nlu.corpus.js';
import { MODEL_PATH } from './nlu.model.js';
import { serializeModel, trainModel } from './nlu.train.js';

describe('training', () => {
  it('turns the committed corpus into exactly the shipped model file', () => {
    const { train, hash } = readCorpus();
    const shipped = readFileSync(MODEL_PATH, 'utf8');
    const trained = serializeModel(trainModel(train, hash));
    // Compare the version first: a readable failure instead of a megabyte diff.
    expect(JSON.parse(trained).version).toBe(JSON.parse(shipped).version);
    expect(trained === shipped).toBe(true);
  }, 180_000);
});
