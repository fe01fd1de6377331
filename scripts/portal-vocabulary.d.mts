export const VOCABULARY_FILE: string;
export function deriveVocabulary(root?: string): string[];
export function endingsOf(words: readonly string[]): string[];
export function vocabularyFileText(words?: string[]): string;
