//! The journey, step by step, narrated in Chinese (or English).

use super::operator::Operator;
use crate::output::{CliError, Output, write_stdout};
use chrono::{DateTime, Days, NaiveDate, TimeDelta, Utc};
use console::style;
use indicatif::{ProgressBar, ProgressStyle};
use std::cell::RefCell;
use std::sync::Arc;
use std::time::{Duration, Instant};
use yaohao_core::client::TestClock;
use yaohao_core::documents::DocumentKind;
use yaohao_core::draw::{Verdict, Verification, read_pool, verify};
use yaohao_core::facade::{
    AccountHolder, ApplicationForm, ApplicationKind, Registration, SESSION_KEY, SmsPurpose, Yaohao,
    YaohaoConfig,
};
use yaohao_core::odds::{OddsInput, odds};
use yaohao_core::points::ladder_weight;
use yaohao_core::policy::{self, Policy};
use yaohao_core::results::{ListKind, parse_bytes};
use yaohao_core::secrets::{MemorySecretStore, SecretStore};
use yaohao_core::time::beijing_date;
use yaohao_core::time::to_beijing;
use yaohao_portal::config::{ClockConfig, PortalConfig};
use yaohao_portal::ops::Synthetic;

const ID: &str = "110105199001011232";
const NAME: &str = "王小明";
const MOBILE: &str = "13800138000";
const PASSWORD: &str = "Demo2026pass";
const LICENCE_FILE: &str = "110000123456";
const ADDRESS: &str = "北京市海淀区中关村大街1号院2号楼";
const OPERATOR_TOKEN: &str = "yaohao-demo-operator";
const DEVICE: &str = "demo-terminal";

/// Prints numbered steps and turns failures into a clear message naming the step. With `--json`
/// each step is one JSON object on its own line (`{"step", "title", "messages"}`), and spinners
/// and progress bars stay hidden.
pub(super) struct Narrator<'a> {
    pub(super) out: &'a Output,
    step: u32,
    title: String,
    messages: RefCell<Vec<String>>,
    started: Instant,
}

impl Narrator<'_> {
    fn new(out: &Output) -> Narrator<'_> {
        Narrator {
            out,
            step: 0,
            title: String::new(),
            messages: RefCell::new(Vec::new()),
            started: Instant::now(),
        }
    }

    pub(super) fn step(&mut self, zh: &str, en: &str) {
        self.flush();
        self.step += 1;
        self.title = self.out.pick(zh, en).to_owned();
        if !self.out.json {
            println!(
                "\n{} {}",
                style(format!("[{}]", self.step)).bold().cyan(),
                style(&self.title).bold()
            );
        }
    }

    pub(super) fn say(&self, zh: impl AsRef<str>, en: impl AsRef<str>) {
        let text = self.out.pick(zh.as_ref(), en.as_ref());
        if self.out.json {
            self.messages
                .borrow_mut()
                .push(console::strip_ansi_codes(text).into_owned());
        } else {
            println!("    {text}");
        }
    }

    /// Writes the finished step's JSON object.
    fn flush(&self) {
        if self.out.json && self.step > 0 {
            let messages = std::mem::take(&mut *self.messages.borrow_mut());
            let object = serde_json::json!({
                "step": self.step,
                "title": self.title,
                "messages": messages,
            });
            write_stdout(&format!("{object}\n"));
        }
    }

    pub(super) fn spinner(&self, zh: &str, en: &str) -> ProgressBar {
        if self.out.json {
            return ProgressBar::hidden();
        }
        let bar = ProgressBar::new_spinner().with_message(self.out.pick(zh, en).to_owned());
        bar.set_style(
            ProgressStyle::with_template("    {spinner} {msg} {elapsed}").expect("valid template"),
        );
        bar.enable_steady_tick(Duration::from_millis(80));
        bar
    }

    fn bar(&self, len: u64) -> ProgressBar {
        if self.out.json {
            return ProgressBar::hidden();
        }
        let bar = ProgressBar::new(len);
        bar.set_style(
            ProgressStyle::with_template("    [{bar:24}] {pos}/{len} {msg}")
                .expect("valid template"),
        );
        bar
    }

    pub(super) fn fail(&self, zh: &str, en: &str, detail: impl std::fmt::Display) -> CliError {
        self.flush();
        CliError::invalid(
            "demo_failed",
            format!("演示第 {} 步失败（{zh}）：{detail}", self.step),
            format!("demo step {} failed ({en}): {detail}", self.step),
        )
    }
}

