"""The automatic layout of the category board: plain numbers in, box centres out (no Qt).

The core category sits at the centre, pathways (level "none" under the core)
on a small circle around it, main categories on a middle circle and each main
category's categories together on an outer circle, in the main category's
sector. Every circle is as small as it can be with no two boxes closer than
`gap`, so the picture is compact and the result depends only on the codes,
their box sizes and their relations: the same input always gives the same
centres.

A box's name is broken into lines between words only (`wrap_words`): Chinese
has no spaces, and a break anywhere (朝阳群|众) reads as two other words.
"""

from __future__ import annotations

import math
from typing import Callable, Mapping, Sequence

from coding.values import Code

Box = tuple[float, float]  # width, height
Point = tuple[float, float]
TOP = -math.pi / 2  # angles are clockwise from the x axis (y points down): this is straight up
SHOWN_LEVELS = ("core", "main", "category")
GAP = 18.0  # least free space between two boxes
Slot = tuple[int | None, Box, int]  # a place on the outer circle: code id (None: kept free), size, group


def overlaps(p: Point, s: Box, q: Point, t: Box, gap: float = 0.0) -> bool:
    """Whether boxes of sizes `s` and `t` centred at `p` and `q` come closer than `gap`."""
    return abs(p[0] - q[0]) < (s[0] + t[0]) / 2 + gap and abs(p[1] - q[1]) < (s[1] + t[1]) / 2 + gap


def _any_overlap(new: Mapping[int, Point], sizes: Mapping[int, Box], placed: Mapping[int, Point], gap: float) -> bool:
    items = list(new.items())
    for i, (a, p) in enumerate(items):
        if any(overlaps(p, sizes[a], q, sizes[b], gap) for b, q in items[i + 1:]):
            return True
        if any(overlaps(p, sizes[a], q, sizes[b], gap) for b, q in placed.items()):
            return True
    return False


def _ring(
    sizes: Sequence[Box], groups: Sequence[int], radius: float, gap: float, centre: float = TOP
) -> list[float] | None:
    """Angles for boxes set in order around a circle, neighbours apart, spare angle mostly between groups.

    The first group is centred at angle `centre` (the top). None when the boxes do not fit at this radius."""
    n = len(sizes)
    if n == 1:
        return [centre]

    def step(a: int, b: int, mid: float) -> float | None:
        # the chord between neighbours runs along the tangent at `mid`: they clear each other
        # horizontally or vertically, whichever needs the shorter chord
        sx, sy = abs(math.sin(mid)) or 1e-9, abs(math.cos(mid)) or 1e-9
        need = min(((sizes[a][0] + sizes[b][0]) / 2 + gap) / sx, ((sizes[a][1] + sizes[b][1]) / 2 + gap) / sy)
        return None if need >= 2 * radius else 2 * math.asin(need / (2 * radius))

    boundaries = [i for i in range(n) if groups[i] != groups[(i + 1) % n]]
    first = sum(1 for g in groups if g == groups[0])
    angles = [centre + 2 * math.pi * i / n for i in range(n)]
    for _ in range(3):  # each pass measures the gaps at the angles of the previous one
        steps = []
        for i in range(n):
            following = angles[(i + 1) % n] + (2 * math.pi if i == n - 1 else 0)
            d = step(i, (i + 1) % n, (angles[i] + following) / 2)
            if d is None:
                return None
            steps.append(d)
        slack = 2 * math.pi - sum(steps)
        if slack < 0:
            return None
        even = slack / n if not boundaries else slack / (2 * n)
        steps = [d + even for d in steps]
        for i in boundaries:
            steps[i] += slack / 2 / len(boundaries)
        angles = [0.0]
        for d in steps[:-1]:
            angles.append(angles[-1] + d)
        shift = centre - (angles[0] + angles[first - 1]) / 2
        angles = [a + shift for a in angles]
    centres = {i: _polar(radius, a) for i, a in enumerate(angles)}
    return None if _any_overlap(centres, dict(enumerate(sizes)), {}, gap) else angles


def _polar(radius: float, angle: float) -> Point:
    return (round(radius * math.cos(angle), 1), round(radius * math.sin(angle), 1))


def _reach(placed: Mapping[int, Point], sizes: Mapping[int, Box]) -> float:
    """How far from the centre the placed boxes extend."""
    return max((math.hypot(*placed[i]) + math.hypot(*sizes[i]) / 2 for i in placed), default=0.0)


def _mean_angle(angles: Sequence[float]) -> float:
    return math.atan2(sum(map(math.sin, angles)), sum(map(math.cos, angles)))


