//! Uncertain inputs: a value given as a range (minimum, most likely,
//! maximum) with a shape, and how to draw from it.
//!
//! A range of zero width is a plain number: drawing from it returns the
//! most likely value exactly, without touching the generator, so a Monte
//! Carlo run over zero-width ranges equals the deterministic projection.

use rand::{Rng, RngCore};

/// The shape of a range.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Shape {
    /// Triangular: density rising linearly from the minimum to the most
    /// likely value and falling to the maximum.
    #[default]
    Triangular,
    /// PERT: a Beta distribution with mean (min + 4·likely + max) ÷ 6,
    /// weighting the most likely value more than the triangle does.
    Pert,
}

/// A value known as a range: minimum ≤ most likely ≤ maximum.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Estimate {
    pub low: f64,
    pub likely: f64,
    pub high: f64,
    pub shape: Shape,
}

/// Why a range cannot be used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EstimateError {
    /// A bound is not a finite number.
    NotFinite,
    /// The bounds are out of order (minimum ≤ most likely ≤ maximum fails).
    OutOfOrder,
}

impl Estimate {
    /// A plain number: a range of zero width.
    pub const fn exact(value: f64) -> Estimate {
        Estimate {
            low: value,
            likely: value,
            high: value,
            shape: Shape::Triangular,
        }
    }

    pub fn range(low: f64, likely: f64, high: f64, shape: Shape) -> Estimate {
        Estimate {
            low,
            likely,
            high,
            shape,
        }
    }

    /// Checks the bounds, so that drawing never meets a bad range.
    pub fn validate(&self) -> Result<(), EstimateError> {
        if !(self.low.is_finite() && self.likely.is_finite() && self.high.is_finite()) {
            return Err(EstimateError::NotFinite);
        }
        if self.low <= self.likely && self.likely <= self.high {
            Ok(())
        } else {
            Err(EstimateError::OutOfOrder)
        }
    }

    pub fn is_exact(&self) -> bool {
        self.low == self.high
    }

    /// The same range with every bound changed by `f` (e.g. percent to
    /// fraction); `f` must be increasing to keep the order.
    pub fn map(self, f: impl Fn(f64) -> f64) -> Estimate {
        Estimate {
            low: f(self.low),
            likely: f(self.likely),
            high: f(self.high),
            shape: self.shape,
        }
    }

    /// The same range with the minimum raised and maximum lowered to keep
    /// them in `[floor, ceiling]`, and the most likely value inside them.
    pub fn clamped(self, floor: f64, ceiling: f64) -> Estimate {
        let low = self.low.clamp(floor, ceiling);
        let high = self.high.clamp(low, ceiling);
        Estimate {
            low,
            likely: self.likely.clamp(low, high),
            high,
            shape: self.shape,
        }
    }

    /// One draw. An invalid range (see [`Estimate::validate`]) gives its
    /// most likely value, never a panic.
    pub fn sample<R: RngCore + ?Sized>(&self, rng: &mut R) -> f64 {
        if self.is_exact() || self.validate().is_err() {
            return self.likely;
        }
        let width = self.high - self.low;
        match self.shape {
            Shape::Triangular => {
                // Inverse of the triangular CDF: only `sqrt`, which IEEE 754
                // rounds exactly, so the draw is the same on every target.
                let u: f64 = rng.random();
                let mode = (self.likely - self.low) / width;
                if u < mode {
                    self.low + (u * width * (self.likely - self.low)).sqrt()
                } else {
                    self.high - ((1.0 - u) * width * (self.high - self.likely)).sqrt()
                }
            }
            Shape::Pert => {
                // Vose's modified PERT with λ = 4: α = 1 + 4·(m − a)/(b − a),
                // β = 1 + 4·(b − m)/(b − a); both ≥ 1, so Beta accepts them.
                let alpha = 1.0 + 4.0 * (self.likely - self.low) / width;
                let beta = 1.0 + 4.0 * (self.high - self.likely) / width;
                self.low + width * beta_draw(rng, alpha, beta)
            }
        }
    }

    /// The mean of the distribution.
    pub fn mean(&self) -> f64 {
        match self.shape {
            Shape::Triangular => (self.low + self.likely + self.high) / 3.0,
            Shape::Pert => (self.low + 4.0 * self.likely + self.high) / 6.0,
        }
    }
}

/// One draw from Beta(a, b) with a, b ≥ 1 (PERT's shapes always are):
/// Cheng's algorithm BB (1978) when both exceed 1, the inverse of the
/// distribution function when one is 1. Written here rather than taken from
/// `rand_distr`, whose generic Beta (two algorithms, for any shape) cost
/// 0.8 KB of the download; `ln` and `exp` are libm's, the same natively and
/// in wasm32, so a seed still gives the same numbers everywhere.
fn beta_draw<R: RngCore + ?Sized>(rng: &mut R, a: f64, b: f64) -> f64 {
    let mut uniform = || -> f64 { rng.random() };
    // U^(1/s) through libm, for the one-sided shapes.
    let root = |u: f64, s: f64| libm::exp(libm::log(u) / s);
    if !(a >= 1.0 && b >= 1.0) {
        return 0.5;
    }
    if a == 1.0 {
        // Beta(1, b): 1 − U^(1/b) (and Beta(1, 1) is uniform).
        return 1.0 - root(1.0 - uniform(), b);
    }
    if b == 1.0 {
        return root(1.0 - uniform(), a);
    }
    let (small, large) = (a.min(b), a.max(b));
    let sum = small + large;
    let scale = ((sum - 2.0) / (2.0 * small * large - sum)).sqrt();
    let shift = small + 1.0 / scale;
    loop {
        let (u1, u2) = (uniform(), uniform());
        if u1 <= 0.0 || u1 >= 1.0 {
            continue;
        }
        let v = scale * libm::log(u1 / (1.0 - u1));
        let w = small * libm::exp(v);
        let z = u1 * u1 * u2;
        let r = shift * v - std::f64::consts::LN_2 * 2.0;
        let s = small + r - w;
        let accept = s + 2.609438 >= 5.0 * z || {
            let t = libm::log(z);
            s > t || r + sum * libm::log(sum / (large + w)) >= t
        };
        if accept {
            return if small == a {
                w / (large + w)
            } else {
                large / (large + w)
            };
        }
    }
}

impl Default for Estimate {
    fn default() -> Self {
        Estimate::exact(0.0)
    }
}
