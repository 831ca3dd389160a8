//! `yaohao demo --unit`: after the applicant's journey, a unit (单位) on the same portal — its
//! account by credit code and a contact person, its application with the unit's materials, the
//! review against the registry's unit records, a unit lottery of its own among synthetic units,
//! and the published list verified.

use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, Days, TimeDelta, Utc};
use console::style;
use yaohao_core::api::{UnitRegistration, period_label};
use yaohao_core::calendar::{self, EventKind};
use yaohao_core::client::{Clock, TestClock};
use yaohao_core::facade::{
    AccountHolder, ApplicationForm, ApplicationKind, SmsPurpose, Yaohao, YaohaoConfig,
};
use yaohao_core::policy::Policy;
use yaohao_core::secrets::MemorySecretStore;
use yaohao_core::time::beijing_date;
use yaohao_portal::Portal;
use yaohao_portal::ops::Synthetic;

use super::operator::Operator;
use super::steps::{Narrator, bj, login_as, photo, verify_published};
use crate::output::CliError;

/// The first 16 characters of the demo unit's credit code (the core adds the check characters).
const CREDIT_CODE: &str = "91110108MA01D3M7";
const UNIT_NAME: &str = "北京演示科技有限公司";
const CONTACT_ID: &str = "110108198503150018";
const CONTACT_NAME: &str = "钱经办";
const CONTACT_MOBILE: &str = "13900139000";
const PASSWORD: &str = "Unit2026pass";
const ADDRESS: &str = "北京市海淀区中关村大街27号";
/// The tax the demo unit paid in Beijing last year (CNY).
const UNIT_TAX: u64 = 120_000;
/// Other units in the unit pool, and the unit quotas.
const OTHER_UNITS: usize = 299;
const UNIT_QUOTA: u32 = 20;

/// What the unit scene runs on: the journey's portal, operator, folder and clock.
pub struct Scene<'a> {
    pub op: &'a Operator,
    pub portal: &'a Portal,
    pub dir: &'a Path,
    pub clock: &'a Arc<TestClock>,
    pub policy: &'static Policy,
    pub seed: &'a str,
}

impl Scene<'_> {
    async fn advance_to(&self, at: DateTime<Utc>) -> Result<(), String> {
        self.op.set_clock(at).await?;
        self.clock.set(at);
        Ok(())
    }
}

/// Moves the clock to `at`, then logs the unit in again.
async fn later_login(
    n: &Narrator<'_>,
    s: &Scene<'_>,
    app: &Yaohao,
    at: DateTime<Utc>,
    credit_code: &str,
) -> Result<(), CliError> {
    s.advance_to(at)
        .await
        .map_err(|e| n.fail("调整时钟", "moving the clock", e))?;
    login(app, s, credit_code)
        .await
        .map_err(|e| n.fail("单位登录", "logging the unit in", e))
}

/// Logs the unit in by its credit code with a fresh code to the contact's mobile.
async fn login(app: &Yaohao, s: &Scene<'_>, credit_code: &str) -> Result<(), String> {
    let holder = AccountHolder::Unit {
        credit_code: credit_code.to_owned(),
    };
    login_as(app, s.op, holder, PASSWORD, CONTACT_MOBILE).await
}

/// When the next yearly application window opens, if `now` is outside one (annual regimes).
fn next_window(policy: &Policy, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let today = beijing_date(now);
    let events = calendar::events(policy, today, today.checked_add_days(Days::new(400))?, &[]);
    let first = |kind: EventKind| {
        events
            .iter()
            .find(|e| e.kind == kind && e.at.to_utc() > now)
    };
    let opens = first(EventKind::ApplicationWindowOpens)?;
    let inside = first(EventKind::ApplicationWindowCloses).is_some_and(|c| c.at < opens.at);
    (!inside).then(|| opens.at.to_utc())
}

