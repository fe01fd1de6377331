export const FIREFOX_MISSING: string;
export function findFirefox(): string | undefined;
