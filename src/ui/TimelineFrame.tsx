/**
 * The timeline's place while there are no bars yet (the file is being read, the bars counted, or
 * the timeline's code loaded): about its height (styles.css), so that the map keeps the size it has
 * once the bars come. The first view is fitted to the map's size, and asked of the worker ahead at
 * that size: a map growing shorter under it put the view's lower edge, and the clusters on it,
 * under the timeline.
 */
export function TimelineFrame({ hint }: { hint: string }) {
  return (
    <section className="timeline timeline-frame" aria-hidden="true">
      <p className="hint">{hint}</p>
    </section>
  );
}
