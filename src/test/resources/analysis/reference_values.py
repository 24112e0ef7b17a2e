#!/usr/bin/env python3
"""Reference values for the tests of jp.kenshin.outreach.analysis (the effect analysis statistics).

An independent implementation of the same methods, written from the textbook formulas in Python
(numpy + scipy only), so that the Java code is checked against numbers it did not produce itself.
Where scipy has the method, scipy is used (Pearson chi-square, the Wilson interval of binomtest,
normal and chi-square distributions); Mantel-Haenszel and logistic regression are written fresh.

Run from the repository root (Python 3.11, numpy, scipy):

    python3 src/test/resources/analysis/reference_values.py

and paste the printed numbers into the Java tests. The data sets are read from the CSV files
beside this script (the Java tests read the same files), except the small hand-made ones defined
below and in the tests alike.

reference_values.R beside this script computes the same figures with R's own functions
(prop.test, chisq.test, mantelhaen.test, glm, confint.default) for anyone with R.
"""

import csv
import math
import os

import numpy as np
from scipy import stats

HERE = os.path.dirname(os.path.abspath(__file__))
Z = stats.norm.ppf(0.975)


def show(name, value):
    if isinstance(value, tuple):
        value = tuple(float(v) if isinstance(v, np.floating) else v for v in value)
    elif isinstance(value, np.floating):
        value = float(value)
    print(f"{name:<48} {value!r}")


# --- one proportion, two proportions ---------------------------------------------------------

def wilson(x, n):
    """Wilson score interval without continuity correction: centre and half width on p."""
    p = x / n
    centre = (p + Z * Z / (2 * n)) / (1 + Z * Z / n)
    half = Z / (1 + Z * Z / n) * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n))
    lower = 0.0 if x == 0 else centre - half
    upper = 1.0 if x == n else centre + half
    # cross-check against scipy's own Wilson interval
    ci = stats.binomtest(x, n).proportion_ci(confidence_level=0.95, method="wilson")
    assert abs(ci.low - lower) < 1e-12 and abs(ci.high - upper) < 1e-12, (x, n, ci, lower, upper)
    return p, lower, upper


def two_proportions(x1, n1, x2, n2):
    p1, p2 = x1 / n1, x2 / n2
    diff = p1 - p2
    se = math.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2)
    d_lo, d_hi = max(diff - Z * se, -1.0), min(diff + Z * se, 1.0)
    rr = p1 / p2 if p2 > 0 else math.inf
    if x1 > 0 and x2 > 0:
        se_log = math.sqrt(1 / x1 - 1 / n1 + 1 / x2 - 1 / n2)
        r_lo, r_hi = rr * math.exp(-Z * se_log), rr * math.exp(Z * se_log)
    else:
        r_lo = r_hi = math.nan
    table = np.array([[x1, n1 - x1], [x2, n2 - x2]])
    chi2, p, dof, _ = stats.chi2_contingency(table, correction=False)
    assert dof == 1
    return dict(p1=p1, p2=p2, diff=diff, diff_lo=d_lo, diff_hi=d_hi, ratio=rr, ratio_lo=r_lo, ratio_hi=r_hi,
                chi2=chi2, p=p)


def show_two(prefix, r):
    for k, v in r.items():
        show(f"{prefix}.{k}", v)


# --- Mantel-Haenszel -------------------------------------------------------------------------

def mantel_haenszel(strata, correct=False):
    """strata: list of (x1, n1, x2, n2). Strata with an empty group are dropped (they add 0)."""
    s = np.array([t for t in strata if t[1] > 0 and t[3] > 0], dtype=float)
    a, n1, c, n2 = s[:, 0], s[:, 1], s[:, 2], s[:, 3]
    b, d = n1 - a, n2 - c
    n = n1 + n2
    # odds ratio, Robins-Breslow-Greenland variance of its log
    R, S = a * d / n, b * c / n
    P, Q = (a + d) / n, (b + c) / n
    OR = R.sum() / S.sum()
    var_log = ((P * R).sum() / (2 * R.sum() ** 2)
               + (P * S + Q * R).sum() / (2 * R.sum() * S.sum())
               + (Q * S).sum() / (2 * S.sum() ** 2))
    or_lo, or_hi = OR * math.exp(-Z * math.sqrt(var_log)), OR * math.exp(Z * math.sqrt(var_log))
    # chi-square
    m1 = a + c
    expected = n1 * m1 / n
    variance = n1 * n2 * m1 * (n - m1) / (n ** 2 * (n - 1))
    delta = (a - expected).sum()
    yates = 0.5 if correct and abs(delta) >= 0.5 else 0.0
    chi2 = (abs(delta) - yates) ** 2 / variance.sum()
    p = stats.chi2.sf(chi2, 1)
    # risk difference, weights n1*n2/n, Sato (1989) variance
    w = n1 * n2 / n
    rd = ((a * n2 - c * n1) / n).sum() / w.sum()
    Ps = (n1 ** 2 * c - n2 ** 2 * a + n1 * n2 * (n2 - n1) / 2) / n ** 2
    Qs = (a * (n2 - c) + c * (n1 - a)) / (2 * n)
    var_rd = (rd * Ps.sum() + Qs.sum()) / w.sum() ** 2
    return dict(OR=OR, OR_lo=or_lo, OR_hi=or_hi, RD=rd, RD_lo=rd - Z * math.sqrt(var_rd),
                RD_hi=rd + Z * math.sqrt(var_rd), chi2=chi2, p=p)


