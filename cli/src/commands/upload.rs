//! `yaohao upload <kind> <photo>`: a material for the current draft, prepared by the core
//! (orientation, size limits, JPEG) and sent to the portal (queued while it cannot be reached).

use serde::Serialize;
use yaohao_core::documents::DocumentKind;
use yaohao_core::facade::{Draft, portal_name};
use yaohao_core::i18n::Lang;

use crate::input::read_bytes;
use crate::output::{CliError, Output};
use crate::portal::Portal;

/// Arguments of `yaohao upload`.
#[derive(clap::Args)]
#[command(after_help = "Examples:
  yaohao upload id_front front.jpg
  yaohao upload driving_licence licence.jpg --draft 3f2a…

Kinds (as the portal names them): id_front, id_back, id_photo, driving_licence, residence_permit,
work_residence_permit, social_insurance_record. The photo goes to the latest draft (start one with
`yaohao apply`). Exit status: 0 uploaded or queued, 1 photo refused or no draft, 2 usage, 3 not
logged in.")]
pub struct Args {
    /// The material, as the portal names it (e.g. id_front, id_back, driving_licence).
    #[arg(value_parser = parse_kind)]
    kind: DocumentKind,
    /// The photo (JPEG or PNG; - for standard input).
    photo: String,
    /// The draft (its local id, from `yaohao status`); default the latest.
    #[arg(long)]
    draft: Option<String>,
}

/// The material with this portal name.
pub fn parse_kind(name: &str) -> Result<DocumentKind, String> {
    DocumentKind::ALL
        .into_iter()
        .find(|k| portal_name(*k) == Some(name))
        .ok_or_else(|| {
            let names: Vec<&str> = DocumentKind::ALL
                .into_iter()
                .filter_map(portal_name)
                .collect();
            format!("unknown material {name}: use one of {}", names.join(", "))
        })
}

/// A material added to a draft.
#[derive(Serialize)]
pub struct Uploaded {
    draft: String,
    #[serde(skip)]
    kind: DocumentKind,
    /// The portal's name of the material.
    #[serde(rename = "kind")]
    name: &'static str,
    width: u32,
    height: u32,
    bytes: usize,
    /// `uploaded`, or `queued` until the portal can be reached.
    status: &'static str,
    /// What may fail review although the photo was accepted (blur), with what to do.
    warnings: Vec<yaohao_core::i18n::Reason>,
}

/// Prepares `photo` and adds it to `draft`.
pub fn add(
    portal: &Portal,
    draft: &Draft,
    kind: DocumentKind,
    photo: Vec<u8>,
) -> Result<Uploaded, CliError> {
    let name = portal_name(kind).unwrap_or_default();
    let prepared = portal.run(portal.app.prepare_document(photo.clone(), kind))?;
    let after = portal.run(portal.app.add_document(draft.local_id.clone(), kind, photo))?;
    let queued = after.pending_uploads.iter().any(|u| u.kind == kind);
    let on_portal = match after.application_id {
        Some(id) => portal
            .app
            .application(id)
            .map(|d| d.documents.iter().any(|doc| doc.kind == kind))
            .unwrap_or(false),
        None => false,
    };
    if !queued && !on_portal {
        return Err(CliError::invalid(
            "document_refused",
            format!(
                "门户拒收了“{}”的照片：请换一张清晰、完整、无反光的照片重试。",
                kind.title().zh
            ),
            format!(
                "The portal refused the {} photo: retry with a sharp, complete photo without glare.",
                kind.title().en
            ),
        ));
    }
    Ok(Uploaded {
        draft: draft.local_id.clone(),
        kind,
        name,
        width: prepared.width,
        height: prepared.height,
        bytes: prepared.jpeg.len(),
        status: if queued { "queued" } else { "uploaded" },
        warnings: prepared.warnings,
    })
}

impl Uploaded {
    /// One line for people.
    pub fn line(&self, lang: Lang) -> String {
        let title = self.kind.title();
        let kb = self.bytes / 1024;
        let warnings: String = self
            .warnings
            .iter()
            .map(|w| format!("\n  ⚠ {}", w.message(lang)))
            .collect();
        let line = match (lang, self.status == "queued") {
            (Lang::Zh, false) => format!(
                "✓ 已上传{}：{}×{}，{kb} KB",
                title.zh, self.width, self.height
            ),
            (Lang::En, false) => format!(
                "✓ Uploaded the {}: {}×{}, {kb} KB",
                title.en, self.width, self.height
            ),
            (Lang::Zh, true) => format!("… {}已保存在本机，联网后自动上传", title.zh),
            (Lang::En, true) => {
                format!("… the {} is saved here and uploads once online", title.en)
            }
        };
        format!("{line}{warnings}")
    }
}

/// Runs `yaohao upload`.
pub fn run(args: Args, out: &Output, portal: Option<&str>) -> Result<(), CliError> {
    let portal = Portal::open(portal, out)?;
    portal.require_login()?;
    let explain = |e| portal.explain(&e);
    let draft = match &args.draft {
        Some(id) => portal.app.draft(id.clone()).map_err(explain)?,
        None => portal
            .app
            .drafts()
            .map_err(explain)?
            .into_iter()
            .next()
            .ok_or_else(|| {
                CliError::invalid(
                    "no_draft",
                    "没有正在填写的申请：先运行 yaohao apply 开始一份草稿。",
                    "No application in progress: start a draft with `yaohao apply` first.",
                )
            })?,
    };
    let photo = read_bytes(&args.photo, crate::input::PHOTO_BYTES)?;
    let view = add(&portal, &draft, args.kind, photo)?;
    out.emit(&view, |lang| view.line(lang));
    Ok(())
}
