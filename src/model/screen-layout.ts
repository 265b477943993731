/**
 * The page's one breakpoint: up to this width (CSS px) it is laid out for a phone — the map full
 * width, the panels in a sheet below it — and above it the panels float over the map's sides.
 * styles.css says the same in its own media queries.
 */
export const PHONE_MAX_WIDTH_PX = 760;

/** The media query for a phone's layout (useMediaQuery). */
export const PHONE_LAYOUT_QUERY = `(max-width: ${PHONE_MAX_WIDTH_PX}px)`;

/** The story's height in the popup, at most and (on the shortest maps) at least. */
const MAX_STORY_HEIGHT = 420;
const MIN_STORY_HEIGHT = 160;
/** What the popup adds to its story's height: the content's margins, its frame, and its tip down to the marker. */
const POPUP_FRAME = 50;

/** The popup's fit: its story's greatest height, and the padding it is panned into sight within (Leaflet's popup options). */
export interface PopupFit {
  maxHeight: number;
  autoPanPaddingTopLeft: [number, number];
  autoPanPaddingBottomRight: [number, number];
}

/**
 * How the popup fits a map `mapHeight` px tall in a window `windowWidth` px wide: clear of the
 * panels floating over the map (count bar and load summary on top, actor panel on the right), and
 * its story no taller than the map leaves room for — the story scrolls inside when the map is too
 * short for it whole, the padding and the marker below it (a taller popup, panned into sight,
 * pushed its marker under the timeline on a 1280×720 window).
 */
export function popupFit(windowWidth: number, mapHeight: number): PopupFit {
  const wide = windowWidth > PHONE_MAX_WIDTH_PX;
  const topLeft: [number, number] = wide ? [60, 170] : [10, 60];
  const bottomRight: [number, number] = [wide ? 320 : 20, 30];
  const maxHeight = Math.max(MIN_STORY_HEIGHT, Math.min(MAX_STORY_HEIGHT, mapHeight - topLeft[1] - bottomRight[1] - POPUP_FRAME));
  return { maxHeight, autoPanPaddingTopLeft: topLeft, autoPanPaddingBottomRight: bottomRight };
}
