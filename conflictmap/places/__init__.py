"""Placing: from a name in a report to a point on the map.

``place`` (the typed place and its precision), ``gazetteer`` (the offline
index: curated rows, GeoNames towns, first-level divisions, capitals; a
report's country), ``geonames`` (full GeoNames country dumps), ``outline``
(country outlines, the hard country limit), ``online`` (geopy providers),
``chain`` (pin, cache, gazetteer, online, in that order) and ``pins``.
"""