def _place_ring(
    ids: Sequence[int], sizes: Mapping[int, Box], placed: Mapping[int, Point], gap: float,
    preferred: Mapping[int, float] | None = None,
) -> dict[int, Point]:
    """Boxes evenly around the smallest circle where they clear each other and what is placed,
    turned so that boxes with a `preferred` direction come as close to it as they can."""
    preferred = preferred or {}
    ids = sorted(ids, key=lambda i: (i not in preferred, (preferred.get(i, 0.0) - TOP) % (2 * math.pi)))
    radius = max(_reach(placed, sizes) * 0.6, sum(min(sizes[i]) + gap for i in ids) / (2 * math.pi), 1.0)
    while True:
        sized = [sizes[i] for i in ids]
        angles = _ring(sized, range(len(ids)), radius, gap)
        wanted = [(preferred[i], a) for i, a in zip(ids, angles or ()) if i in preferred]
        if wanted:
            angles = _ring(sized, range(len(ids)), radius, gap, TOP + _mean_angle([p - a for p, a in wanted]))
        if angles is not None:
            ring = {i: _polar(radius, a) for i, a in zip(ids, angles)}
            if not _any_overlap(ring, sizes, placed, gap):
                return ring
        radius *= 1.05


def auto_layout(
    codes: Sequence[Code], sizes: Mapping[int, Box], parents: Mapping[int, int | None],
    links: Sequence[tuple[int, int]] = (), gap: float = GAP, aspect: float = 1.0,
) -> dict[int, Point]:
    """Centres for the shown codes: the core at the origin, pathways (and further cores) around it,
    main categories on a circle around those, categories on an outer circle next to their main category.

    `parents` maps every code id (shown or not) to its parent id, to find a category's main category;
    `links` (related code ids) turn each pathway toward the categories it is related to.
    `aspect` > 1 draws the circles as ellipses that much wider than tall, to fill a wide window: the
    layout is made in a space narrowed by `aspect` (each box narrowed so that two boxes clear each other
    there exactly when they clear each other once widened again) and its x coordinates widened back.
    Deterministic: the same codes, sizes and aspect give the same centres, no two boxes overlapping."""
    if aspect != 1.0:
        narrow = {i: ((w + gap) / aspect - gap, h) for i, (w, h) in sizes.items()}
        if all(w > 0 for w, _ in narrow.values()):
            centres = _circular_layout(codes, narrow, parents, links, gap)
            return {i: (round(x * aspect, 1), y) for i, (x, y) in centres.items()}
    return _circular_layout(codes, sizes, parents, links, gap)


def _circular_layout(
    codes: Sequence[Code], sizes: Mapping[int, Box], parents: Mapping[int, int | None],
    links: Sequence[tuple[int, int]], gap: float,
) -> dict[int, Point]:
    cores = [c.id for c in codes if c.level == "core"]
    inner = cores[1:] + [c.id for c in codes if c.level not in SHOWN_LEVELS]
    mains = [c.id for c in codes if c.level == "main"]
    main_set = set(mains)

    def main_of(code_id: int) -> int | None:
        seen, parent = {code_id}, parents.get(code_id)
        while parent is not None and parent not in seen:
            if parent in main_set:
                return parent
            seen.add(parent)
            parent = parents.get(parent)
        return None

    members: dict[int | None, list[int]] = {}
    for c in codes:
        if c.level == "category":
            members.setdefault(main_of(c.id), []).append(c.id)
    # the outer ring: each main's categories together (a main without any keeps a sector of its own width)
    slots: list[Slot] = []
    for g, main in enumerate(mains):
        slots += [(c, sizes[c], g) for c in members.get(main, [])] or [(None, sizes[main], g)]
    slots += [(c, sizes[c], len(mains)) for c in members.get(None, [])]
    placed: dict[int, Point] = {cores[0]: (0.0, 0.0)} if cores else {}
    if inner:
        placed.update(_place_ring(inner, sizes, placed, gap, _directions(inner, mains, slots, links, gap)))
    if not any(members.values()):
        if mains:
            placed.update(_place_ring(mains, sizes, placed, gap))
        return placed
    inner_reach = _reach(placed, sizes)
    outer = max(inner_reach + 2 * gap, sum(min(s) + gap for _, s, _ in slots) / (2 * math.pi))
    while True:
        angles = _ring([s for _, s, _ in slots], [g for _, _, g in slots], outer, gap)
        if angles is not None:
            ring = {c: _polar(outer, a) for (c, _, _), a in zip(slots, angles) if c is not None}
            if not _any_overlap(ring, sizes, placed, gap):
                middle = _main_ring(mains, slots, angles, sizes, placed, ring, outer, inner_reach, gap)
                if middle is not None:
                    return {**placed, **middle, **ring}
        outer *= 1.05


