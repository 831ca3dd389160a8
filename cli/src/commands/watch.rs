//! `yaohao watch`: waits for the portal's result alerts on its `dev` event stream (this install is
//! registered as a `dev` push device), checks the results through the core on each alert, prints
//! them and shows a desktop notification where one can be shown. Not logged in, it follows the
//! codes of `yaohao follow` instead: it checks the published lists at the core's draw-day
//! checks, with no push at all.

use std::time::Duration;

use serde::Serialize;
use yaohao_core::api;
use yaohao_core::facade::ResultOutcome;

use super::notify;
use super::outcomes::outcome_line;
use crate::output::{CliError, Exit, Output, write_stdout};
use crate::portal::Portal;

/// Wait before reconnecting a dropped stream.
const RECONNECT: Duration = Duration::from_secs(2);
/// The longest wait between two checks of the followed codes (the plan may be far off, and the
/// portal may publish early).
const POLL_AT_MOST: Duration = Duration::from_secs(15 * 60);

/// Arguments of `yaohao watch`.
#[derive(clap::Args)]
#[command(after_help = "Examples:
  yaohao watch
  yaohao watch --once --timeout 600 --json

Prints each alert (with --json: one JSON object per line) and the outcome of your codes; shows a
desktop notification through notify-send (Linux) or osascript (macOS) when available. Without a
login, watches the codes of `yaohao follow` at the core's draw-day checks.
Exit status: 0 stopped (or one alert with --once), 1 no alert before --timeout with --once,
2 usage, 3 not logged in and nothing followed, 4 portal unreachable.")]
pub struct Args {
    /// Stop after the first alert.
    #[arg(long)]
    once: bool,
    /// Stop after this many seconds.
    #[arg(long)]
    timeout: Option<u64>,
    /// No desktop notifications.
    #[arg(long)]
    no_notify: bool,
}

/// The alert the portal pushes, as printed (read from [`api::PushNotification`]).
#[derive(Debug, Serialize)]
struct Push {
    period: String,
    won: bool,
    title_zh: String,
    title_en: String,
    body_zh: String,
    body_en: String,
}

impl From<api::PushNotification> for Push {
    fn from(n: api::PushNotification) -> Push {
        Push {
            period: n.period,
            won: n.won,
            title_zh: n.title_zh,
            title_en: n.title_en,
            body_zh: n.body_zh,
            body_en: n.body_en,
        }
    }
}

/// A push with the outcomes of the account's codes, as printed.
#[derive(Serialize)]
struct Alert {
    #[serde(flatten)]
    push: Push,
    outcomes: Vec<ResultOutcome>,
}

/// A new device token for this installation.
fn new_device() -> Result<String, CliError> {
    let mut bytes = [0u8; 12];
    getrandom::fill(&mut bytes).map_err(|e| {
        CliError::invalid(
            "no_randomness",
            format!("无法生成设备标识：{e}"),
            format!("cannot make a device id: {e}"),
        )
    })?;
    Ok(format!("cli-{}", hex::encode(bytes)))
}

/// Splits complete server-sent events off the front of `buffer`; returns their `data` fields.
fn take_events(buffer: &mut String) -> Vec<String> {
    let mut events = Vec::new();
    while let Some(end) = buffer.find("\n\n") {
        let block: String = buffer.drain(..end + 2).collect();
        let data: Vec<&str> = block
            .lines()
            .filter_map(|l| l.strip_prefix("data:"))
            .map(|d| d.strip_prefix(' ').unwrap_or(d))
            .collect();
        if !data.is_empty() {
            events.push(data.join("\n"));
        }
    }
    events
}

/// What ended one connection.
enum Ended {
    /// `--once` and an alert arrived.
    Done,
    /// The stream dropped: reconnect.
    Dropped,
}

/// The portal's event stream of a logged-in install: its `dev` device token and the client.
struct Stream {
    device: String,
    http: reqwest::Client,
}

struct Watcher<'a> {
    portal: &'a Portal,
    out: &'a Output,
    args: &'a Args,
    /// `None` when following codes without an account.
    stream: Option<Stream>,
}

