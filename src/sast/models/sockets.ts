import type { FrameworkModel } from '../taint/spec.ts';

/**
 * Sockets a client connects to: socket.io, ws and net hand each connection's socket to a
 * `connection` listener; whatever arrives on it (`socket.on('chat', (msg, ack) => …)`, net's
 * `data`) and the handshake's query and headers are the client's. The events the library emits
 * itself (`disconnect`'s reason, `error`) are not.
 */
export const sockets: FrameworkModel = {
  framework: 'sockets',
  hints: ['\\bon\\s*\\(\\s*[\'"]connection[\'"]'],
  handlers: [
    { framework: 'sockets', call: '*.on', firstArg: 'connection', params: ['@ClientSocket'] },
    {
      framework: 'sockets',
      call: '@ClientSocket.on',
      exceptFirstArg: ['connect', 'disconnect', 'disconnecting', 'error', 'close', 'end', 'timeout'],
      params: ['@SocketMessage', '@SocketMessage', '@SocketMessage', '@SocketMessage'],
    },
  ],
  sources: [
    { path: '@SocketMessage', kind: 'remote', label: 'a socket message' },
    { path: '@ClientSocket.handshake', kind: 'remote', label: 'the socket handshake' },
  ],
};
