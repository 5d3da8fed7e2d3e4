// The mission's local metric frame (east/north metres from an origin), the same equirectangular
// conversion the edge node applies (docs/wire-contracts.md), so positions nodes report in metres and
// areas given in lat/lon land in one picture without any map tiles.
export const EARTH_RADIUS_M = 6371008.8;

export class LocalFrame {
  constructor(originLat, originLon) {
    this.lat0 = originLat;
    this.lon0 = originLon;
    this.cos0 = Math.cos(originLat * Math.PI / 180);
  }

  static ofMission(mission) {
    const spec = mission && mission.spec;
    if (!spec) {
      return null;
    }
    const origin = spec.frameOrigin || (spec.area && spec.area[0]);
    return origin ? new LocalFrame(origin.lat, origin.lon) : null;
  }

  toMetres(lat, lon) {
    return {
      x: (lon - this.lon0) * Math.PI / 180 * EARTH_RADIUS_M * this.cos0,
      y: (lat - this.lat0) * Math.PI / 180 * EARTH_RADIUS_M,
    };
  }

  toGeo(x, y) {
    return {
      lat: this.lat0 + (y / EARTH_RADIUS_M) * 180 / Math.PI,
      lon: this.lon0 + (x / (EARTH_RADIUS_M * this.cos0)) * 180 / Math.PI,
    };
  }
}
