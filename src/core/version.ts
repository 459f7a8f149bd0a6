/**
 * Bumped whenever parsing, quote extraction or attribution changes what they produce, so stored
 * analyses from an older version are redone at start-up.
 */
export const ANALYZER_VERSION = 139;
