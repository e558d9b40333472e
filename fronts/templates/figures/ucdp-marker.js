function (row) {
  var W = %(where)s, D = %(when)s, V = %(violence)s, CREDIT = %(credit)s;
  var m = L.circleMarker([row[0], row[1]], {radius: row[2], weight: 1, color: "%(stroke)s", fill: true,
    fillColor: "%(color)s", fillOpacity: 0.7, className: "fronts-ucdp fronts-ucdp-prec-" + row[3]});
  m.bindPopup('<div class="fronts-popup fronts-ucdp-popup" style="max-width:320px"><b>UCDP GED ' + row[4]
    + '</b> · ' + row[5] + ' (' + D[row[6]] + ')<br><b>' + row[7] + '</b> (' + W[row[3]] + ')'
    + (row[8] ? '<br>' + row[8] : '') + '<br>' + row[9] + ' (' + V[row[10]] + ')<br><b>Deaths:</b> best '
    + row[11] + ' (low ' + row[12] + ', high ' + row[13] + ')<br><b>Source headline:</b> ' + row[14]
    + '<br><span style="color:#555;font-size:90%%">' + CREDIT + '</span></div>', {maxWidth: 340});
  m.bindTooltip('UCDP ' + row[4] + ' · ' + row[5] + ' · best ' + row[11] + ' deaths');
  return m;
}