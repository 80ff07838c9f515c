// `npm start`: serves the built app on 127.0.0.1 and prints its address.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStaticServer } from './static-server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const port = Number(process.env.PORT ?? 5173);
const { url } = await startStaticServer({ root, port, base: process.env.BASE ?? '/' });
console.log(`Strata is running at ${url}  (Ctrl+C to stop)`);
