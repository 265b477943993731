/**
 * The page's one breakpoint: up to this width (CSS px) it is laid out for a phone — the map full
 * width, the panels in a sheet below it — and above it the panels float over the map's sides.
 * styles.css says the same in its own media queries.
 */
export const PHONE_MAX_WIDTH_PX = 760;

/** The media query for a phone's layout (useMediaQuery). */
export const PHONE_LAYOUT_QUERY = `(max-width: ${PHONE_MAX_WIDTH_PX}px)`;
