/**
 * The directory file shape lives in the contract (inputs are validated in one place, ARCHITECTURE.md, invariant 1); docs-core
 * uses the same schema for files read from disk.
 */
export {
  DIRECTORY_FILE_FORMAT,
  directoryLevelSchema,
  directoryEndpointSchema,
  directoryFileSchema,
  type DirectoryLevel,
  type DirectoryEndpoint,
  type DirectoryFile,
  type DirectoryFileInput,
} from '@eoffice/contract';
