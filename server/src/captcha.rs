//! Image captchas for the anonymous result query, and a per-client rate limit. Both live in
//! memory: a captcha is single-use and short-lived, a restart simply asks for a new one.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::{Arc, Mutex};

use axum::http::StatusCode;
use chrono::{DateTime, Duration, Utc};

use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::random;

/// How long a captcha stays valid.
pub const CAPTCHA_SECONDS: i64 = 120;
/// Outstanding captchas kept at most by default (the oldest are evicted beyond this).
const MAX_CAPTCHAS: usize = 10_000;
/// Clients whose query counts are kept before finished minutes are forgotten.
const MAX_CLIENTS: usize = 100_000;
/// Anonymous queries per client per minute.
pub const QUERIES_PER_MINUTE: u32 = 20;

/// 5×7 bitmaps of the digits 0–9, one row per byte (low 5 bits, leftmost pixel = bit 4).
const GLYPHS: [[u8; 7]; 10] = [
    [0x0E, 0x11, 0x13, 0x15, 0x19, 0x11, 0x0E],
    [0x04, 0x0C, 0x04, 0x04, 0x04, 0x04, 0x0E],
    [0x0E, 0x11, 0x01, 0x02, 0x04, 0x08, 0x1F],
    [0x1F, 0x02, 0x04, 0x02, 0x01, 0x11, 0x0E],
    [0x02, 0x06, 0x0A, 0x12, 0x1F, 0x02, 0x02],
    [0x1F, 0x10, 0x1E, 0x01, 0x01, 0x11, 0x0E],
    [0x06, 0x08, 0x10, 0x1E, 0x11, 0x11, 0x0E],
    [0x1F, 0x01, 0x02, 0x04, 0x08, 0x08, 0x08],
    [0x0E, 0x11, 0x11, 0x0E, 0x11, 0x11, 0x0E],
    [0x0E, 0x11, 0x11, 0x0F, 0x01, 0x02, 0x0C],
];

/// Renders `digits` as a noisy PNG (scaled glyphs with a random vertical jitter and speckles).
pub fn render(digits: &str) -> ApiResult<Vec<u8>> {
    const SCALE: u32 = 4;
    let width = 8 + digits.len() as u32 * 6 * SCALE;
    let height = 7 * SCALE + 16;
    let mut img = image::GrayImage::from_pixel(width, height, image::Luma([235]));
    for (i, ch) in digits.chars().enumerate() {
        let Some(glyph) = ch.to_digit(10).and_then(|d| GLYPHS.get(d as usize)) else {
            continue;
        };
        let jitter = random::below(12)?;
        for (row, bits) in glyph.iter().enumerate() {
            for col in 0..5u32 {
                if bits & (0x10 >> col) == 0 {
                    continue;
                }
                for dy in 0..SCALE {
                    for dx in 0..SCALE {
                        let x = 4 + i as u32 * 6 * SCALE + col * SCALE + dx;
                        let y = 2 + jitter + row as u32 * SCALE + dy;
                        if x < width && y < height {
                            img.put_pixel(x, y, image::Luma([40]));
                        }
                    }
                }
            }
        }
    }
    for _ in 0..(width * height / 12) {
        let (x, y) = (random::below(width)?, random::below(height)?);
        img.put_pixel(x, y, image::Luma([random::below(256)? as u8]));
    }
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png)
        .map_err(ApiError::internal)?;
    Ok(out.into_inner())
}

struct Pending {
    answer: String,
    png: Arc<Vec<u8>>,
    expires_at: DateTime<Utc>,
}

/// Outstanding captchas, oldest first.
#[derive(Default)]
struct Captchas {
    by_id: HashMap<String, Pending>,
    /// Ids in the order they were issued (also their order of expiry); some may be used up.
    order: VecDeque<String>,
}

/// Outstanding captchas (bounded by age and count) and the per-client query counters.
#[derive(Clone)]
pub struct Guard {
    captchas: Arc<Mutex<Captchas>>,
    capacity: usize,
    windows: Arc<Mutex<HashMap<IpAddr, (i64, u32)>>>,
}

impl Default for Guard {
    fn default() -> Self {
        Guard::new(MAX_CAPTCHAS)
    }
}

/// A new captcha.
#[derive(Debug, Clone)]
pub struct NewCaptcha {
    /// Its id.
    pub id: String,
    /// When it expires.
    pub expires_at: DateTime<Utc>,
}

impl Guard {
    /// A guard keeping at most `capacity` outstanding captchas.
    pub fn new(capacity: usize) -> Guard {
        Guard {
            captchas: Arc::default(),
            capacity: capacity.max(1),
            windows: Arc::default(),
        }
    }

