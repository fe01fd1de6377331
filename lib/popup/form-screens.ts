// The popup's hand-entry forms, loaded when the holder first opens one (lib/popup/PopupApp.tsx):
// they check as you type with zod (lib/model/schemas.ts), which the list itself never needs.
export { CertificateForm } from './CertificateForm';
export { AnnotationForm } from './AnnotationForm';
