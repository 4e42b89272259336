"""Pictures drawn by the server as SVG: a resource's relations, and a map of its places.

Both are built with every text escaped (markupsafe), carry <title>/<desc> for screen readers,
and need no JavaScript or tile server.
"""

from __future__ import annotations

import math

import pyoxigraph as ox
from markupsafe import Markup, escape

from .describe import labels_of, pick_label
from .urls import path_for

CKG = "https://w3id.org/citykg/ontology#"
GEO = "http://www.w3.org/2003/01/geo/wgs84_pos#"
# The relations drawn around a city or network, with the colour of their edges.
RELATIONS = {"partnerOf": "#0050a0", "memberOf": "#2a7d2a", "hasMember": "#2a7d2a", "participatesIn": "#a05000", "committedTo": "#7a1fa0"}


def neighbours(store: ox.Store, iri: str) -> list:
    """(IRI, relation) pairs of the resource's direct relations (asserted or inferred)."""
    values = " ".join(f"<{CKG}{name}>" for name in RELATIONS)
    rows = store.query(f"SELECT DISTINCT ?o ?p WHERE {{ VALUES ?p {{ {values} }} <{iri}> ?p ?o FILTER(isIRI(?o)) }}")
    return sorted((r["o"].value, r["p"].value[len(CKG):]) for r in rows)


def relations_svg(store: ox.Store, iri: str, lang: str) -> Markup | None:
    """A radial diagram: the resource in the middle, its partners, networks and commitments around."""
    around = neighbours(store, iri)[:24]
    if not around:
        return None
    labels = labels_of(store, {iri} | {o for o, _ in around})
    size, radius = 640, 220
    centre = size / 2
    title = escape(pick_label(labels, iri, lang))
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="-170 0 {size + 340} {size}" width="100%" role="img" aria-labelledby="rel-title rel-desc" class="diagram">',
             f'<title id="rel-title">Relations of {title}</title>',
             f'<desc id="rel-desc">{len(around)} related resources: ' + escape(", ".join(pick_label(labels, o, lang) for o, _ in around)) + "</desc>"]
    for n, (other, relation) in enumerate(around):
        angle = 2 * math.pi * n / len(around)
        x, y = centre + radius * math.cos(angle), centre + radius * math.sin(angle)
        colour = RELATIONS[relation]
        parts.append(f'<line x1="{centre:.0f}" y1="{centre:.0f}" x2="{x:.0f}" y2="{y:.0f}" stroke="{colour}" stroke-width="2"><title>{escape(relation)}</title></line>')
        anchor = "start" if math.cos(angle) >= 0 else "end"
        link = path_for(other) or other
        parts.append(f'<a href="{escape(link)}"><circle cx="{x:.0f}" cy="{y:.0f}" r="7" fill="{colour}"/>'
                     f'<text x="{x + (10 if anchor == "start" else -10):.0f}" y="{y + 4:.0f}" text-anchor="{anchor}" font-size="13">{escape(pick_label(labels, other, lang)[:38])}</text></a>')
    parts.append(f'<circle cx="{centre}" cy="{centre}" r="12" fill="#1a1a1a"/><text x="{centre}" y="{centre - 18}" text-anchor="middle" font-weight="bold" font-size="15">{title}</text>')
    legend_y = 18
    for relation, colour in RELATIONS.items():
        if any(r == relation for _, r in around):
            parts.append(f'<rect x="8" y="{legend_y - 9}" width="10" height="10" fill="{colour}"/><text x="24" y="{legend_y}" font-size="12">{escape(relation)}</text>')
            legend_y += 16
    parts.append("</svg>")
    return Markup("".join(parts))


def map_svg(store: ox.Store, iri: str, lang: str) -> Markup | None:
    """Plot the resource and its related places that have WGS84 coordinates (no tiles needed)."""
    candidates = {iri} | {o for o, _ in neighbours(store, iri)}
    values = " ".join(f"<{c}>" for c in candidates)
    rows = list(store.query(f"SELECT ?s ?lat ?long WHERE {{ VALUES ?s {{ {values} }} ?s <{GEO}lat> ?lat ; <{GEO}long> ?long }}"))
    if not rows:
        return None
    points = [(r["s"].value, float(r["lat"].value), float(r["long"].value)) for r in rows]
    labels = labels_of(store, {p[0] for p in points})
    lats, longs = [p[1] for p in points], [p[2] for p in points]
    pad = 5.0
    west, east = min(longs) - pad, max(longs) + pad
    south, north = min(lats) - pad, max(lats) + pad
    width, height = 640, 400
    scale = min(width / (east - west), height / (north - south))
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="img" aria-labelledby="map-title map-desc" class="map">',
             f'<title id="map-title">Map of {escape(pick_label(labels, iri, lang))} and related places</title>',
             '<desc id="map-desc">' + escape("; ".join(f"{pick_label(labels, s, lang)} {lat:.2f}, {lon:.2f}" for s, lat, lon in points)) + "</desc>",
             f'<rect width="{width}" height="{height}" fill="#eef4fa" stroke="#9ab"/>']
    for meridian in range(int(west // 15 * 15), int(east) + 1, 15):
        x = (meridian - west) * scale
        parts.append(f'<line x1="{x:.0f}" y1="0" x2="{x:.0f}" y2="{height}" stroke="#cdd"/><text x="{x + 2:.0f}" y="{height - 4}" font-size="10" fill="#678">{meridian}°</text>')
    for parallel in range(int(south // 15 * 15), int(north) + 1, 15):
        y = (north - parallel) * scale
        parts.append(f'<line x1="0" y1="{y:.0f}" x2="{width}" y2="{y:.0f}" stroke="#cdd"/><text x="2" y="{y - 2:.0f}" font-size="10" fill="#678">{parallel}°</text>')
    for s, lat, lon in points:
        x, y = (lon - west) * scale, (north - lat) * scale
        fill = "#1a1a1a" if s == iri else "#0050a0"
        parts.append(f'<a href="{escape(path_for(s) or s)}"><circle cx="{x:.0f}" cy="{y:.0f}" r="6" fill="{fill}"/>'
                     f'<text x="{x + 9:.0f}" y="{y + 4:.0f}" font-size="12">{escape(pick_label(labels, s, lang))}</text></a>')
    parts.append("</svg>")
    return Markup("".join(parts))