/// Shows an instant in Beijing time.
pub(super) fn bj(at: DateTime<Utc>) -> String {
    to_beijing(at).format("%Y-%m-%d %H:%M").to_string()
}

/// A camera-like photo of a document: dark strokes on a light page, sharp enough to pass.
pub(super) fn photo() -> Vec<u8> {
    let image = image::RgbImage::from_fn(1600, 1100, |x, y| {
        let stroke = (x / 9 + y / 13) % 6 == 0 || (y % 44 < 3 && x % 120 < 90);
        if stroke {
            image::Rgb([30, 30, 40])
        } else {
            image::Rgb([236, 232, 222])
        }
    });
    let mut bytes = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(image)
        .write_to(&mut bytes, image::ImageFormat::Jpeg)
        .map(|()| bytes.into_inner())
        .unwrap_or_default()
}

/// Logs the demo applicant in with a fresh SMS code.
async fn login(app: &Yaohao, op: &Operator) -> Result<(), String> {
    let holder = AccountHolder::Person {
        resident_id: ID.into(),
    };
    login_as(app, op, holder, PASSWORD, MOBILE).await
}

/// Logs `holder` in with its password and a fresh SMS code, read from the outbox of `mobile`.
pub(super) async fn login_as(
    app: &Yaohao,
    op: &Operator,
    holder: AccountHolder,
    password: &str,
    mobile: &str,
) -> Result<(), String> {
    app.request_sms_code(SmsPurpose::Login, None, Some(holder.clone()))
        .await
        .map_err(|e| e.to_string())?;
    let code = op.sms_code(mobile).await?;
    app.login(holder, password.into(), code)
        .await
        .map(drop)
        .map_err(|e| e.to_string())
}

/// What one run of the demo does: the same plan gives the same run.
pub struct Plan {
    /// The draw's seed (6 digits); it also fixes the synthetic pool and every code.
    pub seed: String,
    /// Synthetic applicants besides the demo's.
    pub applicants: usize,
    /// Quotas in the draw.
    pub quota: u32,
    /// The regime the embedded portal runs.
    pub policy: &'static Policy,
    /// Run the unit scene after the applicant's journey.
    pub unit: bool,
}

/// When the story starts: 1 December 2026, 09:00 Beijing time (before the cut-off of the December
/// draw) for a monthly or bimonthly regime; a few days into the next application window for an
/// annual one (4 January 2027, 09:00).
fn story_start(policy: &Policy) -> DateTime<Utc> {
    let december: DateTime<Utc> = "2026-12-01T01:00:00Z".parse().expect("a valid instant");
    let Some(window) = policy.windows.first() else {
        return december;
    };
    let opens = NaiveDate::from_ymd_opt(2027, window.opens_month, window.opens_day)
        .and_then(|d| d.checked_add_days(Days::new(3)))
        .and_then(|d| d.and_hms_opt(1, 0, 0));
    opens.map_or(december, |t| t.and_utc())
}