/// The unit's whole scene.
pub async fn run(n: &mut Narrator<'_>, s: &Scene<'_>) -> Result<(), CliError> {
    let credit_code = yaohao_core::validate::complete_credit_code(CREDIT_CODE)
        .ok_or_else(|| n.fail("信用代码", "credit code", CREDIT_CODE))?;
    n.step(
        "单位申请：用统一社会信用代码注册单位账户，经办人短信验证",
        "A unit applies: its account by unified social credit code, confirmed by the contact's SMS code",
    );
    let config = YaohaoConfig::new(
        s.portal.base_url.clone(),
        s.dir.join("unit-app"),
        n.out.lang,
    );
    let app = Yaohao::open(config, Arc::new(MemorySecretStore::new()), s.clock.clone())
        .map_err(|e| n.fail("打开应用", "opening the app", e))?;
    app.request_sms_code(SmsPurpose::Register, Some(CONTACT_MOBILE.into()), None)
        .await
        .map_err(|e| n.fail("请求验证码", "requesting a code", e))?;
    let code =
        s.op.sms_code(CONTACT_MOBILE)
            .await
            .map_err(|e| n.fail("读取短信", "reading the SMS", e))?;
    let account = app
        .register_unit(UnitRegistration {
            credit_code: credit_code.clone(),
            unit_name: UNIT_NAME.into(),
            contact_resident_id: CONTACT_ID.into(),
            contact_name: CONTACT_NAME.into(),
            mobile: CONTACT_MOBILE.into(),
            password: PASSWORD.into(),
            sms_code: code,
        })
        .await
        .map_err(|e| n.fail("注册单位", "registering the unit", e))?;
    later_login(
        n,
        s,
        &app,
        s.clock.now() + TimeDelta::seconds(61),
        &credit_code,
    )
    .await?;
    n.say(
        format!(
            "{UNIT_NAME}（{credit_code}）注册并登录；经办人 {CONTACT_NAME}（{}）",
            yaohao_core::validate::mask(&account.resident_id)
        ),
        format!(
            "{UNIT_NAME} ({credit_code}) registered and logged in; contact {CONTACT_NAME} ({})",
            yaohao_core::validate::mask(&account.resident_id)
        ),
    );

    n.step(
        "单位的申请：营业执照与纳税证明，核查后通过",
        "The unit's application: business licence and tax proof, then review",
    );
    // An annual regime takes applications only in its yearly window: wait for the next one.
    if let Some(opens) = next_window(s.policy, s.clock.now()) {
        later_login(n, s, &app, opens + TimeDelta::hours(1), &credit_code).await?;
        n.say(
            format!("{} 年度申报期开始，单位提交申请", bj(opens)),
            format!(
                "{}: the yearly application window opens; the unit applies",
                bj(opens)
            ),
        );
    }
    let dashboard = app
        .refresh()
        .await
        .map_err(|e| n.fail("刷新首页", "refreshing the dashboard", e))?;
    let kinds: Vec<_> = dashboard
        .application_kinds
        .iter()
        .map(|k| k.title())
        .collect();
    let named = |pick: fn(&yaohao_core::i18n::Text) -> &str, sep: &str| {
        kinds.iter().map(pick).collect::<Vec<_>>().join(sep)
    };
    n.say(
        format!("单位账户可申请：{}", named(|t| t.zh.as_str(), "、")),
        format!(
            "a unit's account may apply for: {}",
            named(|t| t.en.as_str(), ", ")
        ),
    );
    let draft = app
        .create_draft(ApplicationKind::UnitOrdinary)
        .map_err(|e| n.fail("创建草稿", "creating a draft", e))?;
    let form = ApplicationForm {
        address: Some(ADDRESS.into()),
        ..ApplicationForm::default()
    };
    app.save_draft(draft.local_id.clone(), form)
        .map_err(|e| n.fail("保存草稿", "saving the draft", e))?;
    let preview = app
        .preview(draft.local_id.clone())
        .map_err(|e| n.fail("预览", "preview", e))?;
    let raw = photo();
    for kind in preview.required_documents {
        app.add_document(draft.local_id.clone(), kind, raw.clone())
            .await
            .map_err(|e| n.fail("上传材料", "uploading a material", e))?;
        n.say(
            format!("{} {}", style("✓").green(), kind.title().zh),
            format!("{} {}", style("✓").green(), kind.title().en),
        );
    }
    let submitted = app
        .submit(draft.local_id)
        .await
        .map_err(|e| n.fail("提交", "submitting", e))?;
    let unit_code = submitted.code.unwrap_or_default();
    let threshold = s.policy.rules.unit_eligibility.params.min_tax_cny;
    s.op.make_unit_eligible(&credit_code, UNIT_TAX)
        .await
        .map_err(|e| n.fail("导入核查数据", "importing the registry", e))?;
    s.op.review()
        .await
        .map_err(|e| n.fail("审核", "review", e))?;
    let status = app
        .refresh_applications()
        .await
        .map_err(|e| n.fail("刷新申请", "refreshing applications", e))?
        .first()
        .map(|a| a.status.label().get(n.out.lang).to_owned())
        .unwrap_or_default();
    n.say(
        format!("申请编码 {unit_code}；核查本市注册与上年纳税 {UNIT_TAX} 元（政策门槛 {threshold} 元）后：{}", style(&status).green()),
        format!("application code {unit_code}; after checking the Beijing registration and last year's tax of {UNIT_TAX} CNY (the policy's threshold: {threshold}): {}", style(&status).green()),
    );

    n.step(
        "单位摇号：单独的号池，每个单位一个位置",
        "The unit lottery: a pool of its own, one position per unit",
    );
    let seeded = yaohao_portal::ops::seed_units(
        &s.portal.state.db,
        OTHER_UNITS,
        1,
        s.clock.now(),
        &mut Synthetic::new(s.seed.parse().ok()),
    )
    .map_err(|e| n.fail("生成单位", "seeding units", e))?;
    // The unit lottery of the next draw day, whose cut-off is still ahead.
    let today = beijing_date(s.clock.now());
    let next_draw = calendar::events(
        s.policy,
        today.checked_add_days(Days::new(1)).unwrap_or(today),
        today.checked_add_days(Days::new(400)).unwrap_or(today),
        &[],
    )
    .into_iter()
    .find(|e| e.kind == EventKind::Draw)
    .map(|e| e.date)
    .ok_or_else(|| n.fail("创建摇号期", "creating the period", "no next draw"))?;
    let period =
        s.op.create_unit_period(UNIT_QUOTA, next_draw)
            .await
            .map_err(|e| n.fail("创建摇号期", "creating the period", e))?;
    let period_id = period["id"].as_str().unwrap_or_default().to_owned();
    let at = |field: &str| {
        period[field]
            .as_str()
            .and_then(|t| t.parse::<DateTime<Utc>>().ok())
            .ok_or_else(|| n.fail("读取摇号期", "reading the period", field))
    };
    let (cutoff, publish) = (at("cutoff_at")?, at("publish_at")?);
    // Past the cut-off the portal's schedule freezes the pool.
    s.advance_to(cutoff + TimeDelta::minutes(1))
        .await
        .map_err(|e| n.fail("封存", "freezing", e))?;
    let drawn =
        s.op.draw(&period_id, Some(s.seed))
            .await
            .map_err(|e| n.fail("摇号", "drawing", e))?;
    let label = period_label(&period_id);
    n.say(
        format!(
            "{}：{} 个单位（含 {seeded} 个模拟单位），号池 {} 个位置，指标 {UNIT_QUOTA} 个，种子数 {}",
            label.zh,
            seeded + 1,
            drawn["pool_size"],
            s.seed
        ),
        format!(
            "{}: {} units ({seeded} synthetic), a pool of {} positions, {UNIT_QUOTA} quotas, seed {}",
            label.en,
            seeded + 1,
            drawn["pool_size"],
            s.seed
        ),
    );
    s.advance_to(publish + TimeDelta::minutes(1))
        .await
        .map_err(|e| n.fail("公布结果", "publishing", e))?;
    let notes = app
        .check_results(period_id.clone())
        .await
        .map_err(|e| n.fail("查询结果", "checking results", e))?;
    let won = notes.first().is_some_and(|x| x.outcome.won);
    n.say(
        format!(
            "{} 公布：{UNIT_NAME}{}",
            bj(publish),
            if won {
                "中签"
            } else {
                "本期未中签，自动参加下一期"
            }
        ),
        format!(
            "{} published: {UNIT_NAME} {}",
            bj(publish),
            if won {
                "won"
            } else {
                "was not drawn and carries over"
            }
        ),
    );
    verify_published(n, s.op, &s.portal.state.config.data, &period_id, s.seed).await?;
    Ok(())
}
