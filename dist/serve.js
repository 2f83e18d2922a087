import { createRequire as __vigilRequire } from 'node:module';
const require = __vigilRequire(import.meta.url);
const __filename = import.meta.filename;
const __dirname = import.meta.dirname;
import{ba as a,da as o,ha as n,ja as u,ma as m,na as c}from"./chunks/chunk-GA3Y7NA6.js";import"./chunks/chunk-7MZVIZ24.js";import{parentPort as s,workerData as p}from"node:worker_threads";var{ruleIds:l,stackBytes:y}=p;o(y);var d=new Set(l),f=n.filter(e=>d.has(e.meta.id)),h=new u;s.on("message",e=>{if(!Array.isArray(e)){s.postMessage(e.parse.map(({path:r,text:t})=>{try{return a(r,t)}catch{return null}}));return}let i=e.map(r=>{try{return m(r,f,h)}catch(t){return c(r.path,t)}});s.postMessage(i)});