/// The first line of the demo: which regime it runs, and why.
fn regime_line(policy: &Policy, start: DateTime<Utc>) -> (String, String) {
    let in_force = policy.in_force_on(beijing_date(start));
    let current = policy::in_force(beijing_date(Utc::now()))
        .map(|p| p.name.as_str())
        .unwrap_or("annual-2021");
    if in_force {
        (
            format!(
                "本演示按 {}（{}）运行：这是演示日期所实行的规则。",
                policy.name, policy.title.zh
            ),
            format!(
                "This demo runs {} ({}): the regime in force on the demo's dates.",
                policy.name, policy.title.en
            ),
        )
    } else {
        (
            format!(
                "本演示按 {}（{}，{} 起实行）运行：它包含每月 8 日申请截止、数据封存、72 小时确认和“继续参与”等全部环节，日期按该规则推算。现行规则是 {current}：yaohao demo --policy {current}",
                policy.name, policy.title.zh, policy.effective_from
            ),
            format!(
                "This demo runs {} ({}, from {}): it has every step (cut-off on the 8th, data freeze, 72-hour confirmation, 继续参与), with dates projected by its rules. The regime in force now is {current}: yaohao demo --policy {current}",
                policy.name, policy.title.en, policy.effective_from
            ),
        )
    }
}