# --- logistic regression on grouped data -----------------------------------------------------

def logistic(X, trials, successes, names):
    """Newton-Raphson on the binomial log-likelihood from beta = 0 to full convergence.
    Standard errors from the inverse Fisher information at the estimate."""
    X = np.column_stack([np.ones(len(X)), np.asarray(X, dtype=float)])
    n, y = np.asarray(trials, dtype=float), np.asarray(successes, dtype=float)
    beta = np.zeros(X.shape[1])
    for _ in range(100):
        mu = 1 / (1 + np.exp(-X @ beta))
        gradient = X.T @ (y - n * mu)
        information = X.T @ (X * (n * mu * (1 - mu))[:, None])
        step = np.linalg.solve(information, gradient)
        beta = beta + step
        if np.max(np.abs(step)) < 1e-13:
            break
    mu = 1 / (1 + np.exp(-X @ beta))
    information = X.T @ (X * (n * mu * (1 - mu))[:, None])
    se = np.sqrt(np.diag(np.linalg.inv(information)))
    with np.errstate(divide="ignore", invalid="ignore"):
        dev = 2 * np.sum(np.where(y > 0, y * np.log(y / (n * mu)), 0)
                         + np.where(n - y > 0, (n - y) * np.log((n - y) / (n * (1 - mu))), 0))
    out = {"deviance": dev}
    for name, b, s in zip(["(Intercept)"] + names, beta, se):
        out[name] = dict(estimate=b, se=s, p=2 * stats.norm.sf(abs(b / s)), lo=b - Z * s, hi=b + Z * s,
                         OR=math.exp(b), OR_lo=math.exp(b - Z * s), OR_hi=math.exp(b + Z * s))
    return out


def show_logistic(prefix, fit, only=None):
    show(f"{prefix}.deviance", fit["deviance"])
    for name, c in fit.items():
        if name == "deviance" or (only and name not in only):
            continue
        for k, v in c.items():
            show(f"{prefix}[{name}].{k}", v)


# --- data sets ---------------------------------------------------------------------------------

def read_csv(name):
    with open(os.path.join(HERE, name), newline="") as f:
        return list(csv.DictReader(f))


def regression_rows(groups, bands):
    """groups: dict (call, sex, band) -> [people, attended]. Dummy coding, reference notice/male/lowest band."""
    X, trials, successes = [], [], []
    for (call, sex, band), (people, attended) in sorted(groups.items()):
        X.append([call, 1 if sex == 2 else 0] + [1 if band == b else 0 for b in bands[1:]])
        trials.append(people)
        successes.append(attended)
    return X, trials, successes, ["call", "female"] + [f"ageBand {b}" for b in bands[1:]]


def band_key(band):
    return int(band.split("-")[0])


