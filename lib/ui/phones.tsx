// Phone numbers (010-87901800) kept on one line: a hyphen is a place the browser may wrap,
// and a number split across lines is easy to misdial. Text stays text (Preact text nodes).
import type { ComponentChildren } from 'preact';

const PHONE = /(\d{3,4}-\d{7,8})/;

export function withPhones(text: string): ComponentChildren {
  const parts = text.split(PHONE);
  if (parts.length === 1) return text;
  return parts.map((part, i) => (i % 2 ? <span key={i} class="tel">{part}</span> : part));
}
