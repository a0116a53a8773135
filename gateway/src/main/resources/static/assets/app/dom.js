// Builds DOM nodes from data with textContent and attributes only: nothing from the API is ever parsed as HTML.

export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (name === 'class') element.className = value;
    else if (value === true) element.setAttribute(name, '');
    else element.setAttribute(name, String(value));
  }
  append(element, children);
  return element;
}

export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** Replaces what an element shows; null children (an optional part left out) are skipped. */
export function show(element, ...children) {
  element.replaceChildren();
  return append(element, children);
}


/** Only web links become href values; anything else (javascript:, data:) stays text. */
export function safeUrl(value) {
  try {
    const url = new URL(value, location.origin);
    return (url.protocol === 'https:' || url.protocol === 'http:') ? url.href : null;
  } catch {
    return null;
  }
}

export function encodeHandle(handle) {
  return encodeURIComponent(handle).replace(/%3A/gi, ':');
}
