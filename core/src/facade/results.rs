//! Results: the period's published list fetched once, parsed and verified by the core, every code
//! of the account matched, the outcome stored, and one notification per code and period handed
//! out exactly once — whatever the number of calls, pushes or restarts. Also quotas (confirmation
//! within the deadline), continuation and reactivation.

use reqwest::Method;

use super::dashboard::OutcomeDetail;
use super::{
    Application, ApplicationStatus, Period, PeriodStatus, Quota, ResultNotification, ResultOutcome,
    Yaohao,
};
use crate::api::{period_id, period_label};
use crate::cache::{OutcomeRow, ResultFileRow};
use crate::client::ClientError;
use crate::client::http::{Call, Raw};
use crate::draw::{DrawReport, Verdict};
use crate::i18n::Text;
use crate::results::{self, Code, Lookup};

/// Statuses of applications that take part in a draw.
const IN_POOL: [ApplicationStatus; 2] = [ApplicationStatus::Approved, ApplicationStatus::Won];

/// The alert of `outcome`, with the policy's confirmation deadline (`confirm_hours`, when the
/// regime has one); a list that did not verify says how, in the verdict's own words.
fn notification(
    outcome: ResultOutcome,
    verdict: Option<Verdict>,
    confirm_hours: Option<u32>,
) -> ResultNotification {
    let code = &outcome.code;
    let period = period_label(&outcome.period);
    let (mut zh, mut en, title) = if outcome.won {
        let row = outcome.row.map(|r| r.to_string()).unwrap_or_default();
        let (confirm_zh, confirm_en) = match confirm_hours {
            Some(h) => (
                format!("请在 {h} 小时内确认指标。"),
                format!(" Confirm the quota within {h} hours."),
            ),
            None => (String::new(), String::new()),
        };
        (
            format!(
                "申请编码 {code} 在{}中签（序号 {row}）。{confirm_zh}",
                period.zh
            ),
            format!(
                "Application code {code} won in {} (row {row}).{confirm_en}",
                period.en
            ),
            Text::new("摇号结果：中签", "Draw result: you won"),
        )
    } else {
        (
            format!("申请编码 {code} 在{}未中签，将自动参加下一期。", period.zh),
            format!(
                "Application code {code} was not drawn in {}; it carries over to the next draw.",
                period.en
            ),
            Text::new("摇号结果：未中签", "Draw result: not drawn"),
        )
    };
    if !outcome.verified {
        let headline = verdict.unwrap_or(Verdict::Unverifiable).headline();
        zh.push_str(&format!("（名单校验：{}，详见结果页。）", headline.zh));
        en.push_str(&format!(
            " (List check: {}; see the result page.)",
            headline.en
        ));
    }
    ResultNotification {
        id: format!("result:{}:{code}", outcome.period),
        deep_link: format!("yaohao://results/{}/{code}", outcome.period),
        title,
        body: Text::new(zh, en),
        outcome,
    }
}

fn unreadable(e: &results::ParseError) -> ClientError {
    let text = e.text();
    ClientError::Other {
        message: Text::new(
            format!("结果文件无法读取：{}", text.zh),
            format!("The result file cannot be read: {}", text.en),
        ),
    }
}

impl Yaohao {
    /// Checks the results of `period` (from a push, a background task or by hand) and returns the
    /// notifications to show now: each code and period is notified exactly once. Before
    /// publication it returns nothing.
    pub async fn check_results(
        &self,
        period: String,
    ) -> Result<Vec<ResultNotification>, ClientError> {
        self.ensure_policy().await?;
        if !self.cache.has_result(&period)? {
            // Match the codes the portal has now, not a cache that may predate the approval;
            // offline or logged out, the cached codes are the best there is.
            match self.refresh_applications().await {
                Ok(_)
                | Err(ClientError::Network { .. })
                | Err(ClientError::AuthRequired { .. })
                | Err(ClientError::LoggedInElsewhere { .. }) => {}
                Err(e) => return Err(e),
            }
            match self.load_result(&period).await {
                Ok(()) => {}
                Err(ClientError::NotFound { .. }) => return Ok(Vec::new()),
                Err(e) => return Err(e),
            }
        }
        self.notifications(&period)
    }

