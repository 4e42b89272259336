"""Pictures drawn by the server as SVG: a resource's relations, and a map of its places.

Both are built from markupsafe ``Markup`` templates whose every inserted value is escaped (so the
markup stays markup and data stays text), carry <title>/<desc> for screen readers (named by
``aria-labelledby``), are titled in the page's language, and need no JavaScript or tile server.
"""

from __future__ import annotations

import math

import pyoxigraph as ox
from markupsafe import Markup

from .describe import labels_of, pick_label
from .i18n import MESSAGES
from .urls import path_for

CKG = "https://w3id.org/citykg/ontology#"
GEO = "http://www.w3.org/2003/01/geo/wgs84_pos#"
# The relations drawn around a city or network, with the colour of their edges (in legend order).
# The last four are what the ontology (1.1.0) has OWL RL infer at build time: the administration
# of a city (inverse of ckg:administers), the networks it takes part in through it
# (ckg:administeredBy / ckg:memberOf), the agreements it is a party to, and the agreements its
# administration is a party to (ckg:administeredBy / ckg:partyTo).
RELATIONS = {"partnerOf": "#0050a0", "memberOf": "#2a7d2a", "hasMember": "#2a7d2a", "participatesIn": "#a05000",
             "committedTo": "#7a1fa0", "administeredBy": "#505050", "takesPartIn": "#5f9e3f", "partyTo": "#b0305a",
             "hasAgreement": "#d0708a"}
DIRECT = tuple(RELATIONS)
# Nodes drawn at most around one resource.
MAX_NEIGHBOURS = 40


def neighbours(store: ox.Store, iri: str) -> list:
    """(IRI, relation) pairs around the resource, one per IRI, sorted.

    Every relation is one property of :data:`DIRECT`, asserted or inferred by the build: a city's
    administration, networks and agreements are statements about the city itself.
    """
    values = " ".join(f"<{CKG}{name}>" for name in DIRECT)
    node = f"<{ox.NamedNode(iri).value}>"
    rows = store.query(f"""SELECT DISTINCT ?o ?r WHERE {{
      VALUES ?p {{ {values} }} {node} ?p ?o BIND(STRAFTER(STR(?p), "#") AS ?r)
      FILTER(isIRI(?o) && ?o != {node}) }}""")
    order = list(RELATIONS)
    chosen: dict = {}
    for row in rows:
        other, relation = row["o"].value, row["r"].value
        if other not in chosen or order.index(relation) < order.index(chosen[other]):
            chosen[other] = relation  # an IRI related twice is drawn once, by its first relation
    return sorted(chosen.items())


def relations_svg(store: ox.Store, iri: str, lang: str) -> Markup | None:
    """A radial diagram: the resource in the middle, its partners, networks, agreements and commitments around."""
    around = neighbours(store, iri)[:MAX_NEIGHBOURS]
    if not around:
        return None
    t = MESSAGES[lang]
    labels = labels_of(store, {iri} | {o for o, _ in around})
    # The ring grows with the number of nodes so that labels keep ~34 px apart.
    radius = max(220, round(34 * len(around) / (2 * math.pi)))
    size = 2 * radius + 200
    centre = size / 2
    name = pick_label(labels, iri, lang)
    parts = [
        Markup('<svg xmlns="http://www.w3.org/2000/svg" viewBox="-170 0 {} {}" width="100%" role="img" '
               'aria-labelledby="rel-title rel-desc" class="diagram">').format(size + 340, size),
        Markup('<title id="rel-title">{}</title>').format(t["relations_of"].format(name=name)),
        Markup('<desc id="rel-desc">{}</desc>').format(
            t["related"].format(n=len(around), names=", ".join(pick_label(labels, o, lang) for o, _ in around))),
    ]
    for n, (other, relation) in enumerate(around):
        angle = 2 * math.pi * n / len(around)
        x, y = centre + radius * math.cos(angle), centre + radius * math.sin(angle)
        colour = RELATIONS[relation]
        parts.append(Markup('<line x1="{:.0f}" y1="{:.0f}" x2="{:.0f}" y2="{:.0f}" stroke="{}" stroke-width="2"><title>{}</title></line>')
                     .format(centre, centre, x, y, colour, t["rel"][relation]))
        start = math.cos(angle) >= 0
        parts.append(Markup('<a href="{}"><circle cx="{:.0f}" cy="{:.0f}" r="7" fill="{}"/>'
                            '<text x="{:.0f}" y="{:.0f}" text-anchor="{}" font-size="13">{}</text></a>')
                     .format(path_for(other) or other, x, y, colour, x + (10 if start else -10), y + 4,
                             "start" if start else "end", pick_label(labels, other, lang)[:38]))
    parts.append(Markup('<circle cx="{0}" cy="{0}" r="12" fill="#1a1a1a"/>'
                        '<text x="{0}" y="{1}" text-anchor="middle" font-weight="bold" font-size="15">{2}</text>')
                 .format(centre, centre - 18, name))
    legend_y = 18
    for relation, colour in RELATIONS.items():
        if any(r == relation for _, r in around):
            parts.append(Markup('<rect x="8" y="{}" width="10" height="10" fill="{}"/><text x="24" y="{}" font-size="12">{}</text>')
                         .format(legend_y - 9, colour, legend_y, t["rel"][relation]))
            legend_y += 16
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)


