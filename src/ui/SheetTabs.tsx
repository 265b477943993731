import { useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface TabItem<T extends string> {
  id: T;
  label: string;
}

interface Props<T extends string> {
  tabs: readonly TabItem<T>[];
  /** The tab the sheet shows (or would show when opened): the one in the Tab order. */
  current: T;
  open: boolean;
  /** A tab was chosen: by a click or Enter/Space (`toggle`: open it, or close the sheet if it is the open tab) or by the arrow keys (`move`). */
  onChoose(id: T, how: 'toggle' | 'move'): void;
  /** The current tab's panel; rendered only while the sheet is open. */
  children: ReactNode;
}

/**
 * The phone's bottom sheet: tabs over one panel, with the WAI-ARIA tabs keyboard pattern (roving
 * tabindex: only the current tab is in the Tab order; Left/Right move and wrap, Home/End go to the
 * ends). Activation is automatic while the sheet is open — the panels are already in the page, so
 * showing one costs nothing — but the arrows never open a closed sheet: it covers half the map, and
 * a reader moving along the tabs has not asked for that. Enter, Space or a click opens and closes it.
 */
export function SheetTabs<T extends string>({ tabs, current, open, onChoose, children }: Props<T>) {
  const buttons = useRef(new Map<T, HTMLButtonElement>());
  const onKeyDown = (event: KeyboardEvent, index: number) => {
    const target = keyTarget(event.key, index, tabs.length);
    if (target === null) return;
    event.preventDefault();
    const tab = tabs[target]!;
    onChoose(tab.id, 'move');
    buttons.current.get(tab.id)?.focus();
  };
  return (
    <>
      <div className="sheet-tabs" role="tablist" aria-label="Panels">
        {tabs.map(({ id, label }, index) => (
          <button
            key={id}
            ref={(button) => { if (button) buttons.current.set(id, button); else buttons.current.delete(id); }}
            type="button"
            role="tab"
            id={tabId(id)}
            aria-selected={open && id === current}
            aria-controls="sheet-body"
            tabIndex={id === current ? 0 : -1}
            onClick={() => onChoose(id, 'toggle')}
            onKeyDown={(event) => onKeyDown(event, index)}
          >
            {label}
          </button>
        ))}
      </div>
      {/* Always in the page, so every tab's aria-controls names an element; empty and hidden while the sheet is closed. */}
      <div className="sheet-body" id="sheet-body" role="tabpanel" aria-labelledby={tabId(current)} hidden={!open}>
        {open && children}
      </div>
    </>
  );
}

function tabId(id: string): string {
  return `sheet-tab-${id}`;
}

/** The index a key moves to from `index` among `count` tabs, or null for a key the tabs leave alone. */
function keyTarget(key: string, index: number, count: number): number | null {
  switch (key) {
    case 'ArrowRight': return (index + 1) % count;
    case 'ArrowLeft': return (index - 1 + count) % count;
    case 'Home': return 0;
    case 'End': return count - 1;
    default: return null;
  }
}