    /// The notifications of `period` not handed out yet, each marked as handed out.
    pub(super) fn notifications(
        &self,
        period: &str,
    ) -> Result<Vec<ResultNotification>, ClientError> {
        let confirmation = &self.policy()?.rules.confirmation;
        let confirm_hours = confirmation.enabled.then_some(confirmation.params.hours);
        let mut out = Vec::new();
        for row in self.cache.outcomes(period)? {
            if self.cache.mark_notified(&row.code, period, self.now_ms())? {
                let verdict = serde_json::from_str::<OutcomeDetail>(&row.detail)
                    .ok()
                    .and_then(|d| d.report)
                    .map(|r| r.verdict);
                out.push(notification(outcome(row), verdict, confirm_hours));
            }
        }
        Ok(out)
    }

    /// Fetches the periods into the cache.
    pub async fn refresh_periods(&self) -> Result<Vec<Period>, ClientError> {
        let Some(periods) = self.fetch::<Vec<Period>>("/v1/periods", false).await? else {
            return self.periods();
        };
        let rows = periods
            .iter()
            .map(|p| Ok((p.id.clone(), serde_json::to_string(p)?)))
            .collect::<Result<Vec<_>, serde_json::Error>>()
            .map_err(ClientError::local)?;
        self.cache.store_periods(&rows)?;
        Ok(periods)
    }

    /// The cached periods, newest first (no network).
    pub fn periods(&self) -> Result<Vec<Period>, ClientError> {
        self.cache
            .periods()?
            .iter()
            .map(|json| serde_json::from_str(json).map_err(ClientError::local))
            .collect()
    }

    /// Checks every published period the cache has no result for yet.
    pub async fn check_published_results(&self) -> Result<Vec<ResultNotification>, ClientError> {
        // The alerts word the portal's rules (the confirmation deadline): learn them once.
        self.ensure_policy().await?;
        let periods = self.refresh_periods().await?;
        let mut out = Vec::new();
        for p in periods
            .into_iter()
            .filter(|p| p.status == PeriodStatus::Published)
        {
            out.extend(self.check_results(p.id).await?);
        }
        Ok(out)
    }

    /// Fetches the list of `period` and records it.
    async fn load_result(&self, period: &str) -> Result<(), ClientError> {
        let path = format!("/v1/results/{period}/result.txt");
        let reply = self.http.send::<Raw>(&Call::new(Method::GET, path)).await?;
        let Raw(bytes) = reply.value.ok_or_else(ClientError::garbled)?;
        self.record_result(bytes, Some(period)).await.map(|_| ())
    }

    /// Parses and verifies a result file (TXT or PDF), checks it is of `expected` when given, and
    /// stores the outcome of every code in the pool and every followed code; its period.
    pub(super) async fn record_result(
        &self,
        bytes: Vec<u8>,
        expected: Option<&str>,
    ) -> Result<String, ClientError> {
        let parsed = tokio::task::spawn_blocking(move || DrawReport::read(&bytes))
            .await
            .map_err(ClientError::local)?;
        let (file, report) = parsed.map_err(|e| unreadable(&e))?;
        // One 分期 publishes a list per category: the file's own id names both.
        let listed = period_id(&file.header.period, file.header.category);
        let period = expected.unwrap_or(&listed);
        if listed != period {
            return Err(ClientError::Other {
                message: Text::new(
                    format!(
                        "结果文件是第 {} 期{}{}指标的名单，不是 {period} 的",
                        file.header.period,
                        file.header.category.applicant.zh(),
                        file.header.category.quota.zh()
                    ),
                    format!(
                        "The result file is the {} list of period {}, not {period}.",
                        file.header.category.as_str(),
                        file.header.period
                    ),
                ),
            });
        }
        let verified = report.verdict == Verdict::Verified;
        let now = self.now_ms();
        let mut outcomes = Vec::new();
        let mut codes = self.cache.codes(
            &IN_POOL
                .iter()
                .map(ApplicationStatus::as_str)
                .collect::<Vec<_>>(),
        )?;
        codes.extend(self.cache.followed()?);
        codes.sort();
        codes.dedup();
        for code in codes {
            let Some(parsed) = Code::parse(&code) else {
                continue;
            };
            let (won, row) = match results::lookup(&file, parsed) {
                Lookup::Draw { won, row, .. } => (won, row),
                Lookup::Queue { queued, rank, .. } => (queued, rank),
            };
            let detail = OutcomeDetail {
                row,
                verified,
                draw_date: file.header.draw_date,
                report: Some(report.clone()),
            };
            outcomes.push(OutcomeRow {
                code,
                period: period.to_owned(),
                won,
                detail: serde_json::to_string(&detail).map_err(ClientError::local)?,
                decided_at: now,
                notified_at: None,
            });
        }
        let record = ResultFileRow {
            period: period.to_owned(),
            category: file.header.category.as_str().to_owned(),
            sha256: report.sha256.clone(),
            rows: i64::try_from(file.rows.len()).unwrap_or(i64::MAX),
            verified,
            fetched_at: now,
        };
        self.cache.store_result(&record, &outcomes)?;
        Ok(period.to_owned())
    }

