//! `yaohao apply`: fill in an application — from flags, a JSON form, or questions re-asked until
//! each answer passes the core validators — saving the draft after every answer (the next `apply`
//! resumes it), then the portal's preview, then submission.

use serde::Serialize;
use yaohao_core::client::redact::redact;
use yaohao_core::documents::DocumentKind;
use yaohao_core::facade::{ApplicationForm, ApplicationKind, Draft, FieldCheck, Preview};
use yaohao_core::i18n::Lang;
use yaohao_core::preview::FormField;
use yaohao_core::validate::Validation;

use super::upload::{Uploaded, parse_kind as parse_document_kind};
use super::views::ApplicationView;
use crate::input::read_json;
use crate::output::{CliError, Output};
use crate::portal::Portal;
use crate::portal::prompt::{ask, confirm, refusal};

/// Arguments of `yaohao apply`.
#[derive(clap::Args)]
#[command(after_help = "Examples:
  yaohao apply                                   # questions; resumes the last draft
  yaohao apply --licence-file 110000123456 --address 北京市海淀区中关村大街1号 --no-submit
  yaohao apply --from form.json --document id_front=front.jpg --yes
  yaohao apply --kind family --from family.json --no-input --no-submit
  yaohao apply --application 7 --address 北京市朝阳区建国路88号 --yes   # fix a rejected one

form.json holds the form's fields: {\"licence_file\", \"address\", \"c5_licence\", \"family\"}.
Every answer is saved at once; an interrupted apply continues where it stopped.
Exit status: 0 submitted (or previewed with --no-submit, or submission declined), 1 a field is
invalid, materials are missing or the input ended early (the draft is kept), 2 usage, 3 not
logged in, 4 portal unreachable.")]
pub struct Args {
    /// Kind of a new application: individual_ordinary (default), individual_nev, family (NEV,
    /// points) or family_ordinary (the ordinary lottery, where the policy has one for families).
    #[arg(long, value_parser = parse_kind)]
    kind: Option<ApplicationKind>,
    /// Driving-licence file number (档案编号, 12 digits on the licence's second page).
    #[arg(long)]
    licence_file: Option<String>,
    /// Contact address (联系地址).
    #[arg(long)]
    address: Option<String>,
    /// Holds a C5 driving licence.
    #[arg(long)]
    c5: bool,
    /// A JSON form (or - for standard input) with any of the form's fields.
    #[arg(long)]
    from: Option<String>,
    /// Upload a material with the form: KIND=PHOTO (repeatable; kinds as in `yaohao upload`).
    #[arg(long = "document", value_parser = parse_document)]
    documents: Vec<(DocumentKind, String)>,
    /// Start a new draft even if one is waiting.
    #[arg(long)]
    new: bool,
    /// Fix and resubmit this application (e.g. after a rejection; its id from `yaohao status`).
    #[arg(long, conflicts_with_all = ["new", "kind"])]
    application: Option<i64>,
    /// Ask nothing: missing or invalid values fail.
    #[arg(long)]
    no_input: bool,
    /// Submit without asking once the preview passes.
    #[arg(long)]
    yes: bool,
    /// Stop after the preview (never submit).
    #[arg(long, conflicts_with = "yes")]
    no_submit: bool,
}

fn parse_kind(s: &str) -> Result<ApplicationKind, String> {
    ApplicationKind::parse(s).ok_or_else(|| {
        let kinds: Vec<&str> = ApplicationKind::ALL.iter().map(|k| k.as_str()).collect();
        format!("unknown kind {s}: use one of {}", kinds.join(", "))
    })
}

fn parse_document(s: &str) -> Result<(DocumentKind, String), String> {
    let (kind, path) = s
        .split_once('=')
        .ok_or_else(|| format!("{s}: expected KIND=PHOTO, e.g. id_front=front.jpg"))?;
    Ok((parse_document_kind(kind)?, path.to_owned()))
}

/// The command-line flag that gives a form field.
fn flag(field: FormField) -> &'static str {
    match field {
        FormField::LicenceFile => "--licence-file",
        FormField::Address => "--address",
    }
}

/// A draft being filled in: every change is saved at once.
struct Filling<'a> {
    portal: &'a Portal,
    out: &'a Output,
    draft: Draft,
    resident_id: Option<String>,
}