def _directions(
    inner: Sequence[int], mains: Sequence[int], slots: Sequence[Slot], links: Sequence[tuple[int, int]], gap: float
) -> dict[int, float]:
    """Which way each inner box would like to lie: toward the outer boxes it is related to."""
    if not slots:
        return {}
    radius = sum(min(s) + gap for _, s, _ in slots) / (2 * math.pi)
    while (angles := _ring([s for _, s, _ in slots], [g for _, _, g in slots], radius, gap)) is None:
        radius *= 1.05
    where: dict[int, list[float]] = {}
    for (code, _, g), a in zip(slots, angles):
        if code is not None:
            where[code] = [a]
        if g < len(mains):
            where.setdefault(mains[g], []).append(a)
    toward: dict[int, list[float]] = {}
    for a, b in links:
        for one, other in ((a, b), (b, a)):
            if one in inner and other in where:
                toward.setdefault(one, []).append(_mean_angle(where[other]))
    return {i: _mean_angle(angles) for i, angles in toward.items()}


def _main_ring(
    mains: Sequence[int], slots: Sequence[Slot], angles: Sequence[float], sizes: Mapping[int, Box],
    placed: Mapping[int, Point], ring: Mapping[int, Point], outer: float, inner_reach: float, gap: float,
) -> dict[int, Point] | None:
    """Main categories inside their categories' sector, on the smallest circle that clears everything."""
    if not mains:
        return {}
    spans: dict[int, list[float]] = {}
    for (_, _, g), a in zip(slots, angles):
        spans.setdefault(g, []).append(a)
    directions = [(spans[g][0] + spans[g][-1]) / 2 for g in range(len(mains))]
    radius = max(inner_reach, 1.0)
    while radius < outer:
        middle = {m: _polar(radius, a) for m, a in zip(mains, directions)}
        if not _any_overlap(middle, sizes, placed, gap):
            return None if _any_overlap(middle, sizes, ring, gap) else middle
        radius *= 1.05
    return None


# ---------------------------------------------------------------- names in lines

OPENERS = frozenset("“‘「『（(《〈【[")  # stay with the word after them
CLOSERS = frozenset("”’」』）)》〉】]，,。.、；;：:！!？?…%％")  # stay with the word before them
PARTICLES = frozenset({"的", "地", "得", "之", "了", "着", "过", "们"})  # 民警的|在场, not 民警|的在场


def break_pieces(words: Sequence[str]) -> list[str]:
    """The pieces a line may break between: the words (as a segmenter cut them), each opening bracket or
    quote joined to the word after it, closing ones, punctuation and particles (的, 之 …) to the word before,
    a space kept at the end of the piece before it."""
    pieces: list[str] = []
    glue_next = False
    seen = {'"': 0, "'": 0}  # a straight quote opens the first time, closes the second, …
    for word in words:
        if not word:
            continue
        opens, closes = all(ch in OPENERS for ch in word), all(ch in CLOSERS for ch in word) or word in PARTICLES
        if word in seen:
            opens, closes = seen[word] % 2 == 0, seen[word] % 2 == 1
            seen[word] += 1
        if pieces and (glue_next or word.isspace() or closes):
            pieces[-1] += word
        else:
            pieces.append(word)
        glue_next = opens
    return pieces


def _greedy(pieces: Sequence[str], width_of: Callable[[str], float], limit: float) -> list[str]:
    lines: list[str] = []
    line = ""
    for piece in pieces:
        if line and width_of((line + piece).rstrip()) > limit:
            lines.append(line.rstrip())
            line = piece.lstrip()
        else:
            line += piece
        while len(line) > 1 and width_of(line.rstrip()) > limit:  # one word wider than a line: cut it where it must
            cut = next(n for n in range(len(line) - 1, 0, -1) if width_of(line[:n]) <= limit or n == 1)
            lines.append(line[:cut])
            line = line[cut:]
    if line.strip():
        lines.append(line.rstrip())
    return lines


def wrap_words(pieces: Sequence[str], width_of: Callable[[str], float], limit: float) -> list[str]:
    """The lines of a name no wider than `limit` (a word wider than that alone is cut), breaking only
    between `pieces`, as few lines as can be and of about equal width: the narrowest width that keeps
    that number of lines, so no line holds a lone word under a long one."""
    lines = _greedy(pieces, width_of, limit)
    if len(lines) < 2:
        return lines
    low, high = max(width_of(p.strip()) for p in pieces if p.strip()), limit
    if low >= high:
        return lines
    for _ in range(12):  # to within limit / 4000 of the narrowest
        middle = (low + high) / 2
        if len(_greedy(pieces, width_of, middle)) <= len(lines):
            high = middle
        else:
            low = middle
    return _greedy(pieces, width_of, high)
