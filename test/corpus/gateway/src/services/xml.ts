import libxmljs from 'libxmljs2';
import xpath from 'xpath';

export function parseInvoice(xml: string) {
  return libxmljs.parseXmlString(xml, { noent: true, dtdload: false });
}

export function parseInvoiceSafe(xml: string) {
  return libxmljs.parseXmlString(xml, { noent: false });
}

export function findItems(doc: Node, sku: string) {
  return xpath.select(`//item[@sku="${sku}"]`, doc);
}

export function findItemsById(doc: Node, id: number) {
  return xpath.select(`//item[@id=${id}]`, doc);
}