/// The whole journey.
pub async fn journey(plan: &Plan, out: &Output) -> Result<(), CliError> {
    let &Plan {
        ref seed,
        applicants,
        quota,
        policy,
        unit,
    } = plan;
    let mut n = Narrator::new(out);
    let dir = tempfile::tempdir().map_err(|e| n.fail("临时目录", "temporary directory", e))?;
    let start = story_start(policy);

    n.step(
        "启动内嵌的摇号门户（本机回环地址、临时数据库、模拟时钟）",
        "Starting the embedded portal (loopback, temporary database, simulated clock)",
    );
    let (why_zh, why_en) = regime_line(policy, start);
    n.say(why_zh, why_en);
    let seed_value: u64 = seed.parse().unwrap_or_default();
    let mut config = PortalConfig::new(
        dir.path().join("portal.sqlite3"),
        dir.path().join("portal-data"),
    );
    config.clock = ClockConfig::Simulated(start);
    config.operator_token = OPERATOR_TOKEN.to_owned();
    config.policy = policy.name.clone();
    config.code_seed = Some(seed_value);
    let data = config.data.clone();
    let portal = yaohao_portal::start_ephemeral(config)
        .await
        .map_err(|e| n.fail("启动门户", "starting the portal", e))?;
    let op = Operator::new(&portal.base_url, OPERATOR_TOKEN);
    n.say(
        format!(
            "门户地址 {}，模拟时间 {}，种子数 {seed}（用 --seed {seed} 可完全重现本次演示）",
            portal.base_url,
            bj(start)
        ),
        format!(
            "portal at {}, simulated time {}, seed {seed} (--seed {seed} repeats this run exactly)",
            portal.base_url,
            bj(start)
        ),
    );

    let period = op
        .create_period(quota)
        .await
        .map_err(|e| n.fail("创建摇号期", "creating the period", e))?;
    let period_id = period["id"].as_str().unwrap_or_default().to_owned();
    let spinner = n.spinner("正在生成模拟申请人…", "Seeding synthetic applicants…");
    let mut synthetic = Synthetic::new(Some(seed_value));
    let seeded = yaohao_portal::ops::seed_demo(&portal.state.db, applicants, start, &mut synthetic)
        .map_err(|e| n.fail("生成申请人", "seeding applicants", e))?;
    spinner.finish_and_clear();
    n.say(
        format!("已生成 {} 名模拟申请人（阶梯分布贴近真实，共 {} 个号池位置）；本期 {period_id} 指标 {quota} 个", seeded.applicants, seeded.positions),
        format!("{} synthetic applicants seeded (realistic ladders, {} pool positions); period {period_id} has {quota} quotas", seeded.applicants, seeded.positions),
    );

    let clock = Arc::new(TestClock::new(start));
    let secrets = Arc::new(MemorySecretStore::new());
    let app_config = YaohaoConfig::new(portal.base_url.clone(), dir.path().join("app"), out.lang);
    let app = Yaohao::open(app_config, secrets.clone(), clock.clone())
        .map_err(|e| n.fail("打开应用", "opening the app", e))?;

    n.step("注册账号：短信验证码", "Registering with an SMS code");
    app.request_sms_code(SmsPurpose::Register, Some(MOBILE.into()), None)
        .await
        .map_err(|e| n.fail("请求验证码", "requesting a code", e))?;
    let code = op
        .sms_code(MOBILE)
        .await
        .map_err(|e| n.fail("读取短信", "reading the SMS", e))?;
    n.say(
        format!("验证码已发送至 138****8000（演示从门户短信发件箱读取：{code}）"),
        format!("code sent to 138****8000 (the demo reads the portal's SMS outbox: {code})"),
    );
    let registration = Registration {
        resident_id: ID.into(),
        name: NAME.into(),
        mobile: MOBILE.into(),
        password: PASSWORD.into(),
        sms_code: code,
    };
    app.register(registration)
        .await
        .map_err(|e| n.fail("注册", "registering", e))?;
    n.say(
        format!("{NAME}（110105********1232）注册成功"),
        format!("{NAME} (110105********1232) registered"),
    );

    n.step(
        "登录：身份证号 + 密码 + 短信验证码",
        "Logging in: ID + password + SMS code",
    );
    let later = start + TimeDelta::seconds(61);
    op.set_clock(later)
        .await
        .map_err(|e| n.fail("调整时钟", "moving the clock", e))?;
    clock.set(later);
    login(&app, &op)
        .await
        .map_err(|e| n.fail("登录", "logging in", e))?;
    app.register_device("dev".into(), DEVICE.into(), None)
        .await
        .map_err(|e| n.fail("登记推送设备", "registering the device", e))?;
    n.say(
        "已登录，并登记了本机的推送通道；会话令牌只保存在系统密钥库中，不写入数据库",
        "logged in and this device registered for push; the session token lives only in the secret store, never in the database",
    );

    n.step(
        "填写申请（故意犯一个常见错误）",
        "Filling in the application (with one common mistake)",
    );
    let draft = app
        .create_draft(ApplicationKind::IndividualOrdinary)
        .map_err(|e| n.fail("创建草稿", "creating a draft", e))?;
    let wrong = ApplicationForm {
        licence_file: Some(ID.into()),
        address: Some(ADDRESS.into()),
        ..ApplicationForm::default()
    };
    app.save_draft(draft.local_id.clone(), wrong)
        .map_err(|e| n.fail("保存草稿", "saving the draft", e))?;
    n.say(
        format!("档案编号一栏填成了驾驶证号 {ID}（草稿已自动保存）"),
        format!("the file-number field got the licence number {ID} (draft saved automatically)"),
    );
    let preview = app
        .preview(draft.local_id.clone())
        .map_err(|e| n.fail("预览", "preview", e))?;
    for error in preview.checks.iter().flat_map(|c| c.errors.iter()) {
        n.say(
            format!("{} {}", style("✗").red(), error.message_zh),
            format!("{} {}", style("✗").red(), error.message_en),
        );
    }
    if preview.checks.iter().all(|c| c.valid) {
        return Err(n.fail("校验", "validation", "the mistake was not caught"));
    }
    let fixed = ApplicationForm {
        licence_file: Some(LICENCE_FILE.into()),
        address: Some(ADDRESS.into()),
        ..ApplicationForm::default()
    };
    app.save_draft(draft.local_id.clone(), fixed)
        .map_err(|e| n.fail("保存草稿", "saving the draft", e))?;
    n.say(
        format!(
            "{} 改为驾驶证副页上的 12 位档案编号 {LICENCE_FILE}",
            style("✓").green()
        ),
        format!(
            "{} corrected to the 12-digit file number {LICENCE_FILE}",
            style("✓").green()
        ),
    );

    n.step(
        "上传证件照片（自动校正方向、压缩到限额以内）",
        "Uploading document photos (oriented and compressed to the limits)",
    );
    let kinds = [
        DocumentKind::IdCardFront,
        DocumentKind::IdCardBack,
        DocumentKind::DrivingLicence,
    ];
    let bar = n.bar(kinds.len() as u64);
    let raw = photo();
    for kind in kinds {
        bar.set_message(kind.title().get(out.lang).to_owned());
        let prepared = app
            .prepare_document(raw.clone(), kind)
            .await
            .map_err(|e| n.fail("处理照片", "preparing a photo", e))?;
        bar.suspend(|| {
            n.say(
                format!(
                    "{} {}：{}×{}，{} KB（上限 {} KB）",
                    style("✓").green(),
                    kind.title().zh,
                    prepared.width,
                    prepared.height,
                    prepared.jpeg.len() / 1024,
                    kind.max_bytes() / 1024
                ),
                format!(
                    "{} {}: {}×{}, {} KB (limit {} KB)",
                    style("✓").green(),
                    kind.title().en,
                    prepared.width,
                    prepared.height,
                    prepared.jpeg.len() / 1024,
                    kind.max_bytes() / 1024
                ),
            )
        });
        app.add_document(draft.local_id.clone(), kind, raw.clone())
            .await
            .map_err(|e| n.fail("上传照片", "uploading a photo", e))?;
        bar.inc(1);
    }
    bar.finish_and_clear();

    n.step("提交申请并通过审核", "Submitting and passing review");
    let submitted = app
        .submit(draft.local_id.clone())
        .await
        .map_err(|e| n.fail("提交", "submitting", e))?;
    let my_code = submitted.code.clone().unwrap_or_default();
    n.say(
        format!("申请编码 {my_code}（请妥善保存）；状态：审核中"),
        format!("application code {my_code} (keep it); status: under review"),
    );
    op.make_eligible(ID, LICENCE_FILE)
        .await
        .map_err(|e| n.fail("导入核查数据", "importing the registry", e))?;
    op.review().await.map_err(|e| n.fail("审核", "review", e))?;
    let apps = app
        .refresh_applications()
        .await
        .map_err(|e| n.fail("刷新申请", "refreshing applications", e))?;
    let status = apps
        .first()
        .map(|a| a.status.label().get(out.lang).to_owned())
        .unwrap_or_default();
    n.say(
        format!("核查户籍与驾驶证后：{}", style(&status).green()),
        format!(
            "after checking hukou and licence: {}",
            style(&status).green()
        ),
    );

    n.step(
        "首页：倒计时与提醒（离线可见）",
        "Dashboard: countdowns and reminders (works offline)",
    );
    let dashboard = app
        .refresh()
        .await
        .map_err(|e| n.fail("刷新首页", "refreshing the dashboard", e))?;
    for event in dashboard.next_events.iter().take(4) {
        let days = event.countdown_seconds / 86_400;
        n.say(
            format!("{}  {}（还有 {days} 天）", bj(event.at), event.title.zh),
            format!("{}  {} (in {days} days)", bj(event.at), event.title.en),
        );
    }
    for reminder in dashboard.reminders.iter().take(3) {
        n.say(
            format!("⏰ {} — {}", bj(reminder.fire_at), reminder.title.zh),
            format!("⏰ {} — {}", bj(reminder.fire_at), reminder.title.en),
        );
    }

    n.step(
        "时间快进到摇号：封存申请池、按公布的种子数摇号、公布结果",
        "Fast-forward to the draw: freeze the pool, draw with the announced seed, publish",
    );
    let at = |field: &str| {
        period[field]
            .as_str()
            .and_then(|s| s.parse::<DateTime<Utc>>().ok())
            .ok_or_else(|| n.fail("读取摇号期", "reading the period", field))
    };
    let (cutoff, freeze, thaw, publish) = (
        at("cutoff_at")?,
        at("freeze_from")?,
        at("freeze_until")?,
        at("publish_at")?,
    );
    if thaw > freeze {
        op.set_clock(freeze + TimeDelta::minutes(1))
            .await
            .map_err(|e| n.fail("封存", "freezing", e))?;
        clock.set(freeze + TimeDelta::minutes(1));
        n.say(
            format!("{} 起数据封存，查询暂停（这不是故障）", bj(freeze)),
            format!(
                "data frozen from {} (queries pause; this is not a fault)",
                bj(freeze)
            ),
        );
    } else {
        op.set_clock(cutoff + TimeDelta::minutes(1))
            .await
            .map_err(|e| n.fail("封存", "freezing", e))?;
        clock.set(cutoff + TimeDelta::minutes(1));
        n.say(
            format!("{} 年度申报截止：此前审核通过的申请组成本期申请池（本规则没有数据封存）", bj(cutoff)),
            format!(
                "{}: the application window closes; applications approved by then form this pool (no data freeze under this regime)",
                bj(cutoff)
            ),
        );
    }
    // Draw-day morning, 09:00 Beijing time: the first session has long expired.
    let morning = publish - TimeDelta::hours(3);
    op.set_clock(morning)
        .await
        .map_err(|e| n.fail("调整时钟", "moving the clock", e))?;
    clock.set(morning);
    login(&app, &op)
        .await
        .map_err(|e| n.fail("重新登录", "logging in again", e))?;
    n.say(
        format!("{} 摇号日早上：上次的会话早已过期，用短信验证码重新登录", bj(morning)),
        format!("{} draw-day morning: the old session expired long ago; logged in again with an SMS code", bj(morning)),
    );
    let token = secrets
        .get(SESSION_KEY.into())
        .ok()
        .flatten()
        .unwrap_or_default();
    let stream = op
        .subscribe(&token, DEVICE)
        .await
        .map_err(|e| n.fail("订阅推送", "subscribing to push", e))?;
    let push = tokio::spawn(super::operator::next_push(stream));
    let spinner = n.spinner("按官方算法摇号…", "Drawing with the official algorithm…");
    let drawn = op
        .draw(&period_id, Some(seed))
        .await
        .map_err(|e| n.fail("摇号", "drawing", e))?;
    spinner.finish_and_clear();
    let used_seed = drawn["seed"].as_str().unwrap_or_default().to_owned();
    n.say(
        format!(
            "种子数 {used_seed}，号池 {} 个位置，指标 {quota} 个",
            drawn["pool_size"]
        ),
        format!(
            "seed {used_seed}, pool of {} positions, {quota} quotas",
            drawn["pool_size"]
        ),
    );
    op.set_clock(publish + TimeDelta::minutes(1))
        .await
        .map_err(|e| n.fail("公布结果", "publishing", e))?;
    clock.set(publish + TimeDelta::minutes(1));
    n.say(
        format!("{} 结果已公布（建议 14:00 后查询）", bj(publish)),
        format!("results published at {} (check after 14:00)", bj(publish)),
    );

    n.step("收到推送，核对结果", "Push received; checking the result");
    let pushed = tokio::time::timeout(Duration::from_secs(15), push).await;
    match pushed {
        Ok(Ok(Ok(event))) => n.say(
            format!(
                "推送（事件流）：{}",
                event["title"]["zh"].as_str().unwrap_or("摇号结果已公布")
            ),
            format!(
                "push (event stream): {}",
                event["title"]["en"].as_str().unwrap_or("results are out")
            ),
        ),
        Ok(Ok(Err(e))) => return Err(n.fail("接收推送", "receiving the push", e)),
        Ok(Err(e)) => return Err(n.fail("接收推送", "receiving the push", e)),
        Err(_) => {
            return Err(n.fail(
                "接收推送",
                "receiving the push",
                "15 秒内没有收到推送 / no push within 15 s",
            ));
        }
    }
    let notifications = app
        .check_results(period_id.clone())
        .await
        .map_err(|e| n.fail("查询结果", "checking results", e))?;
    let outcome = notifications
        .first()
        .map(|x| x.outcome.clone())
        .ok_or_else(|| {
            n.fail(
                "查询结果",
                "checking results",
                "no notification for the application",
            )
        })?;
    let again = app
        .check_results(period_id.clone())
        .await
        .map_err(|e| n.fail("查询结果", "checking results", e))?;
    if outcome.won {
        let row = outcome.row.unwrap_or_default();
        n.say(
            format!(
                "{} 中签！第 {row} 行，申请编码 {}",
                style("🎉").green(),
                style(&outcome.code).green().bold()
            ),
            format!(
                "{} Won! Row {row}, code {}",
                style("🎉").green(),
                style(&outcome.code).green().bold()
            ),
        );
    } else {
        n.say(
            format!(
                "{} 本期未中签（编码 {}）",
                style("✗").red(),
                style(&outcome.code).red()
            ),
            format!(
                "{} Not drawn this time (code {})",
                style("✗").red(),
                style(&outcome.code).red()
            ),
        );
    }
    n.say(
        format!("再次查询不会重复提醒（新通知 {} 条）", again.len()),
        format!(
            "checking again notifies nothing new ({} notifications)",
            again.len()
        ),
    );

    n.step(
        "独立验证本期摇号是否公正",
        "Verifying the draw independently",
    );
    let verification = verify_published(&mut n, &op, &data, &period_id, &used_seed).await?;

    n.step("概率与下一步", "Odds and next steps");
    let pool_size = u64::from(verification.pool_size);
    let chance = odds(&OddsInput {
        pool_size,
        quota: u64::from(quota),
        weight: 1,
        unsuccessful_draws: Some(0),
        c5: false,
        draws_per_year: f64::from(policy.ordinary_draws_per_year()),
    })
    .map_err(|e| n.fail("估算概率", "estimating odds", e.message(out.lang)))?;
    n.say(
        format!(
            "单期中签率约 1/{:.0}；按现在的号池，平均要等约 {:.1} 年",
            chance.one_in, chance.expected_years
        ),
        format!(
            "about 1 in {:.0} per draw; with this pool the expected wait is about {:.1} years",
            chance.one_in, chance.expected_years
        ),
    );
    if outcome.won {
        let quotas = app
            .quotas()
            .await
            .map_err(|e| n.fail("读取指标", "reading quotas", e))?;
        let quota = quotas
            .first()
            .ok_or_else(|| n.fail("读取指标", "reading quotas", "no quota"))?;
        n.say(
            format!(
                "请在 {} 前确认（72 小时内），否则指标作废",
                bj(quota.confirm_by)
            ),
            format!(
                "confirm before {} (within 72 hours) or the quota is forfeited",
                bj(quota.confirm_by)
            ),
        );
        let confirmed = app
            .confirm_quota(quota.id)
            .await
            .map_err(|e| n.fail("确认指标", "confirming the quota", e))?;
        let certificate = confirmed
            .first()
            .map(|q| q.certificate.clone())
            .unwrap_or_default();
        n.say(
            format!(
                "{} 已确认，指标证明编号 {certificate}，有效期至 {}",
                style("✓").green(),
                bj(quota.expires_at)
            ),
            format!(
                "{} confirmed: certificate {certificate}, valid until {}",
                style("✓").green(),
                bj(quota.expires_at)
            ),
        );
    } else {
        let draws = app
            .refresh_applications()
            .await
            .map_err(|e| n.fail("刷新申请", "refreshing applications", e))?
            .first()
            .map(|a| a.draw_count)
            .unwrap_or(1);
        let weight = ladder_weight(u32::try_from(draws).unwrap_or(0), false);
        n.say(
            format!("申请自动进入下一期；已参加 {draws} 期，阶梯倍数 {weight}（满 24 期未中签后每 12 期加 1）"),
            format!("the application carries over to the next draw; {draws} draw(s) so far, ladder weight {weight} (+1 every 12 draws after 24)"),
        );
    }

    if unit {
        let scene = super::unit::Scene {
            op: &op,
            portal: &portal,
            dir: dir.path(),
            clock: &clock,
            policy,
            seed,
        };
        super::unit::run(&mut n, &scene).await?;
    }

    portal
        .shutdown()
        .await
        .map_err(|e| n.fail("关闭门户", "stopping the portal", e))?;
    n.flush();
    let seconds = n.started.elapsed().as_secs_f64();
    if out.json {
        let done = serde_json::json!({
            "done": true,
            "policy": policy.name,
            "seed": seed,
            "won": outcome.won,
            "verified": true,
            "seconds": seconds,
        });
        write_stdout(&format!("{done}\n"));
    } else {
        println!(
            "\n{} {}",
            style("✓").green().bold(),
            out.pick(
                &format!("演示完成，用时 {seconds:.1} 秒。"),
                &format!("Demo complete in {seconds:.1} s."),
            )
        );
    }
    Ok(())
}

