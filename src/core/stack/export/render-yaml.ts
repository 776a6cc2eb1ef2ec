/** A stack document as YAML the way a person writes it: short lists inline, long ones one item a line. */
import { Document, isMap, isScalar, isSeq, type Node } from 'yaml';
import type { StackFile } from '../schema';

/** Maps written on one line, like the examples: `defaultAction: { forward: web }`. */
const FLOW_KEYS = new Set([
  'defaultAction',
  'action',
  'conditions',
  'healthCheck',
  'stickiness',
  'redirect',
  'fixedResponse',
  'tags',
]);
/** Sequences whose items are written on one line each: `- { id: i-0123456789abcdef0 }`. */
const FLOW_ITEM_KEYS = new Set(['targets', 'forward', 'query']);
const FLOW_LIMIT = 100;

function isScalarSeq(node: unknown): boolean {
  return isSeq(node) && node.items.every((i) => isScalar(i));
}

/** A list of maps (a weighted forward, query pairs) reads better one item a line. */
function holdsListOfMaps(node: unknown): boolean {
  if (isSeq(node)) return node.items.some((i) => isMap(i) || holdsListOfMaps(i));
  if (isMap(node)) return node.items.some((p) => holdsListOfMaps(p.value));
  return false;
}

function styleNode(node: unknown, key: string | undefined): void {
  if (isSeq(node)) {
    if (isScalarSeq(node)) {
      node.flow = true;
      return;
    }
    for (const item of node.items) {
      if (
        key !== undefined &&
        FLOW_ITEM_KEYS.has(key) &&
        isMap(item) &&
        JSON.stringify(item.toJSON()).length <= FLOW_LIMIT
      )
        item.flow = true;
      else styleNode(item, undefined);
    }
    return;
  }
  if (isMap(node)) {
    if (
      key !== undefined &&
      FLOW_KEYS.has(key) &&
      !holdsListOfMaps(node) &&
      JSON.stringify(node.toJSON()).length <= FLOW_LIMIT
    ) {
      node.flow = true;
      return;
    }
    for (const pair of node.items) styleNode(pair.value, isScalar(pair.key) ? String(pair.key.value) : undefined);
  }
}

/**
 * The document as YAML text: `header` lines as a comment on top, the schema's key order, a
 * blank line between top-level sections and between load balancers, target groups and trust stores.
 */
export function renderStackYaml(document: StackFile, header: readonly string[]): string {
  const doc = new Document(document);
  styleNode(doc.contents, undefined);
  if (isMap(doc.contents)) {
    for (const pair of doc.contents.items) {
      const k = isScalar(pair.key) ? String(pair.key.value) : '';
      if (k !== 'loadBalancers' && k !== 'targetGroups' && k !== 'trustStores') continue;
      (pair.key as Node).spaceBefore = true;
      if (isSeq(pair.value)) {
        for (const item of pair.value.items.slice(1)) (item as Node).spaceBefore = true;
      }
    }
  }
  if (header.length > 0) doc.commentBefore = header.map((l) => (l.length > 0 ? ` ${l}` : '')).join('\n');
  return doc.toString({ lineWidth: 0 });
}
