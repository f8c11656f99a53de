"""Os oito planetas: semieixo maior e período orbital, para a terceira lei de Kepler (T ∝ a^1,5).

Fonte: NASA, *Planetary Fact Sheet — Metric* (D. R. Williams, NSSDCA), colunas
"Distance from Sun (10⁶ km)" e "Orbital Period (days)".
"""

from __future__ import annotations

from typing import NamedTuple


class Planet(NamedTuple):
    name: str
    semi_major_axis_km: float  # semieixo maior (distância média ao Sol), km
    period_days: float  # período orbital sideral, dias


PLANETS = (
    Planet("Mercúrio", 57.9e6, 88.0),
    Planet("Vênus", 108.2e6, 224.7),
    Planet("Terra", 149.6e6, 365.2),
    Planet("Marte", 228.0e6, 687.0),
    Planet("Júpiter", 778.5e6, 4331.0),
    Planet("Saturno", 1432.0e6, 10747.0),
    Planet("Urano", 2867.0e6, 30589.0),
    Planet("Netuno", 4515.0e6, 59800.0),
)
