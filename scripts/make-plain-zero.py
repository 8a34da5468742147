#!/usr/bin/env python3
"""
Makes public/fonts/omapolku-plain-zero.woff2: the digit zero of Atkinson Hyperlegible Next
(variable, wght 200-800) without its slash, as a font of that one character.

Why: the portal's font draws zero with a slash, and a reader who does not know that convention
sees "8.3Ø" (issue 14, point 4). The font has no plain-zero alternate (its features are only
ccmp, frac, locl, pnum, tnum), so client.css puts this font first in the client pages' family
with unicode-range U+0030: every zero there comes from here, every other character from Atkinson.

How: Atkinson's zero is an outer oval and two counter pieces, the slash being the gap between
them. Joining the two pieces into one counter (a curve across each end of the gap, its control
point where the oval's tangents meet) removes the slash and keeps the stroke, width and spacing;
the weight variations of the kept points are kept, and the two new points are placed the same
way at each peak of the weight axis. The font is the SIL Open Font License's (a Modified Version under another
name, with the license's copyright notice). Needs fontTools with brotli
(Debian: python3-fonttools python3-brotli). Run from the repository root:

    python3 scripts/make-plain-zero.py
"""
from fontTools.ttLib import TTFont
from fontTools.subset import Subsetter, Options
from fontTools.ttLib.tables._g_l_y_f import GlyphCoordinates
from fontTools.varLib.iup import iup_delta
from fontTools.ttLib.tables.ttProgram import Program

SOURCE = 'node_modules/@fontsource-variable/atkinson-hyperlegible-next/files/atkinson-hyperlegible-next-latin-wght-normal.woff2'
TARGET = 'public/fonts/omapolku-plain-zero.woff2'
FAMILY = 'Omapolku Plain Zero'

font = TTFont(SOURCE)
options = Options()
options.flavor = 'woff2'
options.layout_features = []
options.name_IDs = ['*']
subsetter = Subsetter(options)
subsetter.populate(unicodes=[0x30])
subsetter.subset(font)

glyf = font['glyf']
zero = glyf['zero']
coords, ends, flags = zero.getCoordinates(glyf)
# The shape this script knows: outer oval 0-15, lower counter piece 16-26, upper piece 27-38.
assert list(ends) == [15, 26, 38], f'the zero has changed ({list(ends)}): check the script against it'


def tangent_meet(p0, p1, q0, q1):
    """Where the line p0→p1 (extended past p1) meets the line q1→q0 (extended before q0)."""
    (ax, ay), (bx, by) = p0, p1
    (cx, cy), (dx, dy) = q0, q1
    d1 = (bx - ax, by - ay)
    d2 = (dx - cx, dy - cy)
    det = d1[0] * (-d2[1]) - d1[1] * (-d2[0])
    s = ((cx - bx) * (-d2[1]) - (cy - by) * (-d2[0])) / det
    return (round(bx + s * d1[0]), round(by + s * d1[1]))


# New counter: 16-19 (bottom, to where the slash begins), a curve over the gap to 28, 28-38 and 27
# (right side and top), a curve over the gap to 20, and 20-26 (left side, back to the bottom).
low_gap = tangent_meet(coords[18], coords[19], coords[28], coords[29])
high_gap = tangent_meet(coords[38], coords[27], coords[20], coords[21])
order = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
         16, 17, 18, 19, ('new', low_gap, 19, 28), 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 27,
         ('new', high_gap, 27, 20), 20, 21, 22, 23, 24, 25, 26]
new_coords, new_flags = [], []
for item in order:
    if isinstance(item, tuple):
        new_coords.append(item[1])
        new_flags.append(0)  # off-curve: the control point of the curve over the gap
    else:
        new_coords.append(coords[item])
        new_flags.append(flags[item] & 1)
zero.coordinates = GlyphCoordinates(new_coords)
zero.flags = bytearray(new_flags)
zero.endPtsOfContours = [15, len(new_coords) - 1]
zero.numberOfContours = 2
zero.program = Program()
zero.program.fromBytecode(b'')

# Weight variations: every variation's deltas for the points in the new order (4 phantom points last).
for variation in font['gvar'].variations['zero']:
    deltas = variation.coordinates
    if any(d is None for d in deltas[:len(coords)]):
        deltas = iup_delta([d if d is not None else None for d in deltas[:len(coords)]], coords, ends) + deltas[len(coords):]
    # Each region of this glyph peaks alone (at 200, at about 750 and at 800), so the outline at a
    # region's peak is the default plus its deltas: the new point is where the tangents meet there.
    at_peak = [(x + dx, y + dy) for (x, y), (dx, dy) in zip(coords, deltas[:len(coords)])]
    new_deltas = []
    for item in order:
        if isinstance(item, tuple):
            a, b = item[2], item[3]
            meet = tangent_meet(at_peak[18], at_peak[19], at_peak[28], at_peak[29]) if a == 19 else tangent_meet(at_peak[38], at_peak[27], at_peak[20], at_peak[21])
            new_deltas.append((meet[0] - item[1][0], meet[1] - item[1][1]))
        else:
            new_deltas.append(deltas[item])
    variation.coordinates = new_deltas + list(deltas[len(coords):])

zero.recalcBounds(glyf)
name = font['name']
for record in list(name.names):
    if record.nameID in (1, 16):
        record.string = FAMILY
    elif record.nameID == 4:
        record.string = f'{FAMILY} Regular'
    elif record.nameID == 6:
        record.string = FAMILY.replace(' ', '') + '-Regular'
    elif record.nameID == 3:
        record.string = f'{FAMILY}; derived from Atkinson Hyperlegible Next'
font.save(TARGET)
print(f'{TARGET}: zero without the slash, {len(new_coords)} points')
