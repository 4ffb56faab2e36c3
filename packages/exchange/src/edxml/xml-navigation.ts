import { EDXML_NS } from './edxml-namespace.js';
import { edxmlError } from './edxml-error.js';
import type { XmlElement } from './xml-element.js';

/**
 * Children of `parent` named `local` in the edXML namespace. A child with that name in another namespace is an error
 * naming it: a message whose elements lost their namespace is refused, not half-read.
 */
export function children(parent: XmlElement, local: string, path: string): XmlElement[] {
  const found = parent.children.filter((c) => c.local === local);
  for (const c of found) {
    if (c.uri !== EDXML_NS) {
      throw edxmlError(
        'E_EDXML_WRONG_NAMESPACE',
        `Phần tử ${path}/${local} sai không gian tên (${c.uri || 'không có'})`,
        `element ${path}/${local} is in namespace "${c.uri}", expected ${EDXML_NS}`,
        { element: `${path}/${local}`, namespace: c.uri },
      );
    }
  }
  return found;
}

export function optional(parent: XmlElement, local: string, path: string): XmlElement | undefined {
  return children(parent, local, path)[0];
}

export function required(parent: XmlElement, local: string, path: string): XmlElement {
  const found = optional(parent, local, path);
  if (!found) {
    throw edxmlError('E_EDXML_MISSING_ELEMENT', `Thiếu phần tử ${path}/${local}`, `missing element ${path}/${local}`, {
      element: `${path}/${local}`,
    });
  }
  return found;
}

/** The trimmed text of an optional child ('' when absent). */
export function textOf(parent: XmlElement | undefined, local: string, path: string): string {
  return parent ? (optional(parent, local, path)?.text.trim() ?? '') : '';
}

/** The trimmed text of a required child that must not be empty. */
export function requiredText(parent: XmlElement, local: string, path: string): string {
  const value = required(parent, local, path).text.trim();
  if (value === '') {
    throw edxmlError('E_EDXML_MISSING_ELEMENT', `Phần tử ${path}/${local} rỗng`, `element ${path}/${local} is empty`, {
      element: `${path}/${local}`,
    });
  }
  return value;
}
