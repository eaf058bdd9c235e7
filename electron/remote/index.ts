/**
 * The district server as the desktop app's core: plain Node (no Electron), so the app, the
 * server's own tests and any tool can use the same client.
 */
export { createRemoteCore, type RemoteCore, type RemoteCoreOptions, type RemoteSession, type SignedIn, type FetchLike } from './remote-core';
export { parseServerUrl, isLoopbackHost, ServerUrlError } from './server-url';
export { describeNetworkFailure, unreachableMessage, type NetworkFailure } from './network-failure';
