"""What an analyst does instead of Strata (issue 12): pandas read_csv, then weekly retention.

Usage: python3 bench/pandas_retention.py EVENTS.csv
Prints one JSON line: {"read_ms", "retention_ms", "total_ms", "cells"}. Weeks start on Monday
(as the bench's manifest); a user's cohort is the week of their first event; period n counts
the cohort's users active n weeks later, n = 0..13 (the bench's "weekly retention, 13 periods").
"""

import json
import sys
import time

import pandas as pd


def main(path: str) -> None:
    t0 = time.perf_counter()
    events = pd.read_csv(path, usecols=["user_id", "event_time"], parse_dates=["event_time"])
    t1 = time.perf_counter()
    day = events["event_time"].dt.normalize()
    week = day - pd.to_timedelta(day.dt.weekday, unit="D")
    active = pd.DataFrame({"user_id": events["user_id"], "week": week}).drop_duplicates()
    cohort = active.groupby("user_id")["week"].min().rename("cohort")
    active = active.join(cohort, on="user_id")
    active["n"] = (active["week"] - active["cohort"]).dt.days // 7
    table = active[active["n"] <= 13].groupby(["cohort", "n"])["user_id"].nunique()
    t2 = time.perf_counter()
    print(
        json.dumps(
            {
                "read_ms": (t1 - t0) * 1000,
                "retention_ms": (t2 - t1) * 1000,
                "total_ms": (t2 - t0) * 1000,
                "cells": int(table.size),
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1])