/// Downloads the published list of `period`, verifies it from its header (the replay with
/// `seed`) and then exactly with the verification package the portal published beside it, and
/// says so; the header-only verification.
pub(super) async fn verify_published(
    n: &mut Narrator<'_>,
    op: &Operator,
    data: &std::path::Path,
    period: &str,
    seed: &str,
) -> Result<Verification, CliError> {
    let bytes = op
        .result_file(period)
        .await
        .map_err(|e| n.fail("下载结果文件", "downloading the result file", e))?;
    let file =
        parse_bytes(&bytes).map_err(|e| n.fail("解析结果文件", "parsing the result file", e))?;
    let verification = verify(&file, None);
    let undersubscribed = file.kind == ListKind::Undersubscribed;
    match (&verification.verdict, &verification.needs_pool) {
        (Verdict::Verified, _) if undersubscribed => n.say(
            format!("{} 已验证：指标数不少于申请人数，无需摇号——名单按编码顺序列出全部 {} 个申请编码，每人一个指标", style("✓").green(), verification.rows),
            format!("{} Verified: the quotas cover every applicant, so there is no draw — the list gives all {} codes in code order, one quota each", style("✓").green(), verification.rows),
        ),
        (Verdict::Verified, _) => n.say(
            format!("{} 仅凭表头已验证：{} 行名单与用种子数 {seed} 重放 .NET Random 的结果一致（重放 {} 次，跳过的 {} 次为重复或阶梯副本）", style("✓").green(), verification.rows, verification.draws, verification.skipped),
            format!("{} Verified from the header alone: all {} rows follow the .NET Random replay with seed {seed} ({} draws; the {} skipped were repeats or ladder copies)", style("✓").green(), verification.rows, verification.draws, verification.skipped),
        ),
        (Verdict::NeedsPool, Some(undecided)) => n.say(
            format!("… 仅凭表头无法判定：{}", undecided.message.zh),
            format!("… the header alone cannot decide: {}", undecided.message.en),
        ),
        _ => {
            let why = verification
                .first_mismatch
                .as_ref()
                .map(|m| m.message.clone())
                .unwrap_or_else(|| yaohao_core::i18n::Text::new("结论未定", "no verdict"));
            return Err(n.fail("验证", "verification", why.get(n.out.lang)));
        }
    }
    // The verification package the portal published beside the list: every code checked.
    let package_dir = yaohao_portal::publish::dir(data, period);
    let files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&package_dir)
        .and_then(|entries| {
            entries
                .map(|entry| {
                    let path = entry?.path();
                    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
                    Ok((name.unwrap_or_default(), std::fs::read(&path)?))
                })
                .collect()
        })
        .map_err(|e| n.fail("读取核验数据包", "reading the verification package", e))?;
    let pool = read_pool(&files)
        .map_err(|e| n.fail("读取核验数据包", "reading the verification package", e))?;
    let exact = verify(&file, Some(&pool.pool));
    if exact.verdict != Verdict::Verified {
        let why = exact
            .first_mismatch
            .map(|m| m.message)
            .unwrap_or_else(|| yaohao_core::i18n::Text::new("结论未定", "no verdict"));
        return Err(n.fail("验证", "verification", why.get(n.out.lang)));
    }
    n.say(
        format!("{} 用门户公布的核验数据包（{} 个序号）重新摇号：每一行的序号和申请编码都一致", style("✓").green(), pool.pool.size()),
        format!("{} Re-run on the verification package the portal published ({} positions): every row's position and code agree", style("✓").green(), pool.pool.size()),
    );
    Ok(verification)
}
