//! What a verification means to an applicant: the verdict's headline and explanation, and the
//! facts it rests on (seed, pool size, quota, the replay's counts). The CLI, the result cards and
//! both apps show these texts; none of them words a verdict on its own.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use sha2::{Digest, Sha256};

use super::verify::{Verdict, Verification, verify};
use crate::i18n::Text;
use crate::results::{self, ListKind, ParseError, ResultFile};

impl Verdict {
    /// The verdict in a few words. Only a mismatch reads as a failure: a list that cannot be
    /// checked from the file alone is "not verified yet", never "failed".
    pub fn headline(self) -> Text {
        match self {
            Verdict::Verified => Text::new("已验证", "Verified"),
            Verdict::Mismatch => Text::new("验证不一致", "Does not verify"),
            Verdict::NotALottery => Text::new("轮候名单，无需验证", "A queue: nothing to verify"),
            Verdict::Unverifiable | Verdict::NeedsPool => Text::new("尚未验证", "Not verified yet"),
        }
    }

    /// What the verdict means, and what to do about it.
    pub fn meaning(self) -> Text {
        match self {
            Verdict::Verified => Text::new(
                "用公布的种子数重放官方算法，得到的名单与公布的名单逐行一致：这期结果任何人都可以复核。",
                "Replaying the official algorithm with the published seed gives exactly the published list, row by row: anyone can check this draw.",
            ),
            Verdict::Mismatch => Text::new(
                "重放官方算法得到的名单与这份文件不符。文件可能不完整或已损坏：请从官方网站重新下载后再核对；仍不一致时，可向主管部门反映。",
                "Replaying the official algorithm does not give this file's list. The file may be incomplete or damaged: download it again from the official site and check again; if it still differs, report it to the authority.",
            ),
            Verdict::NotALottery => Text::new(
                "这是按申请时间排队的轮候名单，没有随机摇号，因此没有可重放的内容。",
                "This is a queue ordered by application time: there is no random draw, so there is nothing to replay.",
            ),
            Verdict::Unverifiable => Text::new(
                "这份名单没有摇号基数序号，仅凭名单无法重放；这不表示摇号有问题。需要申请池数据才能验证。",
                "This list has no pool positions, so it cannot be replayed from the list alone; this does not mean anything is wrong with the draw. Verifying it needs the pool.",
            ),
            Verdict::NeedsPool => Text::new(
                "名单与种子数的重放一致，但有些跳过的序号只有申请池数据才能判定；这不表示摇号有问题。",
                "The list agrees with the seed's replay, but a few skipped positions can only be attributed with the pool; this does not mean anything is wrong with the draw.",
            ),
        }
    }
}

/// A published list's verification, as a result card and the verification screen show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DrawReport {
    /// Period number.
    pub period: String,
    /// Title as published.
    pub title: String,
    /// The draw's Beijing date.
    pub draw_date: Option<NaiveDate>,
    /// The seed as published (`026498` keeps its zero); none for undersubscribed and queue lists.
    pub seed: Option<String>,
    /// N: 有效编码数（含阶梯）, the pool's positions with ladder copies.
    pub pool_size: u32,
    /// Q: the quotas drawn.
    pub quota: u32,
    /// Rows in the list.
    pub rows: u32,
    /// Numbers the replay took from the generator.
    pub draws: u64,
    /// Numbers it skipped (repeats, or ladder copies of earlier winners).
    pub skipped: u64,
    /// The answer.
    pub verdict: Verdict,
    /// [`Verdict::headline`].
    pub headline: Text,
    /// [`Verdict::meaning`], with the first disagreement of a mismatch, or what is missing.
    pub meaning: Text,
    /// SHA-256 of the file, hex: which file was checked.
    pub sha256: String,
}

impl DrawReport {
    /// Reads a result file (PDF or text) and verifies it from its header: the file and its report.
    pub fn read(bytes: &[u8]) -> Result<(ResultFile, DrawReport), ParseError> {
        let file = results::parse_bytes(bytes)?;
        let verification = verify(&file, None);
        let report = DrawReport::new(&file, &verification, hex::encode(Sha256::digest(bytes)));
        Ok((file, report))
    }

