/**
 * The page's bridge client (`BridgeConnection`) in Node, for the bridge's tests, the bench and the e2e attack
 * replays: a `ws` socket behind `SocketPort`, sending the Origin a browser would. A paired client of this kind
 * is exactly what an attacker with the pairing code (or an XSS in the page) would hold.
 */
import WebSocket from 'ws';
import { BridgeConnection, loadOpaqueClient, type OpenSocket } from '../../app/readers/pcsc-bridge/connection';
import { memoryPairingKeyStore, type PairingKeyStore } from '../../app/readers/pcsc-bridge/pairing-keys';
import type { Frame } from '../../app/readers/pcsc-bridge/protocol';

/** A `ws` client socket sending `origin`. */
export function nodeSocket(origin: string): OpenSocket {
  return (url, handlers) => {
    const socket = new WebSocket(url, { origin });
    socket.on('open', () => {
      handlers.onOpen();
    });
    socket.on('message', (data: Buffer, isBinary) => {
      handlers.onFrame(isBinary ? new Uint8Array(data) : data.toString('utf8'));
    });
    socket.on('close', () => {
      handlers.onClose();
    });
    socket.on('error', () => undefined);
    return {
      send: (frame: Frame) => {
        if (socket.readyState === WebSocket.OPEN) socket.send(frame);
      },
      close: () => {
        socket.close();
      },
    };
  };
}

/** A bridge client as the page runs it, on `port`, for `origin`, with its pairing keys in `keys` (memory). */
export function nodeBridgeClient(
  port: number,
  origin: string,
  keys: PairingKeyStore = memoryPairingKeyStore(),
): BridgeConnection {
  return new BridgeConnection(`ws://127.0.0.1:${port}/`, {
    openSocket: nodeSocket(origin),
    keys,
    origin,
    loadOpaque: loadOpaqueClient,
  });
}
