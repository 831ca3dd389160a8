//! `yaohao register`: a new applicant account, confirmed with an SMS code.

use serde::Serialize;
use yaohao_core::api::UnitRegistration;
use yaohao_core::facade::{Registration, SmsPurpose};
use yaohao_core::validate;

use super::sms::{Credentials, Recipient};
use super::views::AccountView;
use crate::output::{CliError, Output};
use crate::portal::Portal;
use crate::portal::prompt::valid_value;

/// Arguments of `yaohao register`.
#[derive(clap::Args)]
#[command(after_help = "Examples:
  yaohao --portal https://portal.example register
  yaohao register --id 110105199001011232 --name 王小明 --mobile 13800138000 --send-code
  yaohao register --id 110105199001011232 --name 王小明 --mobile 13800138000 --code 123456
  yaohao register --unit --credit-code 91350100M000100Y43 --unit-name 北京某某科技有限公司 \
      --id 110105199001011232 --name 王小明 --mobile 13800138000     # a unit, by its contact person

Missing values are asked for on the terminal. The password may also come from YAOHAO_PASSWORD.
Exit status: 0 registered (or code sent), 1 invalid input or refused, 2 usage, 4 portal unreachable.")]
pub struct Args {
    #[command(flatten)]
    credentials: Credentials,
    /// Name exactly as on the ID card (姓名).
    #[arg(long)]
    name: Option<String>,
    /// Mainland mobile number the SMS code goes to (手机号码).
    #[arg(long)]
    mobile: Option<String>,
    /// Register a unit (单位): its credit code, its name, and its contact person (经办人), whose
    /// ID, name and mobile the other flags give.
    #[arg(long)]
    unit: bool,
    /// The unit's name as on its business licence (with `--unit`).
    #[arg(long, requires = "unit")]
    unit_name: Option<String>,
}

#[derive(Serialize)]
struct Registered {
    registered: bool,
    account: AccountView,
}

/// Runs `yaohao register`.
pub fn run(mut args: Args, out: &Output, portal: Option<&str>) -> Result<(), CliError> {
    let portal = Portal::open(portal, out)?;
    let unit = if args.unit {
        let credit_code = args.credentials.credit_code(out)?;
        let unit_name = valid_value(
            out,
            args.unit_name.take(),
            "--unit-name",
            (
                "单位名称（与营业执照一致）：",
                "Unit name (as on the business licence): ",
            ),
            validate::unit_name,
        )?;
        Some((credit_code, unit_name))
    } else {
        None
    };
    let resident_id = args.credentials.resident_id(out)?;
    let name = valid_value(
        out,
        args.name,
        "--name",
        ("姓名（与身份证一致）：", "Name (as on the ID card): "),
        validate::name,
    )?;
    let mobile = valid_value(
        out,
        args.mobile,
        "--mobile",
        ("手机号码：", "Mobile number: "),
        validate::phone,
    )?;
    let Some((sms_code, password)) = args.credentials.code_and_password(
        &portal,
        out,
        SmsPurpose::Register,
        Recipient::Mobile(&mobile),
    )?
    else {
        return Ok(());
    };
    let account = match unit {
        Some((credit_code, unit_name)) => {
            portal.run(portal.app.register_unit(UnitRegistration {
                credit_code,
                unit_name,
                contact_resident_id: resident_id,
                contact_name: name,
                mobile,
                password,
                sms_code,
            }))?
        }
        None => portal.run(portal.app.register(Registration {
            resident_id,
            name,
            mobile,
            password,
            sms_code,
        }))?,
    };
    portal.remember()?;
    let view = Registered {
        registered: true,
        account: AccountView::from(&account),
    };
    out.emit(&view, |lang| match lang {
        yaohao_core::i18n::Lang::Zh => format!(
            "✓ 注册成功：{}。下一步：yaohao login{}\n",
            view.account.line(),
            if args.unit { " --credit-code …" } else { "" }
        ),
        yaohao_core::i18n::Lang::En => format!(
            "✓ Registered: {}. Next: yaohao login{}\n",
            view.account.line(),
            if args.unit { " --credit-code …" } else { "" }
        ),
    });
    Ok(())
}