    /// Creates a captcha valid from `now`. Expired captchas go first; beyond the capacity the
    /// oldest outstanding ones are evicted, one by one, so a flood of new captchas never
    /// empties the store at once.
    pub fn issue(&self, now: DateTime<Utc>) -> ApiResult<NewCaptcha> {
        let id = hex::encode(&random::token_bytes()?[..16]);
        let answer = random::digits(4)?;
        let png = Arc::new(render(&answer)?);
        let expires_at = now + Duration::seconds(CAPTCHA_SECONDS);
        let mut captchas = self.captchas.lock().unwrap_or_else(|p| p.into_inner());
        let Captchas { by_id, order } = &mut *captchas;
        while let Some(oldest) = order.front() {
            let stale = by_id.get(oldest).is_none_or(|p| p.expires_at <= now);
            if !stale && by_id.len() < self.capacity {
                break;
            }
            if let Some(oldest) = order.pop_front() {
                by_id.remove(&oldest);
            }
        }
        if order.len() > 2 * self.capacity {
            order.retain(|id| by_id.contains_key(id));
        }
        by_id.insert(
            id.clone(),
            Pending {
                answer,
                png,
                expires_at,
            },
        );
        order.push_back(id.clone());
        Ok(NewCaptcha { id, expires_at })
    }

    /// The image of an outstanding captcha.
    pub fn image(&self, id: &str) -> Option<Arc<Vec<u8>>> {
        self.captchas
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .by_id
            .get(id)
            .map(|p| p.png.clone())
    }

    /// The answer of an outstanding captcha (for in-process tests and demos only).
    pub fn answer(&self, id: &str) -> Option<String> {
        self.captchas
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .by_id
            .get(id)
            .map(|p| p.answer.clone())
    }

    /// Checks and consumes a captcha: right or wrong, it cannot be used again.
    pub fn check(&self, id: &str, answer: &str, now: DateTime<Utc>) -> ApiResult<()> {
        let pending = self
            .captchas
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .by_id
            .remove(id);
        match pending {
            Some(p) if p.expires_at > now && p.answer == answer.trim() => Ok(()),
            _ => Err(ApiError::invalid(
                "captcha_answer",
                "验证码错误或已过期，请刷新后重试",
                "wrong or expired captcha: load a new one",
            )
            .with_code(ErrorCode::CaptchaInvalid)),
        }
    }

    /// Counts a query from `client`; beyond the per-minute allowance answers 429 `rate_limited`.
    pub fn allow(&self, client: IpAddr, now: DateTime<Utc>) -> ApiResult<()> {
        let minute = now.timestamp().div_euclid(60);
        let mut windows = self.windows.lock().unwrap_or_else(|p| p.into_inner());
        if windows.len() > MAX_CLIENTS {
            windows.retain(|_, (m, _)| *m == minute);
        }
        let entry = windows.entry(client).or_insert((minute, 0));
        if entry.0 != minute {
            *entry = (minute, 0);
        }
        if entry.1 >= QUERIES_PER_MINUTE {
            let wait = 60 - now.timestamp().rem_euclid(60);
            return Err(ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                ErrorCode::RateLimited,
                "查询过于频繁，请稍后再试",
                "too many queries: wait a moment",
            )
            .with_retry_after(wait as u64));
        }
        entry.1 += 1;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn captchas_are_single_use_and_queries_limited() {
        let now = Utc::now();
        let guard = Guard::default();
        let c = guard.issue(now).unwrap();
        let answer = guard.answer(&c.id).unwrap();
        assert!(image::load_from_memory(&guard.image(&c.id).unwrap()).is_ok());
        assert!(guard.check(&c.id, &answer, now).is_ok());
        assert!(guard.check(&c.id, &answer, now).is_err());
        let ip: IpAddr = "127.0.0.1".parse().unwrap();
        for _ in 0..QUERIES_PER_MINUTE {
            guard.allow(ip, now).unwrap();
        }
        assert_eq!(
            guard.allow(ip, now).unwrap_err().body().code,
            "rate_limited"
        );
    }

    #[test]
    fn a_full_store_evicts_the_oldest_captcha_only() {
        let now = Utc::now();
        let guard = Guard::new(3);
        let ids: Vec<String> = (0..5)
            .map(|i| guard.issue(now + Duration::seconds(i)).unwrap().id)
            .collect();
        let kept: Vec<bool> = ids.iter().map(|id| guard.image(id).is_some()).collect();
        assert_eq!(kept, [false, false, true, true, true]);
        // An expired captcha goes before any live one.
        let later = now + Duration::seconds(CAPTCHA_SECONDS + 3);
        let fresh = guard.issue(later).unwrap().id;
        assert!(guard.image(&fresh).is_some());
        assert!(guard.image(&ids[2]).is_none());
        assert!(guard.image(&ids[4]).is_some());
    }
}
