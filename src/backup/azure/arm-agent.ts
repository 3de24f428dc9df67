import https from 'node:https';
import tls from 'node:tls';

/**
 * Connections to Resource Manager held open at most, across every SDK client of the bot. A
 * burst of chat requests fans out into hundreds of reads; past this many they queue for a free
 * connection instead of each opening (and handshaking) its own.
 */
export const ARM_MAX_CONNECTIONS = 32;
const IDLE_CONNECTION_MS = 60_000;

/**
 * The one keep-alive HTTPS agent every SDK client shares (their `agent` option), so a
 * connection opened by one client serves the others, and the pool is bounded. A trusted CA
 * (the emulator's self-signed certificate) goes into one TLS context made here, scoped to this
 * agent: the default `tlsOptions: { ca }` would parse the PEM again for every new connection.
 */
export function createArmAgent(ca: string | undefined, maxSockets = ARM_MAX_CONNECTIONS): https.Agent {
  return new https.Agent({
    keepAlive: true,
    maxSockets,
    // An idle connection is closed by the bot before a server or load balancer would drop it
    // under a request (Azure's own idle timeout is minutes).
    timeout: IDLE_CONNECTION_MS,
    ...(ca !== undefined ? { secureContext: tls.createSecureContext({ ca }) } : {}),
  });
}
