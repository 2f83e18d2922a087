import { createRequire as __vigilRequire } from 'node:module';
const require = __vigilRequire(import.meta.url);
const __filename = import.meta.filename;
const __dirname = import.meta.dirname;
import{$ as m,Q as r,T as s,Y as o,_ as a}from"./chunks/chunk-3OG7JZIC.js";import"./chunks/chunk-7MZVIZ24.js";import{parentPort as n,workerData as l}from"node:worker_threads";var{ruleIds:u,stackBytes:p}=l;s(p);var d=new Set(u),f=r.filter(e=>d.has(e.meta.id)),y=new o;n.on("message",e=>{let c=e.map(t=>{try{return a(t,f,y)}catch(i){return m(t.path,i)}});n.postMessage(c)});
