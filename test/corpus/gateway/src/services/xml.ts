import libxmljs from 'libxmljs2';
import xpath from 'xpath';

export function parseInvoice(xml: string) {
  return libxmljs.parseXmlString(xml, { noent: true, dtdload: false }); // vuln: js/xxe (a helper's sink: the flow from routes/invoices.ts stands here)
}

export function parseInvoiceSafe(xml: string) {
  return libxmljs.parseXmlString(xml, { noent: false });
}

export function findItems(doc: Node, sku: string) {
  return xpath.select(`//item[@sku="${sku}"]`, doc); // vuln: js/xpath-injection (a helper's sink: the flow from routes/invoices.ts stands here)
}

export function findItemsById(doc: Node, id: number) {
  return xpath.select(`//item[@id=${id}]`, doc);
}
