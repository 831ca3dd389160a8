//! An exact port of .NET's `System.Random(int seed)` (Knuth's subtractive generator), the
//! generator of the official draw (`docs/domain.md` §7). Arithmetic wraps like C#'s unchecked
//! `int`, so even extreme seeds give .NET's values.

const MBIG: i32 = i32::MAX;
const MSEED: i32 = 161_803_398;

/// The .NET `System.Random` generator, seeded.
#[derive(Debug, Clone)]
pub struct NetRandom {
    seed_array: [i32; 56],
    inext: usize,
    inextp: usize,
}

impl NetRandom {
    /// `new Random(seed)`.
    pub fn new(seed: i32) -> NetRandom {
        let subtraction = if seed == i32::MIN { MBIG } else { seed.abs() };
        let mut sa = [0i32; 56];
        let mut mj = MSEED.wrapping_sub(subtraction);
        sa[55] = mj;
        let mut mk = 1i32;
        for i in 1..55 {
            let ii = (21 * i) % 55;
            sa[ii] = mk;
            mk = mj.wrapping_sub(mk);
            if mk < 0 {
                mk = mk.wrapping_add(MBIG);
            }
            mj = sa[ii];
        }
        for _ in 0..4 {
            for i in 1..56 {
                sa[i] = sa[i].wrapping_sub(sa[1 + (i + 30) % 55]);
                if sa[i] < 0 {
                    sa[i] = sa[i].wrapping_add(MBIG);
                }
            }
        }
        NetRandom {
            seed_array: sa,
            inext: 0,
            inextp: 21,
        }
    }

    /// `InternalSample()`: the next value in `0..i32::MAX`.
    pub fn sample(&mut self) -> i32 {
        self.inext = if self.inext >= 55 { 1 } else { self.inext + 1 };
        self.inextp = if self.inextp >= 55 {
            1
        } else {
            self.inextp + 1
        };
        let mut r = self.seed_array[self.inext].wrapping_sub(self.seed_array[self.inextp]);
        if r == MBIG {
            r -= 1;
        }
        if r < 0 {
            r = r.wrapping_add(MBIG);
        }
        self.seed_array[self.inext] = r;
        r
    }

    /// `Next(max)`: a value in `0..max` (0 when `max` is 0), with .NET's exact arithmetic.
    pub fn next_below(&mut self, max: u32) -> u32 {
        let sample = f64::from(self.sample()) * (1.0 / f64::from(MBIG));
        // The product is in [0, max): the cast truncates exactly like .NET's `(int)`.
        (sample * f64::from(max)) as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random_zero_matches_dotnet() {
        let mut r = NetRandom::new(0);
        assert_eq!(
            [r.sample(), r.sample(), r.sample()],
            [1559595546, 1755192844, 1649316166]
        );
    }

    fn positions(seed: i32, n: u32) -> Vec<u32> {
        let mut r = NetRandom::new(seed);
        (0..6).map(|_| r.next_below(n) + 1).collect()
    }

    #[test]
    fn reproduces_the_201506_draws() {
        assert_eq!(
            positions(390922, 3647274),
            [1002697, 2225388, 2010510, 348211, 3335045, 1594839]
        );
        assert_eq!(
            positions(530670, 84719),
            [14210, 23309, 61416, 26953, 12162, 76922]
        );
    }

    #[test]
    fn extreme_seeds_do_not_panic() {
        for seed in [i32::MIN, i32::MAX, -1, 1] {
            let mut r = NetRandom::new(seed);
            for _ in 0..200 {
                assert!(r.next_below(10) < 10);
            }
        }
        assert_eq!(NetRandom::new(0).next_below(0), 0);
    }
}
