"""Recorded responses of every source kind (vcrpy cassettes) that `mrt demo` replays."""