def map_svg(store: ox.Store, iri: str, lang: str) -> Markup | None:
    """Plot the resource and its related places that have WGS84 coordinates (no tiles needed)."""
    candidates = {iri} | {o for o, _ in neighbours(store, iri)}
    values = " ".join(f"<{c}>" for c in candidates)
    rows = list(store.query(f"SELECT ?s ?lat ?long WHERE {{ VALUES ?s {{ {values} }} ?s <{GEO}lat> ?lat ; <{GEO}long> ?long }}"))
    if not rows:
        return None
    t = MESSAGES[lang]
    points = [(r["s"].value, float(r["lat"].value), float(r["long"].value)) for r in rows]
    labels = labels_of(store, {p[0] for p in points} | {iri})
    lats, longs = [p[1] for p in points], [p[2] for p in points]
    pad = 5.0
    west, east = min(longs) - pad, max(longs) + pad
    south, north = min(lats) - pad, max(lats) + pad
    # Equirectangular with its standard parallel in the middle of the points, so northern
    # cities are not stretched sideways; the drawing is cut to the points' extent.
    squeeze = max(math.cos(math.radians((north + south) / 2)), 0.2)
    scale = min(640 / ((east - west) * squeeze), 400 / (north - south))
    width, height = round((east - west) * squeeze * scale), round((north - south) * scale)
    parts = [
        Markup('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" width="100%" role="img" '
               'aria-labelledby="map-title map-desc" class="map">').format(width, height),
        Markup('<title id="map-title">{}</title>').format(t["map_of"].format(name=pick_label(labels, iri, lang))),
        Markup('<desc id="map-desc">{}</desc>').format(
            "; ".join(f"{pick_label(labels, s, lang)} {lat:.2f}, {lon:.2f}" for s, lat, lon in points)),
        Markup('<rect width="{}" height="{}" fill="#eef4fa" stroke="#9ab"/>').format(width, height),
    ]
    for meridian in range(math.ceil(west / 15) * 15, int(east) + 1, 15):
        x = (meridian - west) * squeeze * scale
        parts.append(Markup('<line x1="{0:.0f}" y1="0" x2="{0:.0f}" y2="{1}" stroke="#cdd"/>'
                            '<text x="{2:.0f}" y="{3}" font-size="10" fill="#678">{4}°</text>').format(x, height, x + 2, height - 4, meridian))
    for parallel in range(math.ceil(south / 15) * 15, int(north) + 1, 15):
        y = (north - parallel) * scale
        parts.append(Markup('<line x1="0" y1="{0:.0f}" x2="{1}" y2="{0:.0f}" stroke="#cdd"/>'
                            '<text x="2" y="{2:.0f}" font-size="10" fill="#678">{3}°</text>').format(y, width, y - 2, parallel))
    placed: list[tuple[float, float, float]] = []  # label boxes drawn so far: (left, right, baseline)
    dots, names = [], []
    # The resource first, then north to south, so its own label keeps its place in a cluster.
    for s, lat, lon in sorted(points, key=lambda p: (p[0] != iri, -p[1])):
        x, y = (lon - west) * squeeze * scale, (north - lat) * scale
        label = pick_label(labels, s, lang)
        # Labels of points in the eastern third go to their left, so they stay inside the map;
        # a label that would overlap one already drawn moves down a line, tied to its point by a
        # leader line (Helsinki, Tallinn and Stockholm are a few pixels apart at this scale).
        right = x < width * 2 / 3
        span = 7 * len(label)
        left_edge = x + 9 if right else x - 9 - span
        baseline = y + 4
        while any(left_edge < r and left_edge + span > l and abs(baseline - b) < 13 for l, r, b in placed):
            baseline += 13
        placed.append((left_edge, left_edge + span, baseline))
        href = path_for(s) or s
        dots.append(Markup('<a href="{}" tabindex="-1"><circle cx="{:.0f}" cy="{:.0f}" r="6" fill="{}"/></a>')
                    .format(href, x, y, "#1a1a1a" if s == iri else "#0050a0"))
        leader = Markup('<line x1="{:.0f}" y1="{:.0f}" x2="{:.0f}" y2="{:.0f}" stroke="#678"/>').format(
            x, y, x + 8 if right else x - 8, baseline - 4) if baseline != y + 4 else Markup("")
        names.append(leader + Markup('<a href="{}"><text x="{:.0f}" y="{:.0f}" font-size="12" text-anchor="{}" '
                                     'paint-order="stroke" stroke="#eef4fa" stroke-width="3">{}</text></a>')
                     .format(href, x + 9 if right else x - 9, baseline, "start" if right else "end", label))
    # Dots under names, so no dot hides a label.
    parts += dots + names
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)
