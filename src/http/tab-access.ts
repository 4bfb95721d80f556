import type { Request, Response } from 'express';
import helmet from 'helmet';
import { err, ok, type Result } from '../domain/result.js';
import { DEV_USER_HEADER } from './metrics-contract.js';
import type { HttpLog } from './server.js';
import type { TokenVerifier } from './teams-sso.js';

/** Teams shows tabs in frames of these origins; nothing else may frame the page. */
const FRAME_ANCESTORS = ["'self'", 'https://teams.microsoft.com', 'https://*.teams.microsoft.com', 'https://*.cloud.microsoft', 'https://*.office.com'];

/** Every tab page's headers: its own scripts and styles only, framed by Teams alone. */
export const tabSecurity = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'"],
      connectSrc: ["'self'"],
      fontSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: FRAME_ANCESTORS,
    },
  },
  // X-Frame-Options cannot name Teams; frame-ancestors above decides who may frame the page.
  xFrameOptions: false,
  // Set for every response behind HTTPS, in server.ts.
  strictTransportSecurity: false,
});

export interface Refusal {
  readonly status: 400 | 401 | 403 | 404 | 503;
  readonly code: string;
}

export function refuse(res: Response, refusal: Refusal): void {
  if (refusal.status === 401) res.setHeader('www-authenticate', 'Bearer');
  res.status(refusal.status).json({ error: refusal.code });
}

export interface TabSignIn {
  /** Teams SSO; absent without an app id and tenant, where a bearer token is always refused. */
  readonly verifyToken?: TokenVerifier | undefined;
  /** Local mode only: the page offers a person picker and the API takes the dev user header. */
  readonly devSignIn: boolean;
  readonly log: HttpLog;
}

/** Who asks a tab's API: the dev user in local mode, else the person of a valid Teams SSO token. */
export function tabViewer(deps: TabSignIn): (req: Request) => Promise<Result<string, Refusal>> {
  return async (req) => {
    const devUser = req.get(DEV_USER_HEADER);
    if (devUser !== undefined) {
      if (!deps.devSignIn) {
        deps.log.warn({ path: req.path }, 'dev sign-in header refused: Bot Framework credentials are set');
        return err({ status: 401, code: 'auth.dev_sign_in_refused' });
      }
      return ok(devUser.trim());
    }
    const token = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1];
    if (!token) return err({ status: 401, code: 'auth.missing_token' });
    if (!deps.verifyToken) return err({ status: 401, code: 'auth.invalid_token' });
    const person = await deps.verifyToken(token);
    return person.ok ? person : err({ status: person.error.code === 'auth.keys_unavailable' ? 503 : 401, code: person.error.code });
  };
}
