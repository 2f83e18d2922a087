import { createRequire as __vigilRequire } from 'node:module';
const require = __vigilRequire(import.meta.url);
const __filename = import.meta.filename;
const __dirname = import.meta.dirname;
import{enableCompileCache as r}from"node:module";import{workerData as t}from"node:worker_threads";var{compileCache:e}=t;e&&r(e);await import(new URL(import.meta.url.endsWith(".ts")?"./serve.ts":"./serve.js",import.meta.url).href);
