// Recordings: call audio sealed at rest (AES-256-GCM in chunks, so byte ranges play without
// decrypting the whole file), the keyring and its rotation, and the local or S3 object store.
export { DEFAULT_CHUNK_SIZE, type Keyring, type RecordingKey } from './recordings.crypto.js';
export { RecordingErrors } from './recordings.errors.js';
export { createKeyring, keyringOf, parseRecordingKeys } from './recordings.keys.js';
export {
  createRecordingsService,
  type OpenedRecording,
  type RecordingStat,
  type RecordingsDeps,
  type RecordingsService,
  type RekeyResult,
} from './recordings.service.js';
export {
  createLocalObjectStore,
  createObjectStore,
  createS3ObjectStore,
  type ObjectRange,
  type ObjectStore,
  type ObjectStoreConfig,
  type ObjectStoreName,
  type S3StoreOptions,
} from './recordings.store.js';
