//! Uncertain inputs: a value given as a range (minimum, most likely,
//! maximum) with a shape, and how to draw from it.
//!
//! A range of zero width is a plain number: drawing from it returns the
//! most likely value exactly, without touching the generator, so a Monte
//! Carlo run over zero-width ranges equals the deterministic projection.

use rand::{Rng, RngCore};
use rand_distr::{Beta, Distribution};

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
                match Beta::new(alpha, beta) {
                    Ok(distribution) => self.low + width * distribution.sample(rng),
                    Err(_) => self.likely,
                }
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

impl Default for Estimate {
    fn default() -> Self {
        Estimate::exact(0.0)
    }
}
