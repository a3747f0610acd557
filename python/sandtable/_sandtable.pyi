"""The native module: the sandtable crate's measuring over NumPy arrays."""

from typing import List, Optional, Tuple

import numpy as np
import numpy.typing as npt

__version__: str

def measure(
    lat: npt.NDArray[np.float64],
    lon: npt.NDArray[np.float64],
    target: str,
    unit: str = "km",
    data: Optional[str] = None,
) -> Tuple[
    npt.NDArray[np.float64],
    npt.NDArray[np.float64],
    npt.NDArray[np.float64],
    npt.NDArray[np.float64],
    npt.NDArray[np.int32],
    npt.NDArray[np.int32],
    List[str],
]: ...
def prefix(target: str) -> str: ...
def unit_symbol(unit: str) -> str: ...
def coordinate_columns(names: List[str]) -> Optional[Tuple[str, str]]: ...
def mentions(text: str, data: Optional[str] = None) -> List[dict]: ...
def geocode(name: str, country: Optional[str] = None, limit: int = 5) -> List[dict]: ...
