export { parseInvoice, parseInvoiceSafe, findItems, findItemsById } from './xml.ts';
export * from './store.ts';
