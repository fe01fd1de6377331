// Code passed to worker.evaluate()/page.evaluate() runs inside the extension, where the
// `chrome` namespace exists; the test process only needs to know the name.
declare const chrome: any;
