// The XML tokenizer every .xlsx part goes through (saxes, the streaming parser exceljs also uses):
// comments, CDATA, entities, either quote and any white space between attributes are XML's, not
// ours to guess with patterns. What SpreadsheetML writers differ in is smoothed over here, once:
// - element and attribute prefixes: .NET writers (Open XML SDK, ClosedXML, NPOI) write <x:row>,
//   <s:si>, and the relationship id under any prefix (ns:id), so elements are known by local name;
// - UTF-16 parts (with or without a byte order mark) are turned into UTF-8 before anything reads them;
// - a part that is not well formed is read as far as it goes, as Excel and other readers do;
//   whether it ended (its root element closed) is told, so a part cut short is still refused.
import { SaxesParser, type SaxesTagPlain } from 'saxes';

/** A start tag by its local name, its attributes as written (prefixed names kept). */
export interface XmlTag {
  name: string;
  attributes: Record<string, string>;
  selfClosing: boolean;
}

export interface XmlHandlers {
  open?(tag: XmlTag): void;
  /** `name` is the local name. */
  close?(name: string): void;
  /** Character data and CDATA alike, entities resolved. */
  text?(text: string): void;
}

export function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/**
 * An attribute by its local name, whatever prefix it was written with (r:id, ns:id): the
 * unprefixed one when both are there.
 */
export function attributeOf(attributes: Record<string, string>, name: string): string | undefined {
  const plain = attributes[name];
  if (plain !== undefined) return plain;
  const suffix = `:${name}`;
  for (const key in attributes) if (key.endsWith(suffix)) return attributes[key];
  return undefined;
}

/** A prefixed attribute only (r:id in <sheet>, never a plain id). */
export function prefixedAttribute(attributes: Record<string, string>, name: string): string | undefined {
  const suffix = `:${name}`;
  for (const key in attributes) if (key.endsWith(suffix)) return attributes[key];
  return undefined;
}

/** XML's true and false ("1", "true", "on" as some writers put it). */
export function isTrue(value: string | undefined): boolean {
  return value !== undefined && /^\s*(1|true|on)\s*$/i.test(value);
}

/**
 * Turns a part's bytes into UTF-8 as they come: UTF-8 passes through (a byte order mark dropped),
 * UTF-16 either way round is decoded and encoded again. What it is is told by the first bytes.
 */
export class Utf8Bytes {
  private head: Buffer | null = Buffer.alloc(0);
  private decoder: TextDecoder | null = null;

  constructor(private readonly sink: (chunk: Buffer) => void) {}

  write(chunk: Buffer): void {
    if (this.head) {
      this.head = Buffer.concat([this.head, chunk]);
      if (this.head.length < 4) return;
      chunk = this.start(this.head);
      this.head = null;
    }
    if (this.decoder) chunk = Buffer.from(this.decoder.decode(chunk, { stream: true }), 'utf8');
    if (chunk.length > 0) this.sink(chunk);
  }

  end(): void {
    if (this.head) {
      const rest = this.start(this.head);
      this.head = null;
      if (this.decoder) this.sink(Buffer.from(this.decoder.decode(rest), 'utf8'));
      else if (rest.length > 0) this.sink(rest);
      return;
    }
    if (this.decoder) {
      const rest = this.decoder.decode();
      if (rest) this.sink(Buffer.from(rest, 'utf8'));
    }
  }

  private start(b: Buffer): Buffer {
    if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return b.subarray(3);
    const le = (b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0x3c && b[1] === 0x00 && b[2] !== 0x00);
    const be = (b[0] === 0xfe && b[1] === 0xff) || (b[0] === 0x00 && b[1] === 0x3c);
    if (le || be) this.decoder = new TextDecoder(le ? 'utf-16le' : 'utf-16be');
    return b;
  }
}

/**
 * A streaming tokenizer over one part: write its bytes as they inflate, then end(). Element names
 * reach the handlers as local names; comments and processing instructions never do.
 */
export class XmlStream {
  private readonly parser: SaxesParser<{ xmlns: false; position: false; fragment: boolean }>;
  private readonly bytes: Utf8Bytes;
  private readonly decoder = new TextDecoder('utf-8');
  private depth = 0;
  /** The root element opened and closed again: the part was read to its end. */
  rootClosed = false;
  /** The first way the part is not well formed, if any (it is read on regardless). */
  firstError: Error | null = null;

  constructor(handlers: XmlHandlers, options: { fragment?: boolean } = {}) {
    this.parser = new SaxesParser({ xmlns: false, position: false, fragment: options.fragment ?? false });
    this.parser.on('error', (error) => {
      this.firstError ??= error;
    });
    const { open, close, text } = handlers;
    this.parser.on('opentag', (tag: SaxesTagPlain) => {
      this.depth++;
      open?.({ name: localName(tag.name), attributes: tag.attributes, selfClosing: tag.isSelfClosing });
    });
    this.parser.on('closetag', (tag: SaxesTagPlain) => {
      this.depth--;
      if (this.depth === 0) this.rootClosed = true;
      close?.(localName(tag.name));
    });
    if (text) {
      this.parser.on('text', text);
      this.parser.on('cdata', text);
    }
    this.bytes = new Utf8Bytes((chunk) => this.parser.write(this.decoder.decode(chunk, { stream: true })));
  }

  write(chunk: Buffer): void {
    this.bytes.write(chunk);
  }

  end(): void {
    this.bytes.end();
    const rest = this.decoder.decode();
    if (rest) this.parser.write(rest);
    this.parser.close();
  }
}

/** Tokenizes a part held whole. */
export function parseXml(bytes: Buffer | string, handlers: XmlHandlers): XmlStream {
  const stream = new XmlStream(handlers);
  stream.write(typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes);
  stream.end();
  return stream;
}

/** Excel escapes characters XML cannot hold as _xHHHH_ (a line break typed in a cell is _x000D_). */
export function unescapeExcel(text: string): string {
  return text.includes('_x') ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;
}
