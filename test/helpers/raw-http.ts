import { connect } from 'node:net';

export interface RawResponse {
  status: number;
  /** The status line and header block as received (latin1). */
  head: string;
  /** The body (de-chunked) as UTF-8. */
  body: string;
}

/** A header line: a string value is sent as latin1, a Buffer byte for byte. */
export type RawHeader = [name: string, value: string | Buffer];

/**
 * Sends one HTTP/1.1 request exactly as given and reads the response until the server closes
 * the connection. Header values may hold any byte — NUL, a bare CR, UTF-8 — which fetch and
 * node:http refuse to send; the server's HTTP parser must then answer, not the test client.
 */
export function rawRequest(
  url: string,
  {
    method = 'POST',
    headers = [],
    body = '',
  }: { method?: string; headers?: RawHeader[]; body?: string },
): Promise<RawResponse> {
  const { hostname, port, pathname, search } = new URL(url);
  const payload = Buffer.from(body, 'utf8');
  const lines: Buffer[] = [
    Buffer.from(`${method} ${pathname}${search} HTTP/1.1\r\n`, 'latin1'),
    Buffer.from(`host: ${hostname}:${port}\r\nconnection: close\r\n`, 'latin1'),
    Buffer.from(`content-length: ${payload.length}\r\n`, 'latin1'),
    ...headers.map(([name, value]) =>
      Buffer.concat([
        Buffer.from(`${name}: `, 'latin1'),
        typeof value === 'string' ? Buffer.from(value, 'latin1') : value,
        Buffer.from('\r\n', 'latin1'),
      ]),
    ),
    Buffer.from('\r\n', 'latin1'),
    payload,
  ];
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect(Number(port), hostname.replace(/^\[|\]$/g, ''));
    let settled = false;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      const received = Buffer.concat(chunks);
      // A server may reset the connection right after answering a request it refuses.
      if (received.length === 0) {
        reject(error ?? new Error('the server closed the connection without a response'));
        return;
      }
      resolve(parseResponse(received));
    };
    socket.setTimeout(10_000, () => socket.destroy(new Error('raw request timed out')));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', (error) => finish(error));
    socket.on('close', () => finish());
    socket.end(Buffer.concat(lines));
  });
}

function parseResponse(received: Buffer): RawResponse {
  const split = received.indexOf('\r\n\r\n');
  const head = received.subarray(0, split === -1 ? received.length : split).toString('latin1');
  const rest = split === -1 ? Buffer.alloc(0) : received.subarray(split + 4);
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0);
  const chunked = /^transfer-encoding:[ \t]*chunked/im.test(head);
  return { status, head, body: (chunked ? dechunk(rest) : rest).toString('utf8') };
}

function dechunk(data: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  while (at < data.length) {
    const eol = data.indexOf('\r\n', at);
    if (eol === -1) break;
    const size = Number.parseInt(data.subarray(at, eol).toString('latin1'), 16);
    if (!(size > 0)) break;
    parts.push(data.subarray(eol + 2, eol + 2 + size));
    at = eol + 2 + size + 2;
  }
  return Buffer.concat(parts);
}
