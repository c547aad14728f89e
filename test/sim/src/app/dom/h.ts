// A tiny element builder. Text only ever goes in through textContent (names are untrusted).
export interface Props {
  id?: string;
  class?: string;
  text?: string;
  attrs?: Record<string, string | undefined>;
  on?: Partial<Record<keyof HTMLElementEventMap, (event: Event) => void>>;
}

export type Child = Node | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, children: Child[] = []): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (props.id) element.id = props.id;
  if (props.class) element.className = props.class;
  if (props.text !== undefined) element.textContent = props.text;
  for (const [name, value] of Object.entries(props.attrs ?? {})) {
    if (value !== undefined) element.setAttribute(name, value);
  }
  for (const [event, handler] of Object.entries(props.on ?? {})) {
    if (handler) element.addEventListener(event, handler);
  }
  for (const child of children) if (child) element.append(child);
  return element;
}

/** Enter/Space activate role=button divs, as Jitsi's ToolboxItem does. */
export function activateOnKeys(element: HTMLElement, action: () => void): void {
  element.addEventListener('click', action);
  element.addEventListener('keydown', (event) => {
    const key = (event as KeyboardEvent).key;
    if (key === 'Enter' || key === ' ') {
      event.preventDefault();
      action();
    }
  });
}

/**
 * A region of the page rebuilt only when its key changes, so elements the extension holds on to
 * (the hangup button, the dialog) survive unrelated store updates.
 */
export class Region {
  private lastKey: string | undefined;
  constructor(readonly container: HTMLElement) {}

  update(key: string, build: () => Child | Child[]): void {
    if (key === this.lastKey) return;
    this.lastKey = key;
    const built = build();
    const nodes = (Array.isArray(built) ? built : [built]).filter((n): n is Node => Boolean(n));
    this.container.replaceChildren(...nodes);
  }
}