    /// The account's quotas from the portal (kept in the cache for the result cards).
    pub async fn quotas(&self) -> Result<Vec<Quota>, ClientError> {
        let quotas: Vec<Quota> =
            Self::body(self.authed(Call::new(Method::GET, "/v1/me/quotas")).await?)?;
        self.store_quotas(&quotas)?;
        Ok(quotas)
    }

    /// Confirms a won quota (within the confirmation deadline); returns every quota.
    pub async fn confirm_quota(&self, quota_id: i64) -> Result<Vec<Quota>, ClientError> {
        let call = Call::new(Method::POST, format!("/v1/quotas/{quota_id}/confirm"));
        let quotas: Vec<Quota> = Self::body(self.authed(call).await?)?;
        self.store_quotas(&quotas)?;
        Ok(quotas)
    }

    /// The quotas as last listed (no network).
    pub(super) fn cached_quotas(&self) -> Result<Vec<Quota>, ClientError> {
        self.cache
            .quotas()?
            .iter()
            .map(|json| serde_json::from_str(json).map_err(ClientError::local))
            .collect()
    }

    fn store_quotas(&self, quotas: &[Quota]) -> Result<(), ClientError> {
        let rows = quotas
            .iter()
            .map(|q| Ok((q.id, serde_json::to_string(q)?)))
            .collect::<Result<Vec<_>, serde_json::Error>>()
            .map_err(ClientError::local)?;
        Ok(self.cache.store_quotas(&rows)?)
    }

    /// 继续参与: keeps an application in the pool through the yearly clean-up.
    pub async fn continue_application(&self, id: i64) -> Result<Application, ClientError> {
        self.application_action(id, "continue").await
    }

    /// Re-activates an application removed by the clean-up (it goes back to review).
    pub async fn reactivate_application(&self, id: i64) -> Result<Application, ClientError> {
        self.application_action(id, "reactivate").await
    }

    /// Withdraws a submitted application: it joins no further draw, its code and history stay.
    pub async fn withdraw_application(&self, id: i64) -> Result<Application, ClientError> {
        self.application_action(id, "withdraw").await
    }

    async fn application_action(&self, id: i64, action: &str) -> Result<Application, ClientError> {
        let call = Call::new(Method::POST, format!("/v1/applications/{id}/{action}"));
        let app: Application = match self.authed(call).await {
            Ok(reply) => Self::body(reply)?,
            Err(ClientError::NotFound { .. }) => return Err(ClientError::no_such_application()),
            Err(e) => return Err(e),
        };
        self.cache
            .store_application(&super::applications::row_of(&app)?, self.now_ms())?;
        Ok(app)
    }
}

pub(super) fn outcome(row: OutcomeRow) -> ResultOutcome {
    let detail: OutcomeDetail = serde_json::from_str(&row.detail).unwrap_or_default();
    ResultOutcome {
        period: row.period,
        code: row.code,
        won: row.won,
        row: detail.row,
        verified: detail.verified,
    }
}