impl Watcher<'_> {
    async fn connect(&self, stream: &Stream) -> Result<Ended, CliError> {
        let token = self.portal.token().ok_or_else(|| self.login_required())?;
        let url = format!("{}/v1/me/push/stream", self.portal.url);
        let response = stream
            .http
            .get(url)
            .query(&[("device", &stream.device)])
            .bearer_auth(token)
            .send()
            .await;
        let mut response = match response {
            Ok(r) if r.status() == reqwest::StatusCode::UNAUTHORIZED => {
                return Err(self.login_required());
            }
            Ok(r) if r.status().is_success() => r,
            Ok(r) => {
                self.out.note(
                    format!(
                        "推送通道暂不可用（HTTP {}），稍后重连…",
                        r.status().as_u16()
                    ),
                    format!(
                        "Push stream unavailable (HTTP {}); reconnecting…",
                        r.status().as_u16()
                    ),
                );
                return Ok(Ended::Dropped);
            }
            Err(e) => {
                self.out.note(
                    format!("无法连接推送通道（{e}），稍后重连…"),
                    format!("Cannot reach the push stream ({e}); reconnecting…"),
                );
                return Ok(Ended::Dropped);
            }
        };
        self.out.note(
            "正在等待摇号结果推送…（Ctrl-C 退出）",
            "Listening for result alerts… (Ctrl-C to stop)",
        );
        let mut buffer = String::new();
        while let Ok(Some(chunk)) = response.chunk().await {
            buffer.push_str(&String::from_utf8_lossy(&chunk).replace("\r\n", "\n"));
            for data in take_events(&mut buffer) {
                let Ok(push) = serde_json::from_str::<api::PushNotification>(&data) else {
                    continue;
                };
                self.alert(push.into()).await?;
                if self.args.once {
                    return Ok(Ended::Done);
                }
            }
        }
        Ok(Ended::Dropped)
    }

    /// Results published while nobody was watching: each shown as an alert. True if any.
    async fn missed(&self) -> Result<bool, CliError> {
        let found = match self.portal.app.check_published_results().await {
            Ok(list) => list,
            Err(e) if e.is_retryable() => Vec::new(),
            Err(e) => return Err(self.portal.explain(&e)),
        };
        for n in &found {
            let push = Push {
                period: n.outcome.period.clone(),
                won: n.outcome.won,
                title_zh: n.title.zh.clone(),
                title_en: n.title.en.clone(),
                body_zh: n.body.zh.clone(),
                body_en: n.body.en.clone(),
            };
            self.show(Alert {
                push,
                outcomes: vec![n.outcome.clone()],
            });
        }
        Ok(!found.is_empty())
    }

    async fn alert(&self, push: Push) -> Result<(), CliError> {
        let outcomes = match self.portal.app.check_results(push.period.clone()).await {
            // Nothing new: this result was shown already (the core notifies each code and period
            // once), however often the stream repeats its push.
            Ok(list) if list.is_empty() => return Ok(()),
            Ok(list) => list.into_iter().map(|n| n.outcome).collect(),
            Err(e) => {
                let err = self.portal.explain(&e);
                if let CliError::Invalid { zh, en, .. } = &err {
                    self.out.note(zh, en);
                }
                Vec::new()
            }
        };
        self.show(Alert { push, outcomes });
        Ok(())
    }

    /// Prints an alert and shows it on the desktop.
    fn show(&self, alert: Alert) {
        let (title, body) = (
            self.out
                .lang
                .pick(&alert.push.title_zh, &alert.push.title_en),
            self.out.lang.pick(&alert.push.body_zh, &alert.push.body_en),
        );
        if !self.args.no_notify {
            notify::desktop(title, body);
        }
        if self.out.json {
            // One alert per line (JSON Lines), so a reader can act on each as it comes.
            let line = serde_json::to_string(&alert).unwrap_or_default();
            write_stdout(&format!("{line}\n"));
        } else {
            let lang = self.out.lang;
            let mut text = format!("🔔 {title}\n   {body}\n");
            for o in &alert.outcomes {
                text += &format!("   {}\n", outcome_line(o, lang));
            }
            write_stdout(&text);
        }
    }

    fn login_required(&self) -> CliError {
        self.portal
            .explain(&yaohao_core::client::ClientError::AuthRequired {
                message: yaohao_core::i18n::Text::new("会话已失效。", "The session ended."),
            })
    }

    async fn watch(&self) -> Result<(), CliError> {
        if self.missed().await? && self.args.once {
            return Ok(());
        }
        let Some(stream) = &self.stream else {
            return self.poll().await;
        };
        loop {
            match self.connect(stream).await? {
                Ended::Done => return Ok(()),
                Ended::Dropped => tokio::time::sleep(RECONNECT).await,
            }
        }
    }

    /// Without an account: checks the published lists at each of the core's draw-day checks
    /// (at least every [`POLL_AT_MOST`]), announcing the followed codes' outcomes.
    async fn poll(&self) -> Result<(), CliError> {
        self.out.note(
            "未登录：在摇号日检查计划的时间查看关注的申请编码…（Ctrl-C 退出）",
            "Not logged in: checking the followed codes on the draw-day plan… (Ctrl-C to stop)",
        );
        loop {
            let next = self
                .portal
                .app
                .draw_day_checks()
                .map_err(|e| self.portal.explain(&e))?
                .first()
                .map(|c| c.at);
            let wait = next
                .and_then(|at| (at - self.portal.now()).to_std().ok())
                .map_or(POLL_AT_MOST, |d| d.min(POLL_AT_MOST));
            tokio::time::sleep(wait).await;
            if self.missed().await? && self.args.once {
                return Ok(());
            }
        }
    }
}

