// Types of server.mjs for the TypeScript tests (the stand-in itself is plain JS with JSDoc).

export interface LoggedRequest {
  /** Real time (ms) it arrived. */
  at: number;
  scheme: 'http' | 'https';
  host: string;
  method: string;
  /** Path and query. */
  url: string;
  /** Sec-Fetch-Dest: document, iframe, image… ("empty" for fetch/XHR). */
  dest: string;
  mode: string;
  site: string;
  origin: string;
  status: number;
}

export interface StandinApplication {
  certNo: string;
  appliedAt: number;
  validityDays: number;
  scenario: string;
  readyAt: number;
}

export interface StandinCertificate {
  number: string;
  name: string;
  qualification: string;
  level: string;
  approvalDate: string;
  status: 'valid' | 'withdrawn';
}

export interface Standin {
  ports: { http: number; https: number };
  /** Every request for a page or a page's resource, in order (control requests are not logged). */
  requests: LoggedRequest[];
  clock: { now(): number; advance(ms: number): void; set(instant: number): void };
  setReadyDelay(ms: number): void;
  accounts: Map<string, { termsAccepted: boolean; applications: StandinApplication[] }>;
  certificates: StandinCertificate[];
  close(): Promise<void>;
}

export function startStandin(options?: {
  readyDelayMs?: number;
  now?: number | Date | (() => number);
  ports?: { http?: number; https?: number };
  log?: (line: string) => void;
  /** Called (and awaited) when the control moves the clock, e.g. to move the browser's too. */
  onClockMoved?: (now: number) => unknown;
}): Promise<Standin>;