impl Filling<'_> {
    fn save(&mut self, form: ApplicationForm) -> Result<(), CliError> {
        self.draft = self
            .portal
            .app
            .save_draft(self.draft.local_id.clone(), form)
            .map_err(|e| self.portal.explain(&e))?;
        Ok(())
    }

    /// Checks and stores a value: `Err` holds the validator's verdict when it is invalid.
    fn store(&mut self, field: FormField, value: &str) -> Result<Result<(), Validation>, CliError> {
        let checked = field.check(value, self.resident_id.as_deref());
        if !checked.valid {
            return Ok(Err(checked));
        }
        let mut form = self.draft.form.clone();
        *field.slot(&mut form) = Some(checked.normalized.unwrap_or_else(|| value.to_owned()));
        self.save(form).map(Ok)
    }

    /// Stores a value given as a flag; an invalid one is refused with every reason.
    fn set(&mut self, field: FormField, value: &str) -> Result<(), CliError> {
        self.store(field, value)?
            .map_err(|checked| refusal(flag(field), &checked))
    }

    /// Asks until the answer is valid and saves it; the end of input stops with the draft kept.
    fn ask(&mut self, field: FormField) -> Result<(), CliError> {
        let question = field.question();
        let (zh, en) = (question.zh.as_str(), question.en.as_str());
        loop {
            let Some(answer) = ask(self.out, zh, en)? else {
                return Err(interrupted());
            };
            match self.store(field, &answer)? {
                Ok(()) => return Ok(()),
                Err(checked) => {
                    for reason in &checked.errors {
                        eprintln!("  ✗ {}", redact(reason.message(self.out.lang)));
                    }
                }
            }
        }
    }

    fn missing(&mut self) -> Vec<FormField> {
        FormField::of(self.draft.kind)
            .iter()
            .copied()
            .filter(|f| {
                f.slot(&mut self.draft.form)
                    .as_deref()
                    .is_none_or(|v| v.trim().is_empty())
            })
            .collect()
    }
}

fn interrupted() -> CliError {
    CliError::invalid(
        "interrupted",
        "输入已结束：已填写的内容已保存为草稿，再次运行 yaohao apply 即可继续。",
        "Input ended: everything answered is saved in the draft; run `yaohao apply` again to continue.",
    )
}

/// The draft to fill: the one fixing `--application`, else the latest one (of `kind`, if
/// given), else a new one.
fn pick_draft(portal: &Portal, out: &Output, args: &Args) -> Result<Draft, CliError> {
    let explain = |e| portal.explain(&e);
    if !args.new {
        let drafts = portal.app.drafts().map_err(explain)?;
        let waiting = drafts.into_iter().find(|d| match args.application {
            Some(id) => d.application_id == Some(id),
            None => args.kind.is_none_or(|k| d.kind == k),
        });
        if let Some(draft) = waiting {
            out.note(
                format!(
                    "继续填写上次的草稿（{}，{} 保存）",
                    draft.kind.as_str(),
                    super::views::bj(draft.updated_at)
                ),
                format!(
                    "Resuming the draft ({}, saved {})",
                    draft.kind.as_str(),
                    super::views::bj(draft.updated_at)
                ),
            );
            return Ok(draft);
        }
    }
    if let Some(id) = args.application {
        portal.run(portal.app.refresh_applications())?;
        return portal.app.edit_application(id).map_err(explain);
    }
    let kind = args.kind.unwrap_or(ApplicationKind::IndividualOrdinary);
    portal.app.create_draft(kind).map_err(explain)
}

/// Takes the fields of a JSON form that are present.
fn merge(into: &mut ApplicationForm, from: ApplicationForm) {
    if from.licence_file.is_some() {
        into.licence_file = from.licence_file;
    }
    if from.address.is_some() {
        into.address = from.address;
    }
    into.c5_licence |= from.c5_licence;
    if from.family.is_some() {
        into.family = from.family;
    }
}

#[derive(Serialize)]
struct ApplyView {
    draft: String,
    kind: &'static str,
    application_id: Option<i64>,
    form: ApplicationForm,
    ready: bool,
    checks: Vec<FieldCheck>,
    missing_documents: Vec<DocumentKind>,
    uploaded: Vec<Uploaded>,
    submitted: Option<ApplicationView>,
}

impl ApplyView {
    fn new(draft: &Draft, preview: &Preview, uploaded: Vec<Uploaded>) -> ApplyView {
        ApplyView {
            draft: draft.local_id.clone(),
            kind: draft.kind.as_str(),
            application_id: draft.application_id,
            form: draft.form.clone(),
            ready: preview.ready,
            checks: preview.checks.clone(),
            missing_documents: preview.missing_documents.clone(),
            uploaded,
            submitted: None,
        }
    }

