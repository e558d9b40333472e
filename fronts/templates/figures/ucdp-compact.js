(function (DATA) {
  var T = DATA.tables;
  var R = DATA.rows;
  var K = %(stride)d, W = %(where)s, D = %(when)s, V = %(violence)s, CREDIT = %(credit)s;
  var MON = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  function day(n) {
    var d = new Date((T.base + n) * 864e5);
    return d.getUTCDate() + " " + MON[d.getUTCMonth()] + " " + d.getUTCFullYear();
  }
  function span(i) { return R[i + 3] ? day(R[i + 2]) + " \u2013 " + day(R[i + 2] + R[i + 3]) : day(R[i + 2]); }
  function popup(i) {
    var p = T.places[R[i]];
    return '<div class="fronts-popup fronts-ucdp-popup" style="max-width:320px"><b>UCDP GED ' + R[i + 1]
      + '</b> · ' + span(i) + ' (' + D[R[i + 4]] + ')<br><b>' + p[3] + '</b> (' + W[p[2]] + ')'
      + (p[4] ? '<br>' + p[4] : '') + '<br>' + T.dyads[R[i + 5]] + ' (' + V[R[i + 6]] + ')<br><b>Deaths:</b> best '
      + R[i + 7] + ' (low ' + R[i + 8] + ', high ' + R[i + 9] + ')<br><b>Source headline:</b> ' + T.headlines[R[i + 10]]
      + '<br><span style="color:#555;font-size:90%%">' + CREDIT + '</span></div>';
  }
  function tooltip(i) { return 'UCDP ' + R[i + 1] + ' · ' + span(i) + ' · best ' + R[i + 7] + ' deaths'; }
  var markers = new Array(R.length / K);
  for (var i = 0, j = 0; i < R.length; i += K, j++) {
    var p = T.places[R[i]];
    markers[j] = L.circleMarker([p[0], p[1]], {radius: Math.round(Math.min(12, 3 + Math.sqrt(Math.max(R[i + 7], 0))) * 10) / 10,
      weight: 1, color: "%(stroke)s", fill: true, fillColor: "%(color)s", fillOpacity: 0.7, bubblingMouseEvents: false,
      className: "fronts-ucdp fronts-ucdp-prec-" + p[2], ucdpRow: i});
  }
  return {markers: markers,
          // Bound on first use: a marker costs no popup or tooltip object until a reader points at it.
          click: function (e) {
            var m = e.layer;
            if (m.options.ucdpRow === undefined || m.getPopup()) { return; }
            m.bindPopup(popup(m.options.ucdpRow), {maxWidth: 340}).openPopup();
          },
          over: function (e) {
            var m = e.layer;
            if (m.options.ucdpRow === undefined || m.getTooltip()) { return; }
            m.bindTooltip(tooltip(m.options.ucdpRow)).openTooltip();
          }};
})