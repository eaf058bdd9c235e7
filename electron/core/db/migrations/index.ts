import { InitialSchema1764460800000 } from './0001-initial-schema';

/** Every migration, in order. Listed explicitly (not globbed) so bundlers keep them and their names. */
export const MIGRATIONS = [InitialSchema1764460800000];