def main():
    print("# (a) small hand-made sets")
    for x, n in [(45, 120), (0, 25), (25, 25), (1, 3)]:
        p, lo, hi = wilson(x, n)
        show(f"wilson({x},{n}).lower", lo)
        show(f"wilson({x},{n}).upper", hi)
    show_two("two(45,120,30,130)", two_proportions(45, 120, 30, 130))
    show_two("two(12,40,0,35)", two_proportions(12, 40, 0, 35))
    show("qnorm(0.975)", Z)

    print("\n# UCBAdmissions (R datasets), rows Admitted/Rejected, events = Male")
    ucb = [(512, 512 + 89, 313, 313 + 19), (353, 353 + 17, 207, 207 + 8), (120, 120 + 202, 205, 205 + 391),
           (138, 138 + 131, 279, 279 + 244), (53, 53 + 94, 138, 138 + 299), (22, 22 + 24, 351, 351 + 317)]
    for k, v in mantel_haenszel(ucb, correct=True).items():
        show(f"ucb.correct.{k}", v)
    for k, v in mantel_haenszel(ucb, correct=False).items():
        show(f"ucb.uncorrected.{k}", v)

    print("\n# (b) stratified.csv: 2 sexes x 6 age bands")
    rows = read_csv("stratified.csv")
    strata = [(int(r["callAttended"]), int(r["callPeople"]), int(r["noticeAttended"]), int(r["noticePeople"])) for r in rows]
    for k, v in mantel_haenszel(strata).items():
        show(f"strat.mh.{k}", v)
    for k, v in mantel_haenszel(strata, correct=True).items():
        show(f"strat.mhCorrect.{k}", v)
    show_two("strat.crude", two_proportions(*[sum(t[i] for t in strata) for i in range(4)]))
    bands = sorted({r["ageBand"] for r in rows}, key=band_key)
    groups = {}
    for r in rows:
        groups[(1, int(r["sex"]), r["ageBand"])] = [int(r["callPeople"]), int(r["callAttended"])]
        groups[(0, int(r["sex"]), r["ageBand"])] = [int(r["noticePeople"]), int(r["noticeAttended"])]
    X, trials, successes, names = regression_rows(groups, bands)
    show_logistic("strat.glm", logistic(X, trials, successes, names))

    print("\n# (c) holdout_cells.csv: arms, holdout, returned cards; callsMade 5200, 85 yen/card, 150 yen/call")
    cells = read_csv("holdout_cells.csv")
    for c in cells:
        c["sex"], c["people"] = int(c["sex"]), int(c["people"])
        for k in ("returnedCard", "reached", "attended"):
            c[k] = c[k] == "true"

    def count(pred):
        sel = [c for c in cells if pred(c)]
        return sum(c["people"] for c in sel if c["attended"]), sum(c["people"] for c in sel)

    call = lambda c: c["arm"] == "NOTICE_AND_CALL"
    notice = lambda c: c["arm"] != "NOTICE_AND_CALL"
    hold = lambda c: c["arm"] == "HOLDOUT"
    for arm in ("NOTICE_ONLY", "HOLDOUT", "NOTICE_AND_CALL"):
        x, n = count(lambda c: c["arm"] == arm)
        p, lo, hi = wilson(x, n)
        show(f"e2e.arm[{arm}]", (x, n, p, lo, hi))
    x, n = count(notice)
    show("e2e.noticeOnlyGroup", (x, n) + wilson(x, n))

    def strata_of(first, second, keep=lambda c: True):
        keys = sorted({(c["sex"], c["ageBand"]) for c in cells})
        out = []
        for sex, band in keys:
            in_stratum = lambda c: keep(c) and c["sex"] == sex and c["ageBand"] == band
            x1, n1 = count(lambda c: in_stratum(c) and first(c))
            x2, n2 = count(lambda c: in_stratum(c) and second(c))
            out.append((x1, n1, x2, n2))
        return out

    crude = two_proportions(*count(call), *count(notice))
    show_two("e2e.crude", crude)
    for k, v in mantel_haenszel(strata_of(call, notice)).items():
        show(f"e2e.mh.{k}", v)
    bands = sorted({c["ageBand"] for c in cells}, key=band_key)
    groups = {}
    for c in cells:
        g = groups.setdefault((1 if call(c) else 0, c["sex"], c["ageBand"]), [0, 0])
        g[0] += c["people"]
        g[1] += c["people"] if c["attended"] else 0
    X, trials, successes, names = regression_rows(groups, bands)
    show_logistic("e2e.glm", logistic(X, trials, successes, names), only=["call"])

    itt = two_proportions(*count(call), *count(hold))
    show_two("e2e.itt", itt)
    for k, v in mantel_haenszel(strata_of(call, hold)).items():
        show(f"e2e.ittMh.{k}", v)
    reached = sum(c["people"] for c in cells if call(c) and c["reached"])
    n_call = count(call)[1]
    share = reached / n_call
    show("e2e.reached", (reached, n_call, share))
    show("e2e.amongReached", (itt["diff"] / share, itt["diff_lo"] / share, itt["diff_hi"] / share))

    for arm in ("NOTICE_ONLY", "HOLDOUT", "NOTICE_AND_CALL"):
        show(f"e2e.returned[{arm}]", sum(c["people"] for c in cells if c["arm"] == arm and c["returnedCard"]))
    delivered = lambda c: not c["returnedCard"]
    show_two("e2e.delivered.crude", two_proportions(*count(lambda c: delivered(c) and call(c)),
                                                    *count(lambda c: delivered(c) and notice(c))))
    for k, v in mantel_haenszel(strata_of(call, notice, delivered)).items():
        show(f"e2e.delivered.mh.{k}", v)

    calls_made, per_card, per_call = 5200, 85, 150
    for arm in ("NOTICE_ONLY", "HOLDOUT", "NOTICE_AND_CALL"):
        x, n = count(lambda c: c["arm"] == arm)
        total = n * per_card + (calls_made * per_call if arm == "NOTICE_AND_CALL" else 0)
        show(f"e2e.cost[{arm}]", (total, total / x))
    additional = itt["diff"] * n_call
    show("e2e.costPerAdditional", (additional, calls_made * per_call / additional))


if __name__ == "__main__":
    main()