    fn human(&self, lang: Lang) -> String {
        let mut s = String::new();
        if let Some(app) = &self.submitted {
            let code = app.code.clone().unwrap_or_default();
            return match lang {
                Lang::Zh => format!(
                    "✓ 已提交，申请编码 {code}（请妥善保存）；状态：{}\n",
                    app.status_zh
                ),
                Lang::En => format!(
                    "✓ Submitted: application code {code} (keep it); status: {}\n",
                    app.status_en
                ),
            };
        }
        for c in &self.checks {
            let mark = if c.valid { "✓" } else { "✗" };
            s += &format!("{mark} {}\n", c.field);
            for e in &c.errors {
                s += &format!("    {}\n", redact(e.message(lang)));
            }
        }
        for m in self.missing_documents.iter().map(|k| k.as_str()) {
            s += &match lang {
                Lang::Zh => format!("✗ 缺少材料 {m}：yaohao upload {m} <照片>\n"),
                Lang::En => format!("✗ missing material {m}: yaohao upload {m} <photo>\n"),
            };
        }
        s += if self.ready {
            lang.pick("可以提交。\n", "Ready to submit.\n")
        } else {
            lang.pick(
                "尚不能提交（草稿已保存）。\n",
                "Not ready to submit (the draft is saved).\n",
            )
        };
        s
    }
}

/// Runs `yaohao apply`.
pub fn run(args: Args, out: &Output, portal: Option<&str>) -> Result<(), CliError> {
    let portal = Portal::open(portal, out)?;
    portal.require_login()?;
    let resident_id = portal
        .app
        .profile()
        .map_err(|e| portal.explain(&e))?
        .map(|a| a.resident_id);
    let draft = pick_draft(&portal, out, &args)?;
    let mut filling = Filling {
        portal: &portal,
        out,
        draft,
        resident_id,
    };
    if let Some(path) = &args.from {
        let mut form = filling.draft.form.clone();
        merge(&mut form, read_json(path)?);
        filling.save(form)?;
    }
    if args.c5 {
        let mut form = filling.draft.form.clone();
        form.c5_licence = true;
        filling.save(form)?;
    }
    for (field, value) in [
        (FormField::LicenceFile, &args.licence_file),
        (FormField::Address, &args.address),
    ] {
        if let Some(value) = value {
            filling.set(field, value)?;
        }
    }
    let interactive = !args.no_input;
    if interactive {
        for field in filling.missing() {
            filling.ask(field)?;
        }
    }
    let mut uploaded = Vec::new();
    for (kind, path) in &args.documents {
        let photo = crate::input::read_bytes(path, crate::input::PHOTO_BYTES)?;
        let done = super::upload::add(&portal, &filling.draft, *kind, photo)?;
        out.note(done.line(Lang::Zh), done.line(Lang::En));
        uploaded.push(done);
    }
    let preview = loop {
        let preview = portal
            .app
            .preview(filling.draft.local_id.clone())
            .map_err(|e| portal.explain(&e))?;
        let to_fix: Vec<FormField> = preview
            .checks
            .iter()
            .filter(|c| !c.valid)
            .filter_map(|c| FormField::parse(&c.field))
            .collect();
        if !interactive || to_fix.is_empty() {
            break preview;
        }
        for check in preview.checks.iter().filter(|c| !c.valid) {
            for e in &check.errors {
                eprintln!("  ✗ {}: {}", check.field, redact(e.message(out.lang)));
            }
        }
        for field in to_fix {
            filling.ask(field)?;
        }
    };
    // The preview synced the draft: reload it for its portal id.
    let draft = portal
        .app
        .draft(filling.draft.local_id.clone())
        .map_err(|e| portal.explain(&e))?;
    let mut view = ApplyView::new(&draft, &preview, uploaded);
    if args.no_submit {
        out.emit(&view, |lang| view.human(lang));
        return Ok(());
    }
    if !preview.ready {
        out.emit(&view, |lang| view.human(lang));
        let (code, zh, en) = if preview.checks.iter().any(|c| !c.valid) {
            (
                "invalid_form",
                "表单有需要修改的内容（见上），草稿已保存。",
                "Some fields need fixing (see above); the draft is saved.",
            )
        } else {
            (
                "missing_documents",
                "还缺少材料（见上）：用 yaohao upload 上传后再运行 yaohao apply。",
                "Materials are missing (see above): upload them with `yaohao upload`, then run `yaohao apply` again.",
            )
        };
        return Err(CliError::invalid(code, zh, en));
    }
    let go = args.yes
        || (interactive
            && confirm(
                out,
                "确认提交申请？[y/N] ",
                "Submit the application? [y/N] ",
            )?
            .unwrap_or(false));
    if !go {
        out.emit(&view, |lang| {
            format!(
                "{}{}",
                view.human(lang),
                lang.pick(
                    "未提交；草稿已保存（用 --yes 直接提交）。\n",
                    "Not submitted; the draft is kept (--yes submits without asking).\n"
                )
            )
        });
        return Ok(());
    }
    let app = portal.run(portal.app.submit(draft.local_id.clone()))?;
    view.submitted = Some(ApplicationView::from(&app));
    out.emit(&view, |lang| view.human(lang));
    Ok(())
}
