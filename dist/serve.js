import { createRequire as __vigilRequire } from 'node:module';
const require = __vigilRequire(import.meta.url);
const __filename = import.meta.filename;
const __dirname = import.meta.dirname;
import{p as t,s,t as o,v as a}from"./chunks/chunk-BF5VOBZC.js";import"./chunks/chunk-SAQWNC77.js";import{parentPort as m,workerData as l}from"node:worker_threads";var u=new Set(l.ruleIds),p=t.filter(e=>u.has(e.meta.id)),c=new s;m.on("message",e=>{let n=e.map(r=>{try{return o(r,p,c)}catch(i){return a(r.path,i)}});m.postMessage(n)});
