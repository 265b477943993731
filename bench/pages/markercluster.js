/*
 * Leaflet.markercluster on the main thread, as its README shows it: one L.marker per incident in a
 * MarkerClusterGroup. Synchronous (no chunkedLoading, no animation), so every update is done when
 * the call returns and the timings are its best case.
 */
(function () {
  const { benchLoad, visibleIndices, dataBounds } = window.benchCommon;
  const map = L.map('map', { zoomControl: false, maxZoom: 18 }).setView([30, 30], 3);
  const group = L.markerClusterGroup({ chunkedLoading: false, animate: false });
  map.addLayer(group);
  // Registered after the group's own moveend handler, so it runs once the clusters are redrawn.
  map.on('moveend', () => performance.mark('bench:view-updated'));
  let data = null;
  let markers = [];

  async function start() {
    data = await benchLoad();
    if (!data) return;
    markers = new Array(data.n);
    for (let i = 0; i < data.n; i++) markers[i] = L.marker([data.lat[i], data.lng[i]]);
    map.fitBounds(dataBounds(data), { padding: [20, 20] });
    group.addLayers(markers);
    performance.mark('bench:data-ready');
    performance.mark('bench:first-view');
  }

  const ready = start();
  ready.catch((error) => { window.__benchError = String((error && error.stack) || error); });
  window.__bench = {
    ready,
    get count() { return data ? data.n : 0; },
    get actorIds() { return data ? data.actorIds.slice() : []; },
    async filterActors(hiddenIds) {
      const keep = visibleIndices(data, hiddenIds);
      const shown = new Array(keep.length);
      for (let i = 0; i < keep.length; i++) shown[i] = markers[keep[i]];
      group.clearLayers();
      group.addLayers(shown);
      performance.mark('bench:view-updated');
    },
    async panBy(dx, dy) { map.panBy([dx, dy], { animate: false }); },
    async zoomTo(z) { map.setZoom(z, { animate: false }); },
    map,
  };
})();
