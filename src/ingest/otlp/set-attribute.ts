/** Stores one decoded attribute on a plain object without letting a key reach the prototype. */
import type { Attributes, AttributeValue } from '../../domain/index.js';

export function setAttribute(attributes: Attributes, key: string, value: AttributeValue): void {
  if (key === '__proto__') {
    Object.defineProperty(attributes, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else {
    attributes[key] = value;
  }
}
