//! `yaohao validate <field> <value>`: check one form field before the official review does.
//!
//! Exit 0 when valid, 1 when not (the result is printed either way).

use crate::output::{CliError, Output, table};
use clap::ValueEnum;
use yaohao_core::validate::{self, Field, Validation};

/// Which field to validate.
#[derive(Clone, Copy, ValueEnum)]
pub enum FieldArg {
    /// Resident ID number (身份证号码).
    Id,
    /// Name as on the ID card (姓名).
    Name,
    /// Mobile number (手机号码).
    Phone,
    /// Driving-licence file number (档案编号, 12 digits).
    LicenceFile,
    /// Application code (申请编码, 13 digits).
    Code,
    /// Contact address (联系地址).
    Address,
    /// A unit's unified social credit code (统一社会信用代码, 18 characters).
    CreditCode,
    /// A unit's registered name (单位名称).
    UnitName,
}

/// Arguments of `yaohao validate`.
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  yaohao validate id 11010519491231002X\n  yaohao validate licence-file 11010519491231002X --id 11010519491231002X\n  yaohao validate address 北京朝阳区建国路88号 --json\n  yaohao validate credit-code 91350100M000100Y43"
)]
pub struct Args {
    /// The field.
    #[arg(value_enum)]
    field: FieldArg,
    /// The value as typed.
    value: String,
    /// With `licence-file`: the applicant's ID number, to catch a licence number typed by mistake.
    #[arg(long)]
    id: Option<String>,
}

/// Runs `yaohao validate`.
pub fn run(args: Args, out: &Output) -> Result<(), CliError> {
    let field = match args.field {
        FieldArg::Id => Field::Id,
        FieldArg::Name => Field::Name,
        FieldArg::Phone => Field::Phone,
        FieldArg::LicenceFile => Field::LicenceFile,
        FieldArg::Code => Field::Code,
        FieldArg::Address => Field::Address,
        FieldArg::CreditCode => Field::CreditCode,
        FieldArg::UnitName => Field::UnitName,
    };
    // The licence-file check also needs the applicant's ID to name the mix-up exactly.
    let result = match (field, args.id.as_deref()) {
        (Field::LicenceFile, Some(id)) => validate::licence_file(&args.value, Some(id)),
        _ => validate::validate(field, &args.value),
    };
    out.emit(&result, |lang| human(&result, out, lang));
    if result.valid {
        Ok(())
    } else {
        Err(CliError::Reported)
    }
}

fn human(v: &Validation, out: &Output, lang: yaohao_core::i18n::Lang) -> String {
    let mut s = String::new();
    if v.valid {
        s.push_str(out.pick("✓ 有效", "✓ valid"));
    } else {
        s.push_str(out.pick("✗ 无效", "✗ invalid"));
    }
    if let Some(n) = &v.normalized {
        s.push_str(&format!("  {}: {n}", out.pick("规范写法", "normalized")));
    }
    s.push('\n');
    if !v.errors.is_empty() {
        let header = [out.pick("代码", "code"), out.pick("说明", "explanation")];
        s.push_str(&table(
            header,
            v.errors
                .iter()
                .map(|e| [e.code.clone(), e.message(lang).to_owned()]),
        ));
    }
    s
}
