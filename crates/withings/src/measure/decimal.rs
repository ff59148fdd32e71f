//! The exact decimal Withings measures are sent as: an integer `value` and a
//! power-of-ten `unit`. Kept exact until it is shown, never rounded through `f64`.

use std::cmp::Ordering;
use std::fmt;

/// An exact decimal `mantissa × 10^exponent`, as Withings sends it (`value`,
/// `unit`). Rendering never goes through `f64`, so 81013×10⁻³ stays "81.013".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Decimal {
    /// The integer Withings sends as `value`.
    pub mantissa: i64,
    /// The power of ten Withings sends as `unit` (-3: `value` counts
    /// thousandths of the type's unit).
    pub exponent: i32,
}

/// Beyond this many digits a rendering is noise; also bounds allocations for
/// absurd exponents from the wire.
const MAX_PLACES: u32 = 40;

impl Decimal {
    /// `mantissa × 10^exponent`.
    pub const fn new(mantissa: i64, exponent: i32) -> Self {
        Decimal { mantissa, exponent }
    }

    /// The nearest `f64`. Dividing by a power of ten (rather than multiplying by
    /// 10⁻ⁿ) gives the correctly rounded result for the usual small units.
    pub fn to_f64(&self) -> f64 {
        let m = self.mantissa as f64;
        match self.exponent {
            0 => m,
            e if e > 0 => m * 10f64.powi(e.min(400)),
            e => m / 10f64.powi(e.unsigned_abs().min(400) as i32),
        }
    }

    /// The same value with trailing zeros moved into the exponent (10600e-2 → 106e0).
    pub fn normalized(&self) -> Self {
        let (mut m, mut e) = (self.mantissa, self.exponent);
        if m == 0 {
            return Decimal::new(0, 0);
        }
        while m % 10 == 0 && e < i32::MAX {
            m /= 10;
            e += 1;
        }
        Decimal::new(m, e)
    }

    /// Whether the value is zero, whatever the exponent.
    pub fn is_zero(&self) -> bool {
        self.mantissa == 0
    }

    /// Rounded (half away from zero) to at most `places` decimals, trailing zeros
    /// dropped: 81013e-3 → "81.013" (3), "81.01" (2), "81" (1); 10600e-2 → "106".
    pub fn round_to(&self, places: u32) -> String {
        let places = places.min(MAX_PLACES);
        let negative = self.mantissa < 0;
        let mut abs = self.mantissa.unsigned_abs() as u128;
        if self.exponent >= 0 {
            if self.exponent as u32 > MAX_PLACES {
                // Never sent by Withings; keep it readable rather than allocate.
                return format!("{}e{}", self.mantissa, self.exponent);
            }
            return render(negative, abs, 0, self.exponent as usize);
        }
        let mut scale = self.exponent.unsigned_abs();
        if scale > places {
            let drop = scale - places;
            abs = if drop > 20 {
                // |mantissa| < 10^19.
                0
            } else {
                let p = 10u128.pow(drop);
                (abs + p / 2) / p
            };
            scale = places;
        }
        render(negative, abs, scale as usize, 0)
    }

    /// Compare by value (exact for any realistic exponent).
    pub fn cmp_value(&self, other: &Decimal) -> Ordering {
        let e = self.exponent.min(other.exponent);
        let widen = |d: &Decimal| -> Option<i128> {
            let shift = u32::try_from(d.exponent as i64 - e as i64).ok()?;
            10i128
                .checked_pow(shift)
                .and_then(|p| (d.mantissa as i128).checked_mul(p))
        };
        match (widen(self), widen(other)) {
            (Some(a), Some(b)) => a.cmp(&b),
            _ => self.to_f64().total_cmp(&other.to_f64()),
        }
    }
}

/// `abs` with `scale` decimals (and `zeros` appended), trailing fraction zeros trimmed.
fn render(negative: bool, abs: u128, scale: usize, zeros: usize) -> String {
    let mut digits = abs.to_string();
    digits.extend(std::iter::repeat_n('0', if abs == 0 { 0 } else { zeros }));
    if digits.len() <= scale {
        digits.insert_str(0, &"0".repeat(scale + 1 - digits.len()));
    }
    let (int, frac) = digits.split_at(digits.len() - scale);
    let frac = frac.trim_end_matches('0');
    let mut out = String::with_capacity(digits.len() + 2);
    if negative && abs != 0 {
        out.push('-');
    }
    out.push_str(int);
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    out
}

impl fmt::Display for Decimal {
    /// The exact value: "106", "81.013", "-0.5".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.round_to(MAX_PLACES))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_render_exactly() {
        assert_eq!(Decimal::new(10600, -2).round_to(1), "106");
        assert_eq!(Decimal::new(81013, -3).round_to(3), "81.013");
        assert_eq!(Decimal::new(81013, -3).round_to(2), "81.01");
        assert_eq!(Decimal::new(81015, -3).round_to(2), "81.02");
        assert_eq!(Decimal::new(81013, -3).round_to(0), "81");
        assert_eq!(Decimal::new(-81015, -3).round_to(2), "-81.02");
        assert_eq!(Decimal::new(-4, -3).round_to(2), "0");
        assert_eq!(Decimal::new(5, -1).to_string(), "0.5");
        assert_eq!(Decimal::new(7, -5).to_string(), "0.00007");
        assert_eq!(Decimal::new(12, 2).to_string(), "1200");
        assert_eq!(Decimal::new(0, 5).to_string(), "0");
        assert_eq!(
            Decimal::new(i64::MIN, -2).to_string(),
            "-92233720368547758.08"
        );
        assert_eq!(Decimal::new(1, i32::MIN).round_to(2), "0");
        assert_eq!(Decimal::new(1, i32::MAX).to_string(), "1e2147483647");
        assert_eq!(Decimal::new(81013, -3).to_f64(), 81.013);
        assert_eq!(Decimal::new(10600, -2).normalized(), Decimal::new(106, 0));
        assert_eq!(
            Decimal::new(10600, -2).cmp_value(&Decimal::new(106, 0)),
            Ordering::Equal
        );
        assert_eq!(
            Decimal::new(81013, -3).cmp_value(&Decimal::new(81, 0)),
            Ordering::Greater
        );
    }
}
