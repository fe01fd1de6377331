export const CHROMIUM_MISSING: string;
export function findChromium(): string | undefined;
