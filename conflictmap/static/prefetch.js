/* The first lines of the map's script file (fastlayer.fast_map(files=...)): the fetch of the events' columns
   this file's own URL names (?prefetch=<URL relative to the page>) starts before Leaflet and the map's
   script are even read, so the columns travel while they run; the layer takes the fetch (fetchBytes in
   fastlayer.js) instead of starting its own once the map's script has run. */
(function () {
  var script = document.currentScript, wanted = null;
  try { wanted = script && script.src ? new URL(script.src).searchParams.get("prefetch") : null; } catch (e) { wanted = null; }
  if (!wanted) return;
  var url = new URL(wanted, location.href).href;
  var kept = window.conflictmapPrefetched = window.conflictmapPrefetched || {};
  if (!kept[url]) {
    kept[url] = fetch(url).then(function (r) { return r.ok ? r.arrayBuffer() : null; })
      .catch(function () { return null; });
  }
})();
