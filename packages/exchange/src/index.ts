/** Delivery to other agencies (README.md): the edXML codec first; the axis client and the sync engine build on it. */
export * from './edxml/index.js';
export { outgoingEdoc, edxmlTimestamp, type OutgoingOptions, type StoreAccess } from './outgoing/outgoing-edoc.js';
export { AxisClient, type AxisClientOptions, type ReceivedItem, type MessageType } from './axis/axis-client.js';
export { axisSecretFrom } from './axis/axis-secret.js';
export { SdkHeaderMap, buildAxisRequest, type AxisCall, type AxisRequest } from './axis/axis-request.js';
export { verifyHeaderSignature, sdkHex, sdkTimestamp } from './axis/header-signature.js';
export { startAxisServer, type AxisServerOptions, type RunningAxis } from './axis-server/axis-server.js';
export { axisSystemsSchema, parseAgencies, type AxisSystem } from './axis-server/axis-systems.js';
export { startDemoPeers, type DemoPeers, type DemoPeersOptions } from './axis-server/demo-peers.js';
export * from './sync/index.js';
