/**
 * Empty on purpose: the room for delivery (see README.md). A back-off helper lived here with no caller; it went, to
 * come back with the sync engine that uses it (ARCHITECTURE.md, invariant 5).
 */
export {};
