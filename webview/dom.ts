/** A tiny element builder: the preview builds its DOM in code, never from HTML strings (no injection). */
type Attributes = Record<string, string | boolean | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: (Node | string | undefined)[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children) if (child !== undefined) element.append(child);
  return element;
}

/** A toggle group of buttons with aria-pressed; calls back with the chosen value. */
export function segmented<T extends string>(
  label: string,
  options: readonly { value: T; text: string }[],
  current: T,
  onChoose: (value: T) => void,
): { element: HTMLElement; set(value: T, enabled?: Partial<Record<T, boolean>>): void } {
  const group = h('div', { class: 'mo-segmented', role: 'group', 'aria-label': label });
  const buttons = options.map((o) => {
    const button = h('button', { type: 'button', class: 'mo-button', 'data-value': o.value }, o.text);
    button.addEventListener('click', () => onChoose(o.value));
    group.append(button);
    return button;
  });
  const set = (value: T, enabled: Partial<Record<T, boolean>> = {}) => {
    buttons.forEach((b, i) => {
      b.setAttribute('aria-pressed', String(options[i].value === value));
      b.disabled = enabled[options[i].value] === false;
    });
  };
  set(current);
  return { element: group, set };
}
