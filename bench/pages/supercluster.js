/*
 * supercluster on the main thread, as its Leaflet example does it: index all points once, then
 * getClusters(bbox, zoom) on every moveend and draw those (count icons for clusters, circles for
 * single incidents). supercluster cannot filter an index, so an actor filter rebuilds it.
 */
(function () {
  const { benchLoad, visibleIndices, dataBounds } = window.benchCommon;
  const OPTIONS = { radius: 60, maxZoom: 16 };
  const map = L.map('map', { zoomControl: false, maxZoom: 18 }).setView([30, 30], 3);
  const layer = L.layerGroup().addTo(map);
  let data = null;
  let points = [];
  let index = null;

  function icon(count) {
    const size = count < 100 ? 'small' : count < 1000 ? 'medium' : 'large';
    return L.divIcon({ html: `<div><span>${count}</span></div>`, className: `marker-cluster marker-cluster-${size}`, iconSize: L.point(40, 40) });
  }

  function draw() {
    if (!index) return;
    // The view and a quarter around it, as the app asks its worker.
    const b = map.getBounds().pad(0.25);
    const clusters = index.getClusters([Math.max(-180, b.getWest()), Math.max(-85, b.getSouth()), Math.min(180, b.getEast()), Math.min(85, b.getNorth())], map.getZoom());
    layer.clearLayers();
    for (const c of clusters) {
      const [lng, lat] = c.geometry.coordinates;
      layer.addLayer(c.properties.cluster
        ? L.marker([lat, lng], { icon: icon(c.properties.point_count) })
        : L.circleMarker([lat, lng], { radius: 6 }));
    }
    performance.mark('bench:view-updated');
  }

  async function start() {
    data = await benchLoad();
    if (!data) return;
    points = new Array(data.n);
    for (let i = 0; i < data.n; i++) points[i] = { type: 'Feature', properties: { i }, geometry: { type: 'Point', coordinates: [data.lng[i], data.lat[i]] } };
    index = new Supercluster(OPTIONS).load(points);
    performance.mark('bench:data-ready');
    map.fitBounds(dataBounds(data), { padding: [20, 20] });
    draw();
    performance.mark('bench:first-view');
    map.on('moveend', draw);
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
      for (let i = 0; i < keep.length; i++) shown[i] = points[keep[i]];
      index = new Supercluster(OPTIONS).load(shown);
      draw();
    },
    async panBy(dx, dy) { map.panBy([dx, dy], { animate: false }); },
    async zoomTo(z) { map.setZoom(z, { animate: false }); },
    map,
  };
})();
