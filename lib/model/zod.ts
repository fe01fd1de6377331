import { z } from 'zod';

// zod 4 would compile validators with `new Function`, which the extension's content
// security policy forbids. Every module imports z from here so this runs first.
z.config({ jitless: true });

export { z };
