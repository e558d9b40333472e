"""Stage 3, the figures: folium maps, altair timelines and charts, HTML tables, print maps, and how each
becomes an output that shows wherever a notebook is opened (``render``, ``export``)."""
