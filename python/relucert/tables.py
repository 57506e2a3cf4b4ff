"""Tables as pandas DataFrames (python3-pandas, imported only when asked for).

- regions_dataframe(regions): one row per region (index, pattern, facets, vertices,
  rays, bounded, interior_point), exact values as Fractions.
- read_batch(path): the table `relucert batch ... --csv FILE` writes (one
  implementation of the flattening: the library's CSV writer), read back with
  its exact "p/q" columns as Fractions (their KEY.decimal twins stay floats)."""
import csv
from fractions import Fraction

from .core import Region
from .errors import FileError, InputError, UnsupportedError


def _pandas():
    try:
        import pandas
    except ImportError:
        raise UnsupportedError("tables need pandas (Debian: apt-get install python3-pandas)", 4)
    return pandas


def regions_dataframe(regions):
    """A DataFrame of the regions (an iterable of Region, e.g. net.regions(box=(-1, 1)))."""
    pd = _pandas()
    rows = []
    for r in regions:
        if not isinstance(r, Region):
            raise InputError("expected Region objects (from Network.regions), got %s" % type(r).__name__, 3)
        rows.append({"index": r.index, "pattern": r.pattern, "facets": r.facets, "vertices": len(r.vertices),
                     "rays": len(r.rays), "bounded": bool(r.bounded),
                     "interior_point": tuple(Fraction(x) for x in r.interior_point)})
    return pd.DataFrame(rows, columns=["index", "pattern", "facets", "vertices", "rays", "bounded",
                                       "interior_point"])


def _exact(text):
    """'p/q' or an integer as a Fraction; anything else unchanged."""
    t = text.strip()
    if t.lstrip("-").isdigit():
        return Fraction(int(t))
    if "/" in t:
        num, _, den = t.partition("/")
        if num.lstrip("-").isdigit() and den.isdigit() and int(den) != 0:
            return Fraction(int(num), int(den))
    return text


def read_batch(path):
    """The CSV of `relucert batch MANIFEST --out F.jsonl --csv F.csv` as a DataFrame: numbers as
    numbers, exact "p/q" cells as Fractions (lists of them as tuples of Fractions, their
    decimal twins as tuples of floats), empty cells as None."""
    pd = _pandas()
    try:
        with open(path, newline="") as f:
            rows = list(csv.reader(f))
    except OSError as e:
        raise FileError("cannot read %s: %s" % (path, e.strerror), 1)
    if not rows:
        raise InputError("%s: empty (expected the header of relucert batch --csv)" % path, 3)
    head, body = rows[0], rows[1:]
    df = pd.DataFrame(body, columns=head).replace("", None)
    for col in head:
        vals = df[col].dropna()
        if col.endswith(".decimal") and any(" " in v for v in vals):   # a list's twins
            df[col] = [None if v is None else tuple(float(x) for x in v.split(" ")) for v in df[col]]
        elif col.endswith(".decimal"):
            df[col] = pd.to_numeric(df[col])
        elif len(vals) and all(v.lstrip("-").isdigit() for v in vals):
            df[col] = [None if v is None else int(v) for v in df[col]]
        elif len(vals) and any("/" in v for v in vals):
            df[col] = [None if v is None else _exact_list(v) for v in df[col]]
    return df


def _exact_list(text):
    """A cell: one exact number, or a list of them joined by spaces (a tuple of Fractions)."""
    if " " not in text:
        return _exact(text)
    parts = [_exact(x) for x in text.split(" ")]
    return tuple(parts) if all(isinstance(x, Fraction) for x in parts) else text
