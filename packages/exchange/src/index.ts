/** Delivery to other agencies (README.md): the edXML codec first; the axis client and the sync engine build on it. */
export * from './edxml/index.js';
export { outgoingEdoc, edxmlTimestamp, type OutgoingOptions, type StoreAccess } from './outgoing/outgoing-edoc.js';
