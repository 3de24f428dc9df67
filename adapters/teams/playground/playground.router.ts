import path from 'node:path';
import express, { type Request, type RequestHandler } from 'express';
import type { Activity, InvokeResponse } from 'botbuilder';
import type { Logger } from '../../../src/log';
import { directLineRouter } from './direct-line.router';
import { appRoot } from '../../../src/util/app-root';
import { localConnectorRouter } from './local-connector.router';
import { PlaygroundConversations } from './playground-conversations';

/** Where the playground's routes live. */
export const PLAYGROUND_PATHS = {
  page: '/',
  assets: '/playground',
  webChatBundle: '/playground/vendor/webchat.js',
  info: '/playground/info.json',
  directLine: '/v3/directline',
  connector: '/playground/connector',
} as const;

export interface PlaygroundOptions {
  /** Runs an activity through the bot as an unauthenticated channel would (CloudAdapter.processActivity). */
  deliver: (activity: Partial<Activity>) => Promise<InvokeResponse | undefined>;
  /** What the page's banner says Azure is. */
  azure: 'emulator' | 'azure';
  logger: Logger;
  /** Runs before every playground route (the loopback check). */
  guard: RequestHandler;
  /** The folder with index.html, playground.js and playground.css; default <repo>/playground. */
  staticDir?: string;
}

/** Web Chat's self-contained browser bundle (window.WebChat), from the installed package. */
export function webChatBundlePath(): string {
  // The package exports only ".", which resolves (for require) to lib/index.js; the bundle sits in dist/.
  return path.join(path.dirname(require.resolve('botframework-webchat')), '..', 'dist', 'webchat.js');
}

/** The serviceUrl of the local connector, on the address and port this request came in on. */
function connectorUrl(req: Request): string {
  const local = req.socket.localAddress ?? '127.0.0.1';
  const host = local.startsWith('::ffff:') ? local.slice(7) : local.includes(':') ? `[${local}]` : local;
  return `http://${host}:${req.socket.localPort}${PLAYGROUND_PATHS.connector}`;
}

/**
 * The local playground: Microsoft's Web Chat, served from node_modules, talking to the bot
 * through a Direct Line endpoint and a local Bot Connector, all on this server.
 */
export function playgroundRouter(options: PlaygroundOptions): express.Router {
  const staticDir = options.staticDir ?? path.join(appRoot(), 'playground');
  const conversations = new PlaygroundConversations();
  const router = express.Router();
  const { guard } = options;

  // Guarded path by path: this router is mounted at the root, next to other platforms' routes.
  // `root` keeps send's dot-folder refusal to the path below it: an app installed under a folder
  // such as ~/.cache/ still serves its page.
  router.get(PLAYGROUND_PATHS.page, guard, (_req, res) => res.sendFile('index.html', { root: staticDir }));
  router.get(PLAYGROUND_PATHS.webChatBundle, guard, (_req, res) => {
    const bundle = webChatBundlePath();
    res.sendFile(path.basename(bundle), { root: path.dirname(bundle), maxAge: '1h' });
  });
  router.get(PLAYGROUND_PATHS.info, guard, (_req, res) => res.json({ azure: options.azure }));
  router.use(
    PLAYGROUND_PATHS.directLine,
    guard,
    directLineRouter({
      conversations,
      deliver: options.deliver,
      connectorUrl,
      onError: (err, activity) =>
        options.logger.error('playground: the bot failed to handle an activity', { err, type: activity.type, name: activity.name }),
    }),
  );
  router.use(PLAYGROUND_PATHS.connector, guard, localConnectorRouter(conversations));
  router.use(PLAYGROUND_PATHS.assets, guard, express.static(staticDir, { index: false }));
  return router;
}
