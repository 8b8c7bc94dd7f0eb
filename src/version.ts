// vmjs's version, as package.json says (test/vm/cached-data.test.mjs checks that they agree): it is
// part of what cachedData records, so that data made by another vmjs is rejected.
export const VMJS_VERSION = '0.1.0';
