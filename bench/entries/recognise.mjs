// Bundled into an IIFE and injected into the heavy page: the real recognition, nothing else.
export { recognisePage } from '../../lib/portal/recognise.ts';
