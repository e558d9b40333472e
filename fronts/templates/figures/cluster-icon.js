function (cluster) {
  return L.divIcon({html: '<div style="background:COLOR;color:TEXT;border-radius:50%;width:30px;height:30px;line-height:30px;'
    + 'text-align:center;font:bold 12px sans-serif;box-shadow:0 0 0 3px rgba(255,255,255,.8)"><span>'
    + cluster.getChildCount() + '</span></div>', className: 'marker-cluster fronts-cluster',
    iconSize: L.point(30, 30), iconAnchor: L.point(ANCHOR_X, ANCHOR_Y)});
}