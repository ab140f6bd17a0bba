// Build the web app's static assets into src/reportedly/web/static/ (committed, so that
// Python users need no npm). Run with `npm ci && npm run build` in web/frontend/.
//
// - Leaflet's script and stylesheet, copied as released.
// - An offline basemap: Natural Earth's 1:110m country outlines (world-atlas TopoJSON)
//   converted to GeoJSON, coordinates rounded to 0.01 degree to keep the file small.
import { mkdirSync, readFileSync, writeFileSync, copyFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { feature } from "topojson-client";

const here = dirname(fileURLToPath(import.meta.url));
const modules = join(here, "node_modules");
const out = join(here, "..", "..", "src", "reportedly", "web", "static");
const vendor = join(out, "vendor");
mkdirSync(vendor, { recursive: true });

const scale = Number(process.env.WORLD_SCALE || "110");
const digits = Number(process.env.WORLD_DIGITS || "2");

// The source map is not shipped, so its reference goes too.
const leaflet = readFileSync(join(modules, "leaflet", "dist", "leaflet.js"), "utf8");
writeFileSync(join(vendor, "leaflet.js"), leaflet.replace(/\n\/\/# sourceMappingURL=\S+\s*$/, "\n"));
copyFileSync(join(modules, "leaflet", "dist", "leaflet.css"), join(vendor, "leaflet.css"));
copyFileSync(join(modules, "leaflet", "LICENSE"), join(vendor, "leaflet-LICENSE.txt"));
copyFileSync(join(modules, "world-atlas", "LICENSE"), join(vendor, "world-atlas-LICENSE.txt"));

const topo = JSON.parse(readFileSync(join(modules, "world-atlas", `countries-${scale}m.json`), "utf8"));
const geo = feature(topo, topo.objects.countries);
const f = 10 ** digits;
const round = (c) => (typeof c[0] === "number"
  ? [Math.round(c[0] * f) / f, Math.round(c[1] * f) / f]
  : c.map(round));
// Drop consecutive points that rounding made identical.
const dedupe = (ring) => ring.filter((p, i) => i === 0 || p[0] !== ring[i - 1][0] || p[1] !== ring[i - 1][1]);
const clean = (geom) => {
  if (geom.type === "Polygon") return { type: "Polygon", coordinates: round(geom.coordinates).map(dedupe).filter((r) => r.length >= 4) };
  if (geom.type === "MultiPolygon") {
    return {
      type: "MultiPolygon",
      coordinates: round(geom.coordinates).map((poly) => poly.map(dedupe).filter((r) => r.length >= 4)).filter((p) => p.length),
    };
  }
  return geom;
};
const world = {
  type: "FeatureCollection",
  source: `Natural Earth 1:${scale}m admin 0 countries, via world-atlas ${JSON.parse(readFileSync(join(modules, "world-atlas", "package.json"), "utf8")).version} (public domain data)`,
  features: geo.features
    .filter((ft) => ft.geometry)
    .map((ft) => ({ type: "Feature", properties: { name: ft.properties.name }, geometry: clean(ft.geometry) })),
};
writeFileSync(join(out, "world.geojson"), JSON.stringify(world));
console.log(`wrote ${world.features.length} countries to static/world.geojson and Leaflet to static/vendor/`);