/// Runs `yaohao watch`.
pub fn run(args: Args, out: &Output, portal: Option<&str>) -> Result<(), CliError> {
    let mut portal = Portal::open(portal, out)?;
    let following = portal
        .app
        .followed_codes()
        .map_err(|e| portal.explain(&e))?;
    let logged_in = portal.require_login();
    if logged_in.is_err() && !following.is_empty() {
        portal.follow_clock();
        let watcher = Watcher {
            portal: &portal,
            out,
            args: &args,
            stream: None,
        };
        return finish(&portal, &watcher, &args, out);
    }
    logged_in?;
    let device = match portal.config.device.clone() {
        Some(device) => device,
        None => {
            let device = new_device()?;
            portal.config.device = Some(device.clone());
            portal.home.save(&portal.config)?;
            device
        }
    };
    portal.run(
        portal
            .app
            .register_device("dev".to_owned(), device.clone(), None),
    )?;
    let http = reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(10))
        .build()
        .map_err(|e| {
            CliError::with_exit(
                Exit::Unavailable,
                "network",
                format!("无法建立连接：{e}"),
                format!("cannot set up the connection: {e}"),
            )
        })?;
    let watcher = Watcher {
        portal: &portal,
        out,
        args: &args,
        stream: Some(Stream { device, http }),
    };
    finish(&portal, &watcher, &args, out)
}

/// Watches until done, the timeout, or an error.
fn finish(
    portal: &Portal,
    watcher: &Watcher<'_>,
    args: &Args,
    out: &Output,
) -> Result<(), CliError> {
    let finished = match args.timeout {
        Some(seconds) => portal.block_on(async {
            tokio::time::timeout(Duration::from_secs(seconds), watcher.watch())
                .await
                .ok()
        }),
        None => Some(portal.block_on(watcher.watch())),
    };
    match finished {
        Some(result) => result,
        None if args.once => Err(CliError::invalid(
            "no_alert",
            "在限定时间内没有收到推送。",
            "No alert arrived before the timeout.",
        )),
        None => {
            out.note("已到时间，停止等待。", "Timeout reached; stopped.");
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_are_split_and_partial_ones_wait() {
        let mut buffer =
            ": keep-alive\n\nevent: result\nid: k1\ndata: {\"a\":1}\n\nevent: result\ndata: {\"b\""
                .to_owned();
        assert_eq!(take_events(&mut buffer), vec!["{\"a\":1}".to_owned()]);
        assert_eq!(buffer, "event: result\ndata: {\"b\"");
        buffer.push_str(":2}\n\n");
        assert_eq!(take_events(&mut buffer), vec!["{\"b\":2}".to_owned()]);
        assert!(buffer.is_empty());
    }
}
