// Bundled for Node: the project's own TypeScript that the benchmark runs or feeds from.
export { generateHeavyCertList } from '../../tests/fixtures/generate-heavy.ts';
export { planReminders } from '../../lib/reminders/plan.ts';
export { generateLargeInput } from '../../tests/unit/reminders/fixtures.ts';
export { AnnotationSchema, CertificateSchema, ReminderLogEntrySchema } from '../../lib/model/schemas.ts';
export { DB_NAME } from '../../lib/storage/db.ts';
