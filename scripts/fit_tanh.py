#!/usr/bin/python3
"""Fits the float tanh's rational function (core/train/activation_math.h).

tanh(x) ~ x P(x^2) / Q(x^2) on [0, 9], P and Q of degree 4 with constant
terms 1, for the least largest relative error: linearised least squares
(P - f Q weighted by 1 / (f Q_previous)) with Lawson's reweighting towards
the worst points, in a Chebyshev basis for conditioning. Prints the
coefficients as floats (to paste), the truncation error in double, and the
error of the float evaluation (Horner by fused multiply-adds, as the
kernels do) on a dense grid. Needs numpy: /usr/bin/python3 scripts/fit_tanh.py
"""
import numpy as np
from numpy.polynomial import chebyshev as cheb
from numpy.polynomial import polynomial as poly

CAP, DEGREE = 9.0, 4


def fit(iterations=200):
    chebyshev_points = CAP * (np.cos(np.linspace(0, np.pi, 40001)) + 1) / 2
    x = np.unique(np.concatenate([chebyshev_points[chebyshev_points > 1e-6],
                                  np.linspace(1e-6, CAP, 40000)]))
    s, f = x * x, np.tanh(x) / x
    u = 2 * s / CAP**2 - 1
    vp, vq = cheb.chebvander(u, DEGREE), cheb.chebvander(u, DEGREE)
    weight, q_prev, best = np.full(len(x), 1 / len(x)), np.ones(len(x)), (np.inf, None)
    for _ in range(iterations):
        a = np.hstack([vp, -f[:, None] * vq[:, 1:]])
        scale = np.sqrt(weight) / (f * np.abs(q_prev))
        sol, *_ = np.linalg.lstsq(a * scale[:, None], f * vq[:, 0] * scale, rcond=None)
        cp, cq = sol[:DEGREE + 1], np.concatenate([[1.0], sol[DEGREE + 1:]])
        q_prev = vq @ cq
        err = (vp @ cp) / q_prev / f - 1
        if np.abs(err).max() < best[0]:
            best = (np.abs(err).max(), (cp, cq))
        weight = weight * np.abs(err) ** 0.7
        weight /= weight.sum()
    return best


def monomial(c):  # Chebyshev in u = 2 s / CAP^2 - 1 -> powers of s
    out, term = np.zeros(DEGREE + 1), np.array([1.0])
    for ck in cheb.cheb2poly(c):
        out[:len(term)] += ck * term
        term = poly.polymul(term, [-1.0, 2 / CAP**2])
    return out


def float_tanh(x, p, q):
    fma = lambda a, b, c: (a.astype(np.float64) * b + c).astype(np.float32)
    s = (x * x).astype(np.float32)
    hp, hq = np.full_like(s, p[-1]), np.full_like(s, q[-1])
    for cp, cq in zip(p[-2::-1], q[-2::-1]):
        hp, hq = fma(hp, s, np.float32(cp)), fma(hq, s, np.float32(cq))
    return np.minimum((x * hp).astype(np.float32) / hq, np.float32(1))


truncation, (cp, cq) = fit()
p, q = monomial(cp), monomial(cq)
p, q = (p / q[0]).astype(np.float32), (q / q[0]).astype(np.float32)
print("P", ", ".join("%.9g" % v for v in p))
print("Q", ", ".join("%.9g" % v for v in q))
x = np.linspace(0, CAP, 2000001).astype(np.float32)
err = np.abs(float_tanh(x, p, q) - np.tanh(x.astype(np.float64)))
print("truncation (relative, double) %.2g; float evaluation: largest absolute error %.3g" %
      (truncation, err.max()))
