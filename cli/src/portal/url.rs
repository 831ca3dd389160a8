//! Portal URLs: HTTPS, or plain HTTP only to this machine (loopback), so that passwords and
//! session tokens never cross a network unencrypted.

use std::net::IpAddr;

use reqwest::Url;

/// A portal URL that is not acceptable, in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlError {
    /// Chinese explanation with what to do.
    pub zh: String,
    /// English explanation with what to do.
    pub en: String,
}

impl std::fmt::Display for UrlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} / {}", self.zh, self.en)
    }
}

/// Whether a URL host (IPv6 in brackets) is this machine.
fn is_loopback(host: &str) -> bool {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || bare.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// Checks a portal URL and returns it without a trailing slash.
pub fn check(raw: &str) -> Result<String, UrlError> {
    let url = Url::parse(raw.trim()).map_err(|e| UrlError {
        zh: format!("门户地址 {raw} 无效：{e}（示例：https://portal.example）"),
        en: format!("the portal URL {raw} is invalid: {e} (example: https://portal.example)"),
    })?;
    let host = url.host_str().unwrap_or_default().to_owned();
    match url.scheme() {
        "https" if !host.is_empty() => {}
        "http" if is_loopback(&host) => {}
        "http" => {
            return Err(UrlError {
                zh: format!(
                    "拒绝通过未加密的 http 连接 {host}：密码和登录凭证会被窃听。请使用 https://（仅本机 127.0.0.1/localhost 允许 http）。"
                ),
                en: format!(
                    "refusing plain http to {host}: passwords and session tokens could be intercepted. Use https:// (http is allowed only for this machine, 127.0.0.1/localhost)."
                ),
            });
        }
        scheme => {
            return Err(UrlError {
                zh: format!("门户地址必须以 https:// 开头（收到 {scheme}://）"),
                en: format!("the portal URL must start with https:// (got {scheme}://)"),
            });
        }
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(UrlError {
            zh: "门户地址不能带查询参数或 #片段".to_owned(),
            en: "the portal URL must not have a query or a #fragment".to_owned(),
        });
    }
    Ok(url.as_str().trim_end_matches('/').to_owned())
}

/// The clap value parser of `--portal`.
pub fn parse(raw: &str) -> Result<String, String> {
    check(raw).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_anywhere_and_http_only_on_loopback() {
        assert_eq!(
            check("https://portal.example/").as_deref(),
            Ok("https://portal.example")
        );
        assert_eq!(
            check("http://127.0.0.1:8080").as_deref(),
            Ok("http://127.0.0.1:8080")
        );
        assert!(check("http://localhost:1/").is_ok());
        assert!(check("http://[::1]:9/").is_ok());
        let refused = check("http://portal.example").unwrap_err();
        assert!(refused.en.contains("refusing plain http"), "{refused}");
        assert!(check("http://10.0.0.1").is_err());
        assert!(check("ftp://portal.example").is_err());
        assert!(check("portal.example").is_err());
        assert!(check("https://portal.example/?x=1").is_err());
    }

    #[test]
    fn a_path_prefix_is_kept() {
        assert_eq!(
            check("https://gov.example/yaohao/").as_deref(),
            Ok("https://gov.example/yaohao")
        );
    }
}