    /// The report on `file`, verified as `v`; `sha256` names the file's bytes.
    pub fn new(file: &ResultFile, v: &Verification, sha256: String) -> DrawReport {
        let mut meaning = v.verdict.meaning();
        let detail = v
            .first_mismatch
            .as_ref()
            .map(|m| &m.message)
            .or(v.needs_pool.as_ref().map(|u| &u.message));
        if let Some(detail) = detail {
            meaning.zh = format!("{}（{}）", meaning.zh, detail.zh.trim_end_matches('。'));
            meaning.en = format!("{} ({})", meaning.en, detail.en.trim_end_matches('.'));
        }
        if v.verdict == Verdict::Verified && file.kind == ListKind::Undersubscribed {
            meaning = Text::new(
                "申请人数不多于指标数，名单按序列出全部编码，无需摇号：已逐行核对。",
                "There were no more applicants than quotas, so every code is listed in order without a draw: checked row by row.",
            );
        }
        let h = &file.header;
        DrawReport {
            period: h.period.clone(),
            title: h.title.clone(),
            draw_date: h.draw_date,
            seed: h.seed.as_ref().map(|s| s.text().to_owned()),
            pool_size: h.pool_size,
            quota: h.quota,
            rows: v.rows,
            draws: v.draws,
            skipped: v.skipped,
            headline: v.verdict.headline(),
            verdict: v.verdict,
            meaning,
            sha256,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::results::parse_bytes;

    const FILE: &[u8] =
        include_bytes!("../../../tests/fixtures/official/bj-201506-unit-ordinary.pdf");

    #[test]
    fn a_real_list_reports_verified_with_its_facts() {
        let file = parse_bytes(FILE).unwrap();
        let v = verify(&file, None);
        let r = DrawReport::new(&file, &v, "ab".into());
        assert_eq!(r.verdict, Verdict::Verified);
        assert_eq!(r.headline.zh, "已验证");
        assert_eq!(r.period, "201506");
        assert_eq!(
            r.seed.as_deref(),
            file.header.seed.as_ref().map(|s| s.text())
        );
        assert_eq!(
            (r.pool_size, r.quota),
            (file.header.pool_size, file.header.quota)
        );
        assert_eq!(r.rows as usize, file.rows.len());
        assert!(r.draws >= u64::from(r.rows));
    }

    #[test]
    fn reading_names_the_file_by_its_hash() {
        let (file, r) = DrawReport::read(FILE).unwrap();
        assert_eq!(r.sha256, hex::encode(Sha256::digest(FILE)));
        assert_eq!(r.rows as usize, file.rows.len());
        assert!(DrawReport::read(b"not a result").is_err());
    }

    #[test]
    fn a_changed_row_reports_the_mismatch_and_its_row() {
        let mut file = parse_bytes(FILE).unwrap();
        file.rows.swap(3, 4);
        let v = verify(&file, None);
        let r = DrawReport::new(&file, &v, String::new());
        assert_eq!(r.verdict, Verdict::Mismatch);
        assert_eq!(r.headline.en, "Does not verify");
        let m = v.first_mismatch.unwrap();
        assert!(r.meaning.zh.contains(m.message.zh.trim_end_matches('。')));
    }

    #[test]
    fn only_a_mismatch_reads_as_a_failure() {
        for v in [
            Verdict::Unverifiable,
            Verdict::NeedsPool,
            Verdict::NotALottery,
        ] {
            let text = format!("{} {}", v.headline().zh, v.meaning().zh);
            assert!(!text.contains("不一致") && !text.contains("失败"), "{text}");
            assert!(!v.headline().en.contains("not verify"));
        }
        assert_ne!(
            Verdict::Verified.headline(),
            Verdict::Unverifiable.headline()
        );
    }
}
