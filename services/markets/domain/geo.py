"""WGS84 → metres on a local transverse Mercator centred on Beijing; every distance in this service is metric."""
from __future__ import annotations

from functools import lru_cache

import numpy as np
from pyproj import Transformer

# Transverse Mercator on CGCS2000's ellipsoid, centred on Tiananmen: scale error < 0.1 % across Beijing's 16 districts.
BEIJING_TM = "+proj=tmerc +lat_0=39.9042 +lon_0=116.4074 +k=1 +x_0=0 +y_0=0 +ellps=GRS80 +units=m +no_defs"


@lru_cache(maxsize=1)
def _transformer() -> Transformer:
    return Transformer.from_crs("EPSG:4326", BEIJING_TM, always_xy=True)


def project(lon, lat) -> np.ndarray:
    """(lon, lat) in degrees (scalars or arrays) → an (n, 2) array of (x, y) metres on the local projection."""
    x, y = _transformer().transform(np.asarray(lon, dtype=float), np.asarray(lat, dtype=float))
    return np.column_stack([np.atleast_1d(x), np.atleast_1d(y)])


def distance_m(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Metric distance between two (lon, lat) points."""
    pa, pb = project(*a)[0], project(*b)[0]
    return float(np.hypot(*(pa - pb)))
